import AdmZip from 'adm-zip';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePluginManifests, MANIFEST_JAR } from './pluginManifests';

describe('ensurePluginManifests', () => {
  let pluginPath: string;
  beforeEach(() => {
    pluginPath = fs.mkdtempSync(path.join(os.tmpdir(), 'plugins-'));
  });
  afterEach(() => fs.rmSync(pluginPath, { recursive: true, force: true }));

  it("adds the Apicurio converters' ServiceLoader manifest as a jar, once", () => {
    fs.mkdirSync(path.join(pluginPath, 'apicurio-converter'));
    expect(ensurePluginManifests(pluginPath)).toBe('service_load');
    const jar = path.join(pluginPath, 'apicurio-converter', MANIFEST_JAR);
    const entry = new AdmZip(jar).getEntry(
      'META-INF/services/org.apache.kafka.connect.storage.Converter',
    );
    expect(entry?.getData().toString('utf8').trim().split('\n')).toEqual([
      'io.apicurio.registry.utils.converter.AvroConverter',
      'io.apicurio.registry.utils.converter.ExtJsonConverter',
      'io.apicurio.registry.utils.converter.SerdeBasedConverter',
    ]);
    const written = fs.statSync(jar).mtimeMs;
    expect(ensurePluginManifests(pluginPath)).toBe('service_load');
    expect(fs.statSync(jar).mtimeMs).toBe(written);
    expect(fs.readdirSync(path.join(pluginPath, 'apicurio-converter'))).toEqual(
      [MANIFEST_JAR],
    );
  });

  it('falls back to scanning when it cannot write the jar', () => {
    const dir = path.join(pluginPath, 'apicurio-converter');
    fs.mkdirSync(dir);
    // A folder where the jar should go: the write fails as on a read-only cache.
    fs.mkdirSync(path.join(dir, `${MANIFEST_JAR}.${process.pid}.partial`));
    expect(ensurePluginManifests(pluginPath)).toBe('hybrid_warn');
  });
});
