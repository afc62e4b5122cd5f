/** Apicurio Registry 3 (the Quarkus app), in-memory storage, deletions enabled. */
import fs from 'node:fs';
import path from 'node:path';
import { JvmProcess, startUntilReady } from './jvm';
import { jvmBaseFlags } from './kafka';
import { freePort } from './ports';

export interface RegistryOptions {
  java: string;
  appDir: string;
  runDir: string;
  port: number;
  heapMb: number;
  readyTimeoutMs: number;
}

export interface RegistryServer {
  /** The v3 REST API base, e.g. http://localhost:8080/apis/registry/v3 */
  url: string;
  process: JvmProcess;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRegistry(
  opts: RegistryOptions,
): Promise<RegistryServer> {
  const port = opts.port || (await freePort());
  const managementPort = await freePort();
  const dir = path.join(opts.runDir, 'registry');
  fs.mkdirSync(dir, { recursive: true });
  const url = `http://localhost:${port}/apis/registry/v3`;
  const process = new JvmProcess({
    name: 'registry',
    java: opts.java,
    args: [
      ...jvmBaseFlags(opts.heapMb),
      `-Dquarkus.http.port=${port}`,
      '-Dquarkus.http.host=127.0.0.1',
      '-Dquarkus.log.console.color=false',
      // The app turns on Quarkus's management interface (health, metrics),
      // by default on the fixed port 9000, so two registries on one machine
      // (a test beside `npm run dev`, or two test workers) could not both
      // start. Whether it is on is fixed when the app is built; its port is
      // not.
      `-Dquarkus.management.port=${managementPort}`,
      '-Dquarkus.management.host=127.0.0.1',
      // In-memory storage (SQL on an in-memory H2), the default of the app;
      // named here so that a changed default cannot surprise the tests.
      '-Dapicurio.storage.kind=sql',
      '-Dapicurio.storage.sql.kind=h2',
      '-Dapicurio.rest.deletion.group.enabled=true',
      '-Dapicurio.rest.deletion.artifact.enabled=true',
      '-Dapicurio.rest.deletion.artifact-version.enabled=true',
      '-jar',
      path.join(opts.appDir, 'quarkus-run.jar'),
    ],
    cwd: dir,
    logFile: path.join(opts.runDir, 'registry.log'),
  });
  const server = await startUntilReady(
    process,
    `ready (GET ${url}/system/info answered)`,
    async () =>
      (
        await fetch(`${url}/system/info`, { signal: AbortSignal.timeout(5000) })
      ).ok,
    opts.readyTimeoutMs,
  );
  return { url, process, ...server };
}
