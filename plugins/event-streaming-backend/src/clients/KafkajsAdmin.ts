import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterDescription,
  KafkaAdmin,
  KafkaClusterConfig,
} from '@eventport/plugin-event-streaming-node';
import { Admin, Kafka, logLevel, SASLOptions } from 'kafkajs';
import { toBackstageError, withTimeout } from './kafkaErrors';

/** Timeouts for every call towards Kafka. */
export interface KafkaTimeouts {
  /** TCP connect timeout per broker. */
  connectionMs: number;
  /** Timeout of a single request. */
  requestMs: number;
  /** Upper bound for a whole operation, retries included. */
  operationMs: number;
}

export const DEFAULT_KAFKA_TIMEOUTS: KafkaTimeouts = {
  connectionMs: 3000,
  requestMs: 10000,
  operationMs: 15000,
};

function kafkajsLogLevel(level: logLevel) {
  switch (level) {
    case logLevel.ERROR:
    case logLevel.NOTHING:
      return 'error' as const;
    case logLevel.WARN:
      return 'warn' as const;
    default:
      return 'debug' as const;
  }
}

/**
 * `KafkaAdmin` over kafkajs. One admin client per cluster is connected lazily
 * and reused across requests; after a failed connect the next call tries again.
 */
export class KafkajsAdmin implements KafkaAdmin {
  private connected?: Promise<Admin>;

  static create(options: {
    cluster: KafkaClusterConfig;
    logger: LoggerService;
    timeouts?: Partial<KafkaTimeouts>;
  }): KafkajsAdmin {
    const timeouts = { ...DEFAULT_KAFKA_TIMEOUTS, ...options.timeouts };
    const { cluster, logger } = options;
    const kafka = new Kafka({
      clientId: `eventport-${cluster.name}`,
      brokers: cluster.brokers,
      ssl: cluster.ssl,
      sasl: cluster.sasl as SASLOptions | undefined,
      connectionTimeout: timeouts.connectionMs,
      requestTimeout: timeouts.requestMs,
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }) => {
          const { message, ...meta } = log;
          logger[kafkajsLogLevel(level)](`kafkajs: ${message}`, {
            broker: meta.broker,
            clientId: meta.clientId,
          });
        },
    });
    return new KafkajsAdmin(cluster.name, kafka.admin(), timeouts);
  }

  private constructor(
    private readonly clusterName: string,
    private readonly admin: Admin,
    private readonly timeouts: KafkaTimeouts,
  ) {}

  private async connectedAdmin(): Promise<Admin> {
    if (!this.connected) {
      this.connected = this.admin.connect().then(() => this.admin);
      this.connected.catch(() => {
        this.connected = undefined;
      });
    }
    return this.connected;
  }

  /** Runs one operation with the operation timeout and error mapping. */
  private async run<T>(what: string, op: (admin: Admin) => Promise<T>) {
    try {
      return await withTimeout(
        this.connectedAdmin().then(op),
        this.timeouts.operationMs,
        what,
      );
    } catch (error) {
      throw toBackstageError(this.clusterName, error);
    }
  }

  async describeCluster(): Promise<ClusterDescription> {
    const description = await this.run('describe cluster', admin =>
      admin.describeCluster(),
    );
    return {
      clusterId: description.clusterId ?? null,
      controllerId: description.controller ?? null,
      brokers: description.brokers
        .map(b => ({ nodeId: b.nodeId, host: b.host, port: b.port }))
        .sort((a, b) => a.nodeId - b.nodeId),
    };
  }

  async close(): Promise<void> {
    const connected = this.connected;
    this.connected = undefined;
    if (connected) {
      await connected.then(admin => admin.disconnect()).catch(() => {});
    }
  }
}
