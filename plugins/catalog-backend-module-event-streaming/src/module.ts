import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  CATALOG_CHANGES_EVENT_TOPIC,
  catalogChangeSchema,
} from '@eventport/plugin-event-streaming-common';
import { EventStreamingTopicRelationsProcessor } from './processors/TopicRelationsProcessor';
import { EventStreamingEntityProvider } from './providers/EventStreamingEntityProvider';

/**
 * Registers one Eventport entity provider per configured Kafka cluster, the
 * processor that relates components to the topics they produce and consume,
 * and applies changes made through Eventport as they are announced.
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
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        discovery,
        auth,
        events,
      }) {
        const providers = EventStreamingEntityProvider.fromConfig(config, {
          logger,
          scheduler,
          discovery,
          auth,
        });
        catalog.addEntityProvider(providers);
        catalog.addProcessor(new EventStreamingTopicRelationsProcessor(logger));
        await events.subscribe({
          id: 'event-streaming-entity-provider',
          topics: [CATALOG_CHANGES_EVENT_TOPIC],
          async onEvent(params) {
            const change = catalogChangeSchema.safeParse(params.eventPayload);
            if (!change.success) {
              logger.warn(
                `Ignored a malformed Eventport catalog change: ${change.error.message}`,
              );
              return;
            }
            await Promise.all(
              providers.map(p =>
                p
                  .applyChange(change.data)
                  .catch(error =>
                    logger.error(
                      `${p.getProviderName()}: could not apply a change; the next full refresh will: ${error}`,
                    ),
                  ),
              ),
            );
          },
        });
      },
    });
  },
});
