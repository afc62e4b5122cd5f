/**
 * The real stack: Apache Kafka (KRaft, 1 to 3 brokers), a Kafka Connect
 * worker with Debezium and the Apicurio converter, and Apicurio Registry 3,
 * all from Maven Central (see ../../maven). One call starts what a test or
 * the demo needs and returns its addresses and a `stop()` that ends every JVM.
 *
 *   const stack = await startStack({ brokers: 3, connect: true, registry: true });
 *   stack.kafka.bootstrapServers; stack.connect?.url; stack.registry?.url;
 *   await stack.stop();
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureArtifacts, StackVersions } from './artifacts';
import { ConnectWorker, startConnect } from './connect';
import { StackError } from './errors';
import { findJava, javaRuntimes } from './java';
import { JvmProcess } from './jvm';
import { ApacheKafka, startApacheKafka } from './kafka';
import { assertPortsFree } from './ports';
import { RegistryServer, startRegistry } from './registry';
import { OWNER_FILE, pruneStaleRunDirs } from './runDirs';
import { kafkaInUse } from '../testing/kafkaUse';

const RELEASE_USE = Symbol('eventport.releaseKafkaUse');

export { StackError } from './errors';
export {
  cachedArtifacts,
  ensureArtifacts,
  stackVersions,
  artifactsDir,
  cacheRoot,
} from './artifacts';

export type { StackArtifacts, StackVersions } from './artifacts';
export { findJava, javaRuntimes } from './java';
export { CONFIG_PROVIDERS, DEMO_SECRETS } from './connect';
export type { JavaRuntime } from './java';

/** Java that Kafka 4 and Connect need, and that Apicurio Registry 3.3 needs. */
export const JAVA_FOR_KAFKA = 17;
export const JAVA_FOR_REGISTRY = 21;

/** Fixed ports of `npm run dev`; tests use free ports (0). */
export const DEFAULT_PORTS = { kafka: 9092, connect: 8083, registry: 8080 };

export interface StackOptions {
  /** Kafka brokers, 1 to 3 (default 1). With 3, replication factor 3 works. */
  brokers?: number;
  /** First client port; broker i listens on kafkaPort + i - 1. 0 (default): free ports. */
  kafkaPort?: number;
  /** Start a Connect worker (default false); a number is its port (0: free). */
  connect?: boolean | number;
  /** Start Apicurio Registry (default false); a number is its port (0: free). */
  registry?: boolean | number;
  /** SASL/PLAIN on the brokers' client listeners. */
  sasl?: { username: string; password: string };
  /** Folder for configs, data and logs; default a new temporary folder, removed by stop(). */
  runDir?: string;
  /** Progress lines for a person: the first fetch, each server's start. */
  onProgress?: (line: string) => void;
  /** Per-server readiness timeout (default 180 s: 2 cores, several JVMs). */
  readyTimeoutMs?: number;
  /**
   * Heap of each Kafka node in MB (default 256, enough for the demo and the
   * tests). Thousands of topics need more: with 10,000 topics and many
   * concurrent full metadata requests, a 256 MB node ran out of heap.
   */
  kafkaHeapMb?: number;
}

export interface StackHandle {
  kind: 'apache';
  versions: StackVersions;
  runDir: string;
  kafka: {
    bootstrapServers: string[];
    brokers: Array<{ nodeId: number; host: string; port: number }>;
    clusterId: string;
    restartBroker(nodeId: number): Promise<void>;
    /** Stops one broker, as a crash would (for fault tests). */
    stopBroker(nodeId: number): Promise<void>;
    /** Starts a stopped broker and waits until every broker answers. */
    startBroker(nodeId: number): Promise<void>;
  };
  connect?: {
    url: string;
    /**
     * The worker's secrets file (properties): `${file:<secretsFile>:pg.password}`
     * in a connector config resolves on the worker. Append keys as needed.
     */
    secretsFile: string;
    /** One file per secret: `${dir:<secretsDir>:pg.password}`. */
    secretsDir: string;
    restart(): Promise<void>;
  };
  registry?: { url: string; restart(): Promise<void> };
  /** Log file of each server, by name (kafka-1, connect, registry). */
  logs: Record<string, string>;
  /** Lets the calling process exit while the stack runs (its exit still stops every JVM). */
  unref(): void;
  /** Process ids of the running guards (one per JVM, each leading its process group). */
  pids(): number[];
  stop(): Promise<void>;
}

