import {
  LoggerService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskRunner,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  KafkaClusterConfig,
  readClusterConfigs,
} from '@eventport/plugin-event-streaming-node';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
};

/**
 * Provides catalog entities for one Kafka cluster: topics, schemas, connectors
 * and CDC pipelines, as described in DESIGN.md's catalog model.
 *
 * Today it emits no entities: the entity mapping arrives with the catalog
 * capability. It is registered, scheduled and refreshed like the finished
 * provider will be, so that installing the module now needs no change later.
 *
 * @public
 */
export class EventStreamingEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  static fromConfig(
    config: RootConfigService,
    options: { logger: LoggerService; scheduler: SchedulerService },
  ): EventStreamingEntityProvider[] {
    const scheduleConfig = config.getOptionalConfig(
      'eventStreaming.catalog.schedule',
    );
    const schedule = scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_SCHEDULE;
    return readClusterConfigs(config).map(
      cluster =>
        new EventStreamingEntityProvider(
          cluster,
          options.logger.child({ cluster: cluster.name }),
          options.scheduler.createScheduledTaskRunner(schedule),
        ),
    );
  }

  private constructor(
    private readonly cluster: KafkaClusterConfig,
    private readonly logger: LoggerService,
    private readonly taskRunner: SchedulerServiceTaskRunner,
  ) {}

  getProviderName(): string {
    return `event-streaming:${this.cluster.name}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Replaces every entity of this provider with the cluster's current state. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const entities: Entity[] = [];
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.debug(
      `${this.getProviderName()}: applied ${entities.length} entities`,
    );
  }
}
