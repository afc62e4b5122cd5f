/**
 * A distributed Kafka Connect worker whose plugin path holds FileStream, the
 * Debezium PostgreSQL and MySQL/MariaDB connectors and the Apicurio converter.
 *
 * The worker resolves config-provider references in connector configs, so
 * that no connector holds a literal password:
 *
 *   ${file:<secretsFile>:pg.password}      FileConfigProvider, a properties file
 *   ${dir:<secretsDir>:pg.password}        DirectoryConfigProvider, one file per key
 *   ${env:EVENTPORT_CONNECT_PG_PASSWORD}   EnvVarConfigProvider, the worker's environment
 *
 * The file and dir providers only read inside the worker's folder
 * (`allowed.paths`), the env provider only variables named EVENTPORT_CONNECT_*.
 * Connect stores and returns the references; only the running connector and
 * its tasks see the values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JvmProcess, startUntilReady } from './jvm';
import { jvmBaseFlags, log4jFlag } from './kafka';
import { ensurePluginManifests } from './pluginManifests';
import { freePort } from './ports';

/** Kafka's own config providers (kafka-clients), by the name the worker gives them. */
export const CONFIG_PROVIDERS = {
  file: 'org.apache.kafka.common.config.provider.FileConfigProvider',
  dir: 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
  env: 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
} as const;

/** Demo values (not real credentials) in the secrets file and folder. */
export const DEMO_SECRETS: Record<string, string> = {
  'pg.password': 'eventport-demo-postgres',
  'mysql.password': 'eventport-demo-mariadb',
};

/** The same demo values in the worker's environment, for `${env:...}`. */
const DEMO_ENV_SECRETS: Record<string, string> = {
  EVENTPORT_CONNECT_PG_PASSWORD: DEMO_SECRETS['pg.password'],
  EVENTPORT_CONNECT_MYSQL_PASSWORD: DEMO_SECRETS['mysql.password'],
};

/** Writes the demo secrets, readable by this user only; existing ones are kept. */
function writeDemoSecrets(file: string, dir: string) {
  if (!fs.existsSync(file)) {
    fs.writeFileSync(
      file,
      [
        '# Demo secrets of the devstack Connect worker (not real credentials).',
        `# In a connector config: \${file:${file}:pg.password}`,
        ...Object.entries(DEMO_SECRETS).map(([k, v]) => `${k}=${v}`),
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [k, v] of Object.entries(DEMO_SECRETS)) {
    const f = path.join(dir, k);
    if (!fs.existsSync(f)) fs.writeFileSync(f, v, { mode: 0o600 });
  }
}

export interface ConnectOptions {
  java: string;
  libs: string;
  pluginPath: string;
  runDir: string;
  bootstrap: string[];
  replicationFactor: number;
  port: number;
  heapMb: number;
  readyTimeoutMs: number;
}

export interface ConnectWorker {
  url: string;
  /**
   * The worker's demo secrets (a properties file): `${file:<secretsFile>:<key>}`
   * in a connector config resolves to the key's value. Keys can be added at
   * any time; the provider reads the file on each resolution.
   */
  secretsFile: string;
  /** A folder with one file per secret: `${dir:<secretsDir>:<file name>}`. */
  secretsDir: string;
  process: JvmProcess;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startConnect(
  opts: ConnectOptions,
): Promise<ConnectWorker> {
  const port = opts.port || (await freePort());
  const dir = path.join(opts.runDir, 'connect');
  fs.mkdirSync(dir, { recursive: true });
  const rf = opts.replicationFactor;
  const secretsFile = path.join(dir, 'secrets.properties');
  const secretsDir = path.join(dir, 'secrets');
  writeDemoSecrets(secretsFile, secretsDir);
  const configFile = path.join(dir, 'connect-distributed.properties');
  fs.writeFileSync(
    configFile,
    [
      `bootstrap.servers=${opts.bootstrap.join(',')}`,
      `group.id=eventport-connect`,
      `key.converter=org.apache.kafka.connect.json.JsonConverter`,
      `value.converter=org.apache.kafka.connect.json.JsonConverter`,
      `config.storage.topic=_eventport-connect-configs`,
      `offset.storage.topic=_eventport-connect-offsets`,
      `status.storage.topic=_eventport-connect-status`,
      `config.storage.replication.factor=${rf}`,
      `offset.storage.replication.factor=${rf}`,
      `status.storage.replication.factor=${rf}`,
      `offset.storage.partitions=5`,
      `status.storage.partitions=3`,
      `offset.flush.interval.ms=1000`,
      `listeners=http://localhost:${port}`,
      `rest.advertised.host.name=localhost`,
      `rest.advertised.port=${port}`,
      `plugin.path=${opts.pluginPath}`,
      // Plugins found through their ServiceLoader manifests, not a reflective
      // scan of every class (see pluginManifests).
      `plugin.discovery=${ensurePluginManifests(opts.pluginPath)}`,
      // Lets a connector override client settings (Debezium's history topics, tests' fast polls).
      `connector.client.config.override.policy=All`,
      // Secrets as references, resolved by the worker (see the top of this file).
      `config.providers=file,env,dir`,
      `config.providers.file.class=${CONFIG_PROVIDERS.file}`,
      `config.providers.file.param.allowed.paths=${dir}`,
      `config.providers.dir.class=${CONFIG_PROVIDERS.dir}`,
      `config.providers.dir.param.allowed.paths=${dir}`,
      `config.providers.env.class=${CONFIG_PROVIDERS.env}`,
      `config.providers.env.param.allowlist.pattern=EVENTPORT_CONNECT_.*`,
      '',
    ].join('\n'),
  );
  const url = `http://localhost:${port}`;
  const jvm = new JvmProcess({
    name: 'connect',
    java: opts.java,
    args: [
      ...jvmBaseFlags(opts.heapMb),
      log4jFlag(opts.runDir),
      '-cp',
      path.join(opts.libs, '*'),
      'org.apache.kafka.connect.cli.ConnectDistributed',
      configFile,
    ],
    cwd: dir,
    env: { ...process.env, ...DEMO_ENV_SECRETS },
    logFile: path.join(opts.runDir, 'connect.log'),
  });
  const server = await startUntilReady(
    jvm,
    `ready (GET ${url}/connector-plugins answered)`,
    async () => {
      const res = await fetch(`${url}/connector-plugins`, {
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) return false;
      const plugins = (await res.json()) as unknown[];
      return Array.isArray(plugins) && plugins.length > 0;
    },
    opts.readyTimeoutMs,
  );
  return { url, secretsFile, secretsDir, process: jvm, ...server };
}