/**
 * `EVENTPORT_STACK_LOG` (a file): one JSON line per real stack started, so
 * that `npm test` can say how many stacks its suites started and how long
 * they took to start (the setup cost of the run).
 */
function recordStart(entry: Record<string, unknown>) {
  const file = process.env.EVENTPORT_STACK_LOG;
  if (!file) return;
  try {
    fs.appendFileSync(
      file,
      `${JSON.stringify({ pid: process.pid, ...entry })}\n`,
    );
  } catch {
    // A record for the summary only; never a reason to fail a start.
  }
}

/**
 * Free ports are found by binding port 0 and releasing it; another process
 * (a parallel test worker) can take the port before the JVM binds it. Such a
 * start is tried again, with new ports, twice at most.
 */
async function retryOnBindRace<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (e) {
      if (!(e instanceof StackError && e.bindFailed) || attempt >= 3) throw e;
    }
  }
}

const RUN_DIR_PREFIX = 'eventport-stack-';

function requireJava(min: number, what: string) {
  const java = findJava(min);
  if (java) return java;
  const found = javaRuntimes().map(r => `${r.bin} (${r.version})`);
  const where = found.length
    ? `found: ${found.join(', ')}`
    : 'no java on PATH, JAVA_HOME or /usr/lib/jvm';
  throw new StackError(
    `${what} needs Java ${min} or newer, and none was found (${where}). ` +
      `Install a JDK ${min}+ (Debian: apt-get install openjdk-${min}-jre-headless) or point ` +
      `EVENTPORT_JAVA_HOME at one; or run the embedded broker with --stack embedded.`,
  );
}

function portOf(option: boolean | number | undefined): number {
  return typeof option === 'number' ? option : 0;
}

