/**
 * Apache Kafka in KRaft mode, 1 to N brokers: node 1 is broker and the
 * (single) controller, the other nodes are brokers. Each node has a client
 * listener (PLAINTEXT, or SASL_PLAINTEXT with PLAIN), an internal PLAINTEXT
 * listener for replication and Kafka Connect, and node 1 a controller listener.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { StackError } from './errors';
import { JvmProcess } from './jvm';
import { freePort } from './ports';

const execFileAsync = promisify(execFile);

export interface KafkaNodeSpec {
  nodeId: number;
  port: number;
  internalPort: number;
  controllerPort?: number;
  dir: string;
}

export interface ApacheKafkaOptions {
  java: string;
  libs: string;
  runDir: string;
  brokers: number;
  /** Client ports: `ports[i]` for node i+1; 0 or absent picks a free port. */
  ports: number[];
  sasl?: { username: string; password: string };
  heapMb: number;
  readyTimeoutMs: number;
}

export interface ApacheKafka {
  bootstrapServers: string[];
  /** Bootstrap over the internal PLAINTEXT listeners (what Connect uses). */
  internalBootstrap: string[];
  nodes: Array<KafkaNodeSpec & { process: JvmProcess }>;
  clusterId: string;
  restartNode(nodeId: number): Promise<void>;
  /** Stops one node, as a crash would leave the cluster (for fault tests). */
  stopNode(nodeId: number): Promise<void>;
  /** Starts a stopped node again and waits until every broker answers. */
  startNode(nodeId: number): Promise<void>;
  stop(): Promise<void>;
}

/** A random Kafka cluster id: 16 bytes, base64url without padding. */
export function randomClusterId(): string {
  return randomBytes(16).toString('base64url');
}

const LOG4J2 = `# Eventport's log4j2 config for the real stack: everything to stdout,
# which the launcher writes to the server's log file.
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.controller.name = org.apache.kafka.controller
logger.controller.level = INFO
logger.reflections.name = org.reflections
logger.reflections.level = ERROR
`;

/** Writes the log4j2 config once per run folder and returns the JVM flag for it. */
export function log4jFlag(runDir: string): string {
  const file = path.join(runDir, 'log4j2.properties');
  if (!fs.existsSync(file)) fs.writeFileSync(file, LOG4J2);
  return `-Dlog4j2.configurationFile=${file}`;
}

export function jvmBaseFlags(heapMb: number): string[] {
  // Small heaps and the serial collector: several JVMs share 2 cores here.
  return [
    `-Xms${Math.min(64, heapMb)}m`,
    `-Xmx${heapMb}m`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
  ];
}

