/**
 * The real stack's artifacts: fetched once from Maven Central by the Maven
 * project in `packages/devstack/maven`, into a cache folder outside the repo
 * that later runs reuse without calling Maven (so they work offline).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StackError } from './errors';

// The devstack runs from source only (it is never built or published), so
// __dirname is this folder.
// eslint-disable-next-line no-restricted-syntax
export const MAVEN_PROJECT = path.resolve(__dirname, '..', '..', 'maven');
const UNIT_BYTES: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6 };
const STAMP = '.eventport-complete';

export interface StackVersions {
  kafka: string;
  debezium: string;
  apicurio: string;
  apicurioConverter: string;
}

export interface StackArtifacts {
  dir: string;
  versions: StackVersions;
  /** Classpath folder of the Kafka broker and the Connect worker. */
  libs: string;
  /** Connect's `plugin.path`. */
  connectPlugins: string;
  /** Apicurio Registry's Quarkus app (holds `quarkus-run.jar`). */
  registry: string;
}

function pomFiles(): string[] {
  return [
    path.join(MAVEN_PROJECT, 'pom.xml'),
    path.join(MAVEN_PROJECT, 'servers', 'pom.xml'),
  ];
}

/** The versions pinned in the Maven project's properties. */
export function stackVersions(): StackVersions {
  const pom = fs.readFileSync(pomFiles()[0], 'utf8');
  const prop = (name: string) => {
    const m = new RegExp(`<${name.replace(/\./g, '\\.')}>([^<]+)</`).exec(pom);
    if (!m) throw new Error(`${name} is missing from ${pomFiles()[0]}`);
    return m[1].trim();
  };
  return {
    kafka: prop('version.kafka'),
    debezium: prop('version.debezium'),
    apicurio: prop('version.apicurio'),
    apicurioConverter: prop('version.apicurio.converter'),
  };
}

/** `~/.cache/eventport/stack`, or `$EVENTPORT_STACK_CACHE`. */
export function cacheRoot(): string {
  if (process.env.EVENTPORT_STACK_CACHE)
    return process.env.EVENTPORT_STACK_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'eventport', 'stack');
}

/** The cache folder for this exact Maven project: versions plus a hash of the POMs. */
export function artifactsDir(): string {
  const v = stackVersions();
  const hash = createHash('sha256');
  for (const f of pomFiles()) hash.update(fs.readFileSync(f));
  const key = `kafka-${v.kafka}_debezium-${v.debezium}_apicurio-${
    v.apicurio
  }_${hash.digest('hex').slice(0, 8)}`;
  return path.join(cacheRoot(), key);
}

function describe(dir: string): StackArtifacts {
  return {
    dir,
    versions: stackVersions(),
    libs: path.join(dir, 'libs'),
    connectPlugins: path.join(dir, 'connect-plugins'),
    registry: path.join(dir, 'registry'),
  };
}

/** The artifacts when they are already in the cache, without fetching. */
export function cachedArtifacts(): StackArtifacts | undefined {
  const dir = artifactsDir();
  return fs.existsSync(path.join(dir, STAMP)) ? describe(dir) : undefined;
}

export interface FetchOptions {
  /** Progress lines for a person (one per artifact downloaded, then a summary). */
  onProgress?: (line: string) => void;
}

/**
 * Returns the cached artifacts, fetching them with Maven first when the cache
 * has none for these versions. Throws a StackError that says what to do when
 * Maven is missing or the fetch fails.
 */
export async function ensureArtifacts(
  options: FetchOptions = {},
): Promise<StackArtifacts> {
  const cached = cachedArtifacts();
  if (cached) return cached;
  const dir = artifactsDir();
  const progress = options.onProgress ?? (() => {});
  const mvn = process.env.EVENTPORT_MVN ?? 'mvn';
  if (spawnSync(mvn, ['-v'], { stdio: 'ignore' }).status !== 0) {
    throw new StackError(
      `Maven (${mvn}) is not installed or does not run. The real stack is fetched from Maven Central ` +
        `with it once. Install Maven 3.8+ (Debian: apt-get install maven), or start the embedded ` +
        `broker instead with --stack embedded.`,
    );
  }
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const logFile = `${dir}.maven.log`;
  const v = stackVersions();
  progress(
    `fetching the real stack from Maven Central (Kafka ${v.kafka}, Debezium ${v.debezium}, ` +
      `Apicurio Registry ${v.apicurio}; about 300 MB, once) into ${dir}`,
  );
  const started = Date.now();
  const log = fs.createWriteStream(logFile);
  let downloaded = 0;
  let bytes = 0;
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      mvn,
      [
        '-B',
        '-f',
        path.join(MAVEN_PROJECT, 'pom.xml'),
        'package',
        `-Dstack.dir=${partial}`,
        // Extra Maven arguments, e.g. `-s my-settings.xml` for a company mirror.
        ...(process.env.EVENTPORT_MVN_OPTS ?? '').split(/\s+/).filter(Boolean),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let buffered = '';
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /Downloaded from \S+: (\S+) \(([\d.]+) (kB|MB|B)/.exec(line);
        if (!m) continue;
        downloaded++;
        const fileBytes = Number(m[2]) * UNIT_BYTES[m[3]];
        bytes += fileBytes;
        // Large artifacts get a line of their own; the rest are counted.
        const large = fileBytes >= 5e6;
        if (large || downloaded % 50 === 0) {
          const what = large ? ` (${path.basename(m[1])}, ${m[2]} MB)` : '';
          progress(
            `  ${downloaded} files, ${(bytes / 1e6).toFixed(
              0,
            )} MB so far${what}`,
          );
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', c => resolve(c ?? 1));
  });
  await new Promise(r => log.end(r));
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n');
    const errors = tail.filter(l => l.includes('ERROR')).slice(0, 8);
    fs.rmSync(partial, { recursive: true, force: true });
    throw new StackError(
      `Maven could not fetch the real stack (exit ${code}). Check that Maven Central is reachable ` +
        `(Maven's own proxy and mirror settings apply), then run again; or use --stack embedded.\n` +
        `Full Maven log: ${logFile}\n${(errors.length
          ? errors
          : tail.slice(-15)
        ).join('\n')}`,
    );
  }
  fs.writeFileSync(
    path.join(partial, STAMP),
    JSON.stringify({ versions: v, fetchedAt: new Date().toISOString() }),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  progress(
    `fetched ${downloaded} files (${(bytes / 1e6).toFixed(
      0,
    )} MB downloaded, the rest from ~/.m2) ` +
      `in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return describe(dir);
}