export async function startStack(
  options: StackOptions = {},
): Promise<StackHandle> {
  const brokers = options.brokers ?? 1;
  if (!Number.isInteger(brokers) || brokers < 1 || brokers > 3) {
    throw new StackError(`brokers must be 1, 2 or 3, got ${brokers}`);
  }
  const progress = options.onProgress ?? (() => {});
  const readyTimeoutMs = options.readyTimeoutMs ?? 180_000;
  const kafkaPort = options.kafkaPort ?? 0;
  const wantConnect =
    options.connect !== undefined && options.connect !== false;
  const wantRegistry =
    options.registry !== undefined && options.registry !== false;

  const startedAt = Date.now();
  const kafkaJava = requireJava(JAVA_FOR_KAFKA, `Apache Kafka ${'4'}`);
  const registryJava = wantRegistry
    ? requireJava(JAVA_FOR_REGISTRY, 'Apicurio Registry 3.3')
    : undefined;

  const fixed: Array<{ port: number; what: string }> = [];
  if (kafkaPort) {
    for (let i = 0; i < brokers; i++)
      fixed.push({ port: kafkaPort + i, what: `Kafka broker ${i + 1}` });
  }
  if (portOf(options.connect))
    fixed.push({ port: portOf(options.connect), what: 'Kafka Connect' });
  if (portOf(options.registry))
    fixed.push({ port: portOf(options.registry), what: 'Apicurio Registry' });
  await assertPortsFree(fixed);

  const artifacts = await ensureArtifacts({ onProgress: progress });
  const ownRunDir = !options.runDir;
  if (ownRunDir) pruneStaleRunDirs(RUN_DIR_PREFIX);
  const runDir =
    options.runDir ?? fs.mkdtempSync(path.join(os.tmpdir(), RUN_DIR_PREFIX));
  fs.mkdirSync(runDir, { recursive: true });
  fs.writeFileSync(path.join(runDir, OWNER_FILE), String(process.pid));
  if (ownRunDir) {
    process.on('exit', () => {
      try {
        fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // a JVM still writing as it dies; pruneStaleRunDirs removes it next time
      }
    });
  }

  const processes: JvmProcess[] = [];
  let kafka: ApacheKafka | undefined;
  let connect: ConnectWorker | undefined;
  let registry: RegistryServer | undefined;
  const stop = async () => {
    await Promise.all([connect?.stop(), registry?.stop()]);
    await kafka?.stop();
    for (const p of processes) p.killNow();
    if (ownRunDir)
      fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  };

  let registryStarting: Promise<unknown> | undefined;
  try {
    progress(
      `starting Apache Kafka ${artifacts.versions.kafka} (${brokers} broker${
        brokers > 1 ? 's' : ''
      }, KRaft) on Java ${kafkaJava.major}`,
    );
    // The registry needs no Kafka: it starts at the same time.
    registryStarting = registryJava
      ? (progress(
          `starting Apicurio Registry ${artifacts.versions.apicurio} on Java ${registryJava.major}`,
        ),
        retryOnBindRace(() =>
          startRegistry({
            java: registryJava.bin,
            appDir: artifacts.registry,
            runDir,
            port: portOf(options.registry),
            heapMb: 384,
            readyTimeoutMs,
          }),
        ).then(r => (registry = r)))
      : undefined;
    registryStarting?.catch(() => {});
    kafka = await retryOnBindRace(() =>
      startApacheKafka({
        java: kafkaJava.bin,
        libs: artifacts.libs,
        runDir,
        brokers,
        ports: Array.from({ length: brokers }, (_, i) =>
          kafkaPort ? kafkaPort + i : 0,
        ),
        sasl: options.sasl,
        heapMb: options.kafkaHeapMb ?? 256,
        readyTimeoutMs,
      }),
    );
    processes.push(...kafka.nodes.map(n => n.process));
    const internalBootstrap = kafka.internalBootstrap;
    if (wantConnect) {
      progress(
        `starting Kafka Connect ${artifacts.versions.kafka} with Debezium ${artifacts.versions.debezium}`,
      );
      connect = await retryOnBindRace(() =>
        startConnect({
          java: kafkaJava.bin,
          libs: artifacts.libs,
          pluginPath: artifacts.connectPlugins,
          runDir,
          bootstrap: internalBootstrap,
          replicationFactor: Math.min(3, brokers),
          port: portOf(options.connect),
          heapMb: 512,
          readyTimeoutMs,
        }),
      );
      processes.push(connect.process);
    }
    await registryStarting;
    if (registry) processes.push(registry.process);
  } catch (e) {
    // A registry still starting is waited for, so that stop() can end it too.
    await registryStarting?.catch(() => {});
    await stop().catch(() => {});
    throw e;
  }

  const started = kafka;
  const release = kafkaInUse('apache');
  const logs: Record<string, string> = {};
  for (const p of processes) logs[p.name] = p.logFile;
  const handle: StackHandle = {
    kind: 'apache',
    versions: artifacts.versions,
    runDir,
    kafka: {
      bootstrapServers: started.bootstrapServers,
      brokers: started.nodes.map(n => ({
        nodeId: n.nodeId,
        host: 'localhost',
        port: n.port,
      })),
      clusterId: started.clusterId,
      restartBroker: nodeId => started.restartNode(nodeId),
      stopBroker: nodeId => started.stopNode(nodeId),
      startBroker: nodeId => started.startNode(nodeId),
    },
    connect: connect && {
      url: connect.url,
      secretsFile: connect.secretsFile,
      secretsDir: connect.secretsDir,
      restart: connect.restart,
    },
    registry: registry && { url: registry.url, restart: registry.restart },
    logs,
    unref: () => processes.forEach(p => p.unref()),
    pids: () => processes.filter(p => !p.exited && p.pid).map(p => p.pid!),
    stop: async () => {
      release();
      await stop();
    },
  };
  Object.defineProperty(handle, RELEASE_USE, { value: release });
  recordStart({
    brokers,
    connect: wantConnect,
    registry: wantRegistry,
    sasl: !!options.sasl,
    seconds: (Date.now() - startedAt) / 1000,
  });
  return handle;
}

/**
 * A test pool keeps a stack between suites: it is in use only while a
 * suite leases it (see testing/kafkaUse), not from its start.
 */
export function handOverUse(stack: StackHandle): void {
  (stack as { [RELEASE_USE]?: () => void })[RELEASE_USE]?.();
}