function serverProperties(
  node: KafkaNodeSpec,
  all: KafkaNodeSpec[],
  opts: ApacheKafkaOptions,
): string {
  const controller = all[0];
  const n = all.length;
  const client = opts.sasl ? 'SASL_PLAINTEXT' : 'PLAINTEXT';
  const listeners = [
    `CLIENT://localhost:${node.port}`,
    `INTERNAL://localhost:${node.internalPort}`,
  ];
  if (node.controllerPort)
    listeners.push(`CONTROLLER://localhost:${node.controllerPort}`);
  const lines = [
    `process.roles=${node.controllerPort ? 'broker,controller' : 'broker'}`,
    `node.id=${node.nodeId}`,
    `controller.quorum.voters=${controller.nodeId}@localhost:${controller.controllerPort}`,
    `controller.listener.names=CONTROLLER`,
    `listeners=${listeners.join(',')}`,
    `advertised.listeners=CLIENT://localhost:${node.port},INTERNAL://localhost:${node.internalPort}`,
    `listener.security.protocol.map=CLIENT:${client},INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT`,
    `inter.broker.listener.name=INTERNAL`,
    `log.dirs=${path.join(node.dir, 'data')}`,
    `num.partitions=1`,
    `default.replication.factor=${Math.min(3, n)}`,
    `offsets.topic.replication.factor=${Math.min(3, n)}`,
    `transaction.state.log.replication.factor=${Math.min(3, n)}`,
    `transaction.state.log.min.isr=${Math.min(2, n)}`,
    `share.coordinator.state.topic.replication.factor=${Math.min(3, n)}`,
    `share.coordinator.state.topic.min.isr=${Math.min(2, n)}`,
    // A governed cluster: topics are created through Eventport, not by a typo in a client.
    `auto.create.topics.enable=false`,
    `group.initial.rebalance.delay.ms=0`,
    `num.network.threads=2`,
    `num.io.threads=4`,
    `background.threads=2`,
    `log.cleaner.threads=1`,
    `log.cleaner.dedupe.buffer.size=8388608`,
  ];
  if (opts.sasl) {
    const q = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    lines.push(
      `sasl.enabled.mechanisms=PLAIN`,
      `listener.name.client.sasl.enabled.mechanisms=PLAIN`,
      `listener.name.client.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ` +
        `user_${opts.sasl.username}="${q(opts.sasl.password)}";`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function format(
  opts: ApacheKafkaOptions,
  node: KafkaNodeSpec,
  configFile: string,
  clusterId: string,
) {
  try {
    await execFileAsync(
      opts.java,
      [
        ...jvmBaseFlags(128),
        log4jFlag(opts.runDir),
        '-cp',
        path.join(opts.libs, '*'),
        'kafka.tools.StorageTool',
        'format',
        `--cluster-id=${clusterId}`,
        '--config',
        configFile,
      ],
      { timeout: 120_000, maxBuffer: 4 << 20 },
    );
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new StackError(
      `formatting the storage of Kafka node ${node.nodeId} failed: ${
        err.message
      }\n${err.stdout ?? ''}${err.stderr ?? ''}`,
    );
  }
}

async function waitForBrokers(
  opts: ApacheKafkaOptions,
  bootstrap: string[],
  nodes: Array<{ process: JvmProcess }>,
  expected: number,
) {
  const kafka = new Kafka({
    clientId: 'eventport-stack-readiness',
    brokers: bootstrap,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 5000,
    retry: { retries: 0 },
    ...(opts.sasl
      ? { sasl: { mechanism: 'plain' as const, ...opts.sasl } }
      : {}),
  });
  const admin = kafka.admin();
  try {
    const first = nodes[0].process;
    await first.waitUntil(
      `ready (all ${expected} brokers registered)`,
      async () => {
        for (const n of nodes) {
          if (n.process.exited)
            throw n.process.failure('exited during start-up');
        }
        await admin.connect();
        const cluster = await admin.describeCluster();
        return (
          cluster.brokers.length >= expected && cluster.controller !== null
        );
      },
      opts.readyTimeoutMs,
    );
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

export async function startApacheKafka(
  opts: ApacheKafkaOptions,
): Promise<ApacheKafka> {
  const clusterId = randomClusterId();
  const specs: KafkaNodeSpec[] = [];
  for (let i = 0; i < opts.brokers; i++) {
    const nodeId = i + 1;
    const dir = path.join(opts.runDir, `kafka-${nodeId}`);
    // Fresh storage (a start tried again after a port race finds the old one).
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    specs.push({
      nodeId,
      port: opts.ports[i] || (await freePort()),
      internalPort: await freePort(),
      controllerPort: i === 0 ? await freePort() : undefined,
      dir,
    });
  }
  const nodes = specs.map(spec => {
    const configFile = path.join(spec.dir, 'server.properties');
    fs.writeFileSync(configFile, serverProperties(spec, specs, opts), {
      mode: 0o600,
    });
    const process = new JvmProcess({
      name: `kafka-${spec.nodeId}`,
      java: opts.java,
      args: [
        ...jvmBaseFlags(opts.heapMb),
        log4jFlag(opts.runDir),
        '-cp',
        path.join(opts.libs, '*'),
        'kafka.Kafka',
        configFile,
      ],
      cwd: spec.dir,
      logFile: path.join(opts.runDir, `kafka-${spec.nodeId}.log`),
    });
    return { ...spec, configFile, process };
  });
  await Promise.all(nodes.map(n => format(opts, n, n.configFile, clusterId)));
  for (const n of nodes) n.process.start();
  const bootstrapServers = specs.map(s => `localhost:${s.port}`);
  const nodeOf = (nodeId: number) => {
    const node = nodes.find(n => n.nodeId === nodeId);
    if (!node)
      throw new StackError(
        `no Kafka node ${nodeId}; nodes are 1..${nodes.length}`,
      );
    return node;
  };
  const handle: ApacheKafka = {
    bootstrapServers,
    internalBootstrap: specs.map(s => `localhost:${s.internalPort}`),
    nodes,
    clusterId,
    async restartNode(nodeId) {
      const node = nodeOf(nodeId);
      await node.process.stop();
      node.process.start();
      await waitForBrokers(opts, bootstrapServers, nodes, nodes.length);
    },
    async stopNode(nodeId) {
      await nodeOf(nodeId).process.stop();
    },
    async startNode(nodeId) {
      nodeOf(nodeId).process.start();
      await waitForBrokers(opts, bootstrapServers, nodes, nodes.length);
    },
    async stop() {
      // Brokers first, the controller last, so that brokers shut down cleanly.
      await Promise.all(nodes.slice(1).map(n => n.process.stop()));
      await nodes[0].process.stop();
    },
  };
  try {
    await waitForBrokers(opts, bootstrapServers, nodes, nodes.length);
  } catch (e) {
    await handle.stop();
    throw e;
  }
  return handle;
}

