import type { BrokerInfo } from '@eventport/plugin-event-streaming-common';

/** What the cluster says about itself. */
export interface ClusterDescription {
  clusterId: string | null;
  controllerId: number | null;
  brokers: BrokerInfo[];
}

/**
 * Administrative access to one Kafka cluster.
 *
 * The backend's implementation wraps kafkajs; every call carries a timeout and
 * connections are reused between calls. Errors from Kafka surface as
 * `@backstage/errors` types (`ServiceUnavailableError` when the cluster cannot
 * be reached).
 */
export interface KafkaAdmin {
  /** Describes the cluster: id, controller and brokers. */
  describeCluster(): Promise<ClusterDescription>;
  /** Closes the underlying connections. */
  close(): Promise<void>;
}
