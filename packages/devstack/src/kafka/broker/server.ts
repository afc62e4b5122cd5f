/** Starts N in-process brokers sharing one ClusterState. */
import { kafkaInUse } from '../../testing/kafkaUse';
import net from 'node:net';
import { ClusterState } from './cluster';
import { Connection } from './connection';
import type { BrokerNode, Logger } from './context';
import { silentLogger } from './context';
import { GroupCoordinator } from './groups';
import { createHandlers } from './handlers';

export interface KafkaBrokerOptions {
  /** first port; 0 picks a free port per broker; otherwise brokers use port, port+1, ... */
  port?: number;
  /** number of brokers (default 3); node ids are 1..N */
  brokers?: number;
  /** advertised host (default 'localhost'); sockets bind to 127.0.0.1 unless bindHost is given */
  host?: string;
  bindHost?: string;
  /** enables SASL/PLAIN (required on every connection) */
  sasl?: { username: string; password: string };
  /** Metadata requests may auto-create topics (default false) */
  autoCreateTopics?: boolean;
  /** group.initial.rebalance.delay.ms (default 3000, like Kafka) */
  groupInitialRebalanceDelayMs?: number;
  /** group.min.session.timeout.ms (default 6000, like Kafka) */
  groupMinSessionTimeoutMs?: number;
  /** group.max.session.timeout.ms (default 1800000, like Kafka) */
  groupMaxSessionTimeoutMs?: number;
  logger?: Partial<Logger>;
}

export interface KafkaBrokerHandle {
  bootstrapServers: string[];
  brokers: { nodeId: number; host: string; port: number }[];
  cluster: ClusterState;
  close(): Promise<void>;
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

export async function startKafkaBroker(options: KafkaBrokerOptions = {}): Promise<KafkaBrokerHandle> {
  const count = options.brokers ?? 3;
  if (!Number.isInteger(count) || count < 1) throw new Error(`brokers must be a positive integer, got ${count}`);
  const host = options.host ?? 'localhost';
  const bindHost = options.bindHost ?? '127.0.0.1';
  const logger: Logger = { ...silentLogger, ...options.logger };
  const cluster = new ClusterState({
    autoCreateTopics: options.autoCreateTopics ?? false,
    sasl: options.sasl,
    groupInitialRebalanceDelayMs: options.groupInitialRebalanceDelayMs ?? 3000,
    groupMinSessionTimeoutMs: options.groupMinSessionTimeoutMs ?? 6000,
    groupMaxSessionTimeoutMs: options.groupMaxSessionTimeoutMs ?? 1800000,
  });
  cluster.groups = new GroupCoordinator(cluster, m => logger.info(m));
  const handlers = createHandlers();
  const servers: net.Server[] = [];
  const connections = new Set<Connection>();
  const release = kafkaInUse('embedded');
  const close = async () => {
    release();
    for (const finish of [...cluster.pendingWaits]) finish();
    cluster.groups.close();
    for (const c of [...connections]) c.close();
    await Promise.all(servers.map(s => new Promise<void>(resolve => s.close(() => resolve()))));
  };
  try {
    for (let i = 0; i < count; i++) {
      const nodeId = i + 1;
      const node: BrokerNode = { nodeId, host, port: 0, cluster, logger };
      const server = net.createServer(socket => {
        const conn = new Connection(socket, node, handlers, c => connections.delete(c));
        connections.add(conn);
      });
      servers.push(server);
      const requested = options.port ? options.port + i : 0;
      node.port = await listen(server, requested, bindHost);
      cluster.brokers.push({ nodeId, host, port: node.port });
    }
  } catch (e) {
    await close();
    throw e;
  }
  cluster.controllerId = cluster.brokers[0].nodeId;
  logger.info(`kafka brokers listening: ${cluster.brokers.map(b => `${b.nodeId}@${b.host}:${b.port}`).join(', ')}`);
  return {
    bootstrapServers: cluster.brokers.map(b => `${b.host}:${b.port}`),
    brokers: cluster.brokers.map(b => ({ ...b })),
    cluster,
    close,
  };
}
