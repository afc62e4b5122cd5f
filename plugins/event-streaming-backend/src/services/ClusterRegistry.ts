import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  KafkaAdmin,
  KafkaClusterConfig,
  readClusterConfigs,
} from '@eventport/plugin-event-streaming-node';
import { KafkajsAdmin, KafkaTimeouts } from '../clients/KafkajsAdmin';

/** Creates the admin client of one cluster; tests swap it for failure injection. */
export type KafkaAdminFactory = (cluster: KafkaClusterConfig) => KafkaAdmin;

/**
 * The configured clusters and one shared `KafkaAdmin` per cluster.
 * Clients are created on first use and closed on shutdown.
 */
export class ClusterRegistry {
  private readonly admins = new Map<string, KafkaAdmin>();

  static fromConfig(
    config: RootConfigService,
    options: {
      logger: LoggerService;
      timeouts?: Partial<KafkaTimeouts>;
      adminFactory?: KafkaAdminFactory;
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
    return new ClusterRegistry(clusters, factory);
  }

  private constructor(
    private readonly clusters: KafkaClusterConfig[],
    private readonly adminFactory: KafkaAdminFactory,
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

  async close(): Promise<void> {
    const admins = [...this.admins.values()];
    this.admins.clear();
    await Promise.all(admins.map(a => a.close()));
  }
}
