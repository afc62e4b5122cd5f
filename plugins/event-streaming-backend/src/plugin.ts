import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './router';
import { ClusterRegistry } from './services/ClusterRegistry';
import { HealthService } from './services/HealthService';

/**
 * The Eventport backend plugin, mounted at `/api/event-streaming`.
 *
 * @public
 */
export const eventStreamingPlugin = createBackendPlugin({
  pluginId: 'event-streaming',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, httpAuth, httpRouter, lifecycle }) {
        const clusters = ClusterRegistry.fromConfig(config, { logger });
        lifecycle.addShutdownHook(() => clusters.close());
        const health = HealthService.create({ clusters });
        httpRouter.use(await createRouter({ httpAuth, health }));
      },
    });
  },
});
