/**
 * ServiceLoader manifests for the Connect plugins that ship without them, so
 * that the worker can run with `plugin.discovery=service_load` (KIP-898)
 * instead of scanning every class of the plugin path by reflection: the scan
 * took 8.6 s of each worker's start on 2 cores, the manifests 0.3 s.
 *
 * Debezium's connectors and Kafka's FileStream connectors carry manifests;
 * Apicurio's converter distribution does not (the worker's own warning in
 * `hybrid_warn` mode names its three converters). This writes what Kafka's
 * `connect-plugin-path sync-manifests` would add: a jar beside the plugin's
 * jars holding `META-INF/services/org.apache.kafka.connect.storage.Converter`.
 */
import AdmZip from 'adm-zip';
import fs from 'node:fs';
import path from 'node:path';

/** Plugin folder (under the plugin path) to the service files it lacks. */
const MISSING_MANIFESTS: Record<string, Record<string, string[]>> = {
  'apicurio-converter': {
    'org.apache.kafka.connect.storage.Converter': [
      'io.apicurio.registry.utils.converter.AvroConverter',
      'io.apicurio.registry.utils.converter.ExtJsonConverter',
      'io.apicurio.registry.utils.converter.SerdeBasedConverter',
    ],
  },
};

export const MANIFEST_JAR = 'eventport-service-manifests.jar';

/**
 * Writes the manifest jar into each plugin folder that needs one (once; the
 * file stays in the stack cache). Returns the discovery mode the worker can
 * use: `service_load` when every known gap is filled.
 */
export function ensurePluginManifests(
  pluginPath: string,
): 'service_load' | 'hybrid_warn' {
  try {
    for (const [folder, services] of Object.entries(MISSING_MANIFESTS)) {
      const dir = path.join(pluginPath, folder);
      if (!fs.existsSync(dir)) continue;
      const jar = path.join(dir, MANIFEST_JAR);
      if (fs.existsSync(jar)) continue;
      const zip = new AdmZip();
      for (const [service, classes] of Object.entries(services)) {
        zip.addFile(
          `META-INF/services/${service}`,
          Buffer.from(`${classes.join('\n')}\n`, 'utf8'),
        );
      }
      // Written aside and renamed, so that a worker never reads half a jar.
      const partial = `${jar}.${process.pid}.partial`;
      fs.writeFileSync(partial, zip.toBuffer());
      fs.renameSync(partial, jar);
    }
    return 'service_load';
  } catch {
    // A read-only cache: scanning still finds every plugin, only slower.
    return 'hybrid_warn';
  }
}
