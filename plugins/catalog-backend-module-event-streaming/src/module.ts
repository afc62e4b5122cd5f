import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { EventStreamingEntityProvider } from './providers/EventStreamingEntityProvider';

/**
 * Registers one Eventport entity provider per configured Kafka cluster.
 *
 * @public
 */
export const catalogModuleEventStreaming = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'event-streaming',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        catalog.addEntityProvider(
          EventStreamingEntityProvider.fromConfig(config, { logger, scheduler }),
        );
      },
    });
  },
});
