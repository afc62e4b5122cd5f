import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  ConnectClient,
  KafkaAdmin,
  KafkaClusterConfig,
  readClusterConfigs,
  SchemaRegistry,
} from '@eventport/plugin-event-streaming-node';
import { ApicurioSchemaRegistry } from '../clients/ApicurioSchemaRegistry';
import { RestConnectClient } from '../clients/RestConnectClient';
import { KafkajsAdmin, KafkaTimeouts } from '../clients/KafkajsAdmin';

/** Creates the admin client of one cluster; tests swap it for failure injection. */
export type KafkaAdminFactory = (cluster: KafkaClusterConfig) => KafkaAdmin;

/** Creates the schema registry client of one cluster. */
export type SchemaRegistryFactory = (
  cluster: KafkaClusterConfig & { schemaRegistry: { url: string } },
) => SchemaRegistry;

/** Creates the Kafka Connect client of one cluster. */
export type ConnectClientFactory = (
  cluster: KafkaClusterConfig & {
    connect: NonNullable<KafkaClusterConfig['connect']>;
  },
) => ConnectClient;

/**
 * The configured clusters and one shared `KafkaAdmin` per cluster.
 * Clients are created on first use and closed on shutdown.
 */
export class ClusterRegistry {
  private readonly admins = new Map<string, KafkaAdmin>();
  private readonly registries = new Map<string, SchemaRegistry>();
  private readonly connects = new Map<string, ConnectClient>();

  static fromConfig(
    config: RootConfigService,
    options: {
      logger: LoggerService;
      timeouts?: Partial<KafkaTimeouts>;
      adminFactory?: KafkaAdminFactory;
      registryFactory?: SchemaRegistryFactory;
      connectFactory?: ConnectClientFactory;
    },
  ): ClusterRegistry {
    const clusters = readClusterConfigs(config);
    const factory: KafkaAdminFactory =
      options.adminFactory ??
      (cluster =>
        KafkajsAdmin.create({
          cluster,
          logger: options.logger.child({ cluster: cluster.name }),
          timeouts: options.timeouts,
        }));
    const registryFactory: SchemaRegistryFactory =
      options.registryFactory ??
      (cluster =>
        new ApicurioSchemaRegistry({
          cluster: cluster.name,
          url: cluster.schemaRegistry.url,
        }));
    const connectFactory: ConnectClientFactory =
      options.connectFactory ??
      (cluster =>
        new RestConnectClient({
          cluster: cluster.name,
          config: cluster.connect,
          logger: options.logger.child({ cluster: cluster.name }),
        }));
    return new ClusterRegistry(
      clusters,
      factory,
      registryFactory,
      connectFactory,
    );
  }

  private constructor(
    private readonly clusters: KafkaClusterConfig[],
    private readonly adminFactory: KafkaAdminFactory,
    private readonly registryFactory: SchemaRegistryFactory,
    private readonly connectFactory: ConnectClientFactory,
  ) {}

  /** All configured clusters, in configuration order. */
  list(): KafkaClusterConfig[] {
    return this.clusters;
  }

  /** One cluster by name; `NotFoundError` when it is not configured. */
  get(name: string): KafkaClusterConfig {
    const cluster = this.clusters.find(c => c.name === name);
    if (!cluster) {
      const known = this.clusters.map(c => c.name).join(', ') || 'none';
      throw new NotFoundError(
        `No Kafka cluster named '${name}' is configured (known: ${known})`,
      );
    }
    return cluster;
  }

  /** The shared admin client of a cluster. */
  admin(name: string): KafkaAdmin {
    const cluster = this.get(name);
    let admin = this.admins.get(cluster.name);
    if (!admin) {
      admin = this.adminFactory(cluster);
      this.admins.set(cluster.name, admin);
    }
    return admin;
  }

  /**
   * The schema registry client of a cluster; `NotFoundError` saying so when
   * the cluster has none configured.
   */
  schemaRegistry(name: string): SchemaRegistry {
    const cluster = this.get(name);
    const url = cluster.schemaRegistry?.url;
    if (!url) {
      throw new NotFoundError(
        `Cluster '${name}' has no schema registry configured (eventStreaming.clusters[].schemaRegistry.url)`,
      );
    }
    let registry = this.registries.get(cluster.name);
    if (!registry) {
      registry = this.registryFactory({ ...cluster, schemaRegistry: { url } });
      this.registries.set(cluster.name, registry);
    }
    return registry;
  }

  /** Whether the cluster has Kafka Connect configured. */
  hasConnect(name: string): boolean {
    return Boolean(this.get(name).connect?.url);
  }

  /**
   * The Kafka Connect client of a cluster; `NotFoundError` saying so when the
   * cluster has none configured.
   */
  connect(name: string): ConnectClient {
    const cluster = this.get(name);
    const connect = cluster.connect;
    if (!connect?.url) {
      throw new NotFoundError(
        `Kafka Connect is not configured for cluster '${name}' (eventStreaming.clusters[].connect.url)`,
      );
    }
    let client = this.connects.get(cluster.name);
    if (!client) {
      client = this.connectFactory({ ...cluster, connect });
      this.connects.set(cluster.name, client);
    }
    return client;
  }

  async close(): Promise<void> {
    const admins = [...this.admins.values()];
    this.admins.clear();
    await Promise.all(admins.map(a => a.close()));
  }
}
