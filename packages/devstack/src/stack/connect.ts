/**
 * A distributed Kafka Connect worker whose plugin path holds FileStream, the
 * Debezium PostgreSQL and MySQL/MariaDB connectors and the Apicurio converter.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JvmProcess, startUntilReady } from './jvm';
import { jvmBaseFlags, log4jFlag } from './kafka';
import { freePort } from './ports';

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
      // Lets a connector override client settings (Debezium's history topics, tests' fast polls).
      `connector.client.config.override.policy=All`,
      '',
    ].join('\n'),
  );
  const url = `http://localhost:${port}`;
  const process = new JvmProcess({
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
    logFile: path.join(opts.runDir, 'connect.log'),
  });
  const server = await startUntilReady(
    process,
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
  return { url, process, ...server };
}
