import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  approvalDecidePermission,
  connectorManagePermission,
  connectorOperatePermission,
  connectorReadPermission,
  schemaRegisterPermission,
  schemaRuleUpdatePermission,
  topicCreatePermission,
  topicDeletePermission,
  topicReadPermission,
  topicUpdatePermission,
} from '@eventport/plugin-event-streaming-common';
import {
  connectorResourceRef,
  isConnectorOwnerRule,
  isTopicOwnerRule,
  parseTopicRef,
  topicResourceRef,
} from './permissions/resources';
import { createRouter } from './router';
import { CatalogWatchSource } from './services/monitoring/CatalogWatchSource';
import {
  createEventStreamingServices,
  EventStreamingOverrides,
} from './services/EventStreamingServices';

/**
 * The plugin with internal overrides, for benchmarks and failure injection;
 * not part of the package's API.
 */
export const createEventStreamingPlugin = (
  overrides?: EventStreamingOverrides,
) =>
  createBackendPlugin({
    pluginId: 'event-streaming',
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          database: coreServices.database,
          auditor: coreServices.auditor,
          httpAuth: coreServices.httpAuth,
          userInfo: coreServices.userInfo,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          httpRouter: coreServices.httpRouter,
          lifecycle: coreServices.lifecycle,
          scheduler: coreServices.scheduler,
          notifications: notificationService,
          catalog: catalogServiceRef,
          auth: coreServices.auth,
          events: eventsServiceRef,
        },
        async init(deps) {
          const services = await createEventStreamingServices({
            ...deps,
            overrides,
          });
          // Groups on catalog entities are sampled, so their pages have history.
          services.watchSources.push(
            new CatalogWatchSource(deps.catalog, deps.auth, deps.logger),
          );
          overrides?.exposeServices?.(services);
          const { policy, clusters, approvals, connectors } = services;

          deps.permissionsRegistry.addResourceType({
            resourceRef: topicResourceRef,
            permissions: [
              topicReadPermission,
              topicCreatePermission,
              topicUpdatePermission,
              topicDeletePermission,
            ],
            rules: [isTopicOwnerRule],
            getResources: async refs =>
              refs.map(ref => {
                const { cluster, topic } = parseTopicRef(ref);
                return {
                  cluster,
                  name: topic,
                  owner: policy.namespaceOf(topic)?.owner ?? null,
                };
              }),
          });
          deps.permissionsRegistry.addResourceType({
            resourceRef: connectorResourceRef,
            permissions: [
              connectorReadPermission,
              connectorOperatePermission,
              connectorManagePermission,
            ],
            rules: [isConnectorOwnerRule],
            getResources: async refs =>
              Promise.all(
                refs.map(async ref => {
                  // Same `<cluster>/<name>` shape as topic refs.
                  const { cluster, topic: name } = parseTopicRef(ref);
                  return {
                    cluster,
                    name,
                    owner: await connectors.ownerOf(cluster, name),
                  };
                }),
              ),
          });
          deps.permissionsRegistry.addPermissions([
            approvalDecidePermission,
            schemaRegisterPermission,
            schemaRuleUpdatePermission,
          ]);

          deps.httpRouter.use(await createRouter({ ...deps, ...services }));
          // At start-up, and then every minute for requests still inside the
          // grace period or left by another instance. The scheduler's lock
          // runs it on one instance at a time.
          deps.lifecycle.addStartupHook(() =>
            approvals
              .reconcile()
              .catch(error =>
                deps.logger.error(`Reconciling approvals failed: ${error}`),
              ),
          );
          await deps.scheduler.scheduleTask({
            id: 'event-streaming-approvals-reconcile',
            frequency: { minutes: 1 },
            timeout: { minutes: 2 },
            initialDelay: { minutes: 1 },
            fn: () => approvals.reconcile(),
          });
          if (services.monitoringConfig.enabled) {
            // The scheduler's lock runs one cycle at a time across instances.
            const every = services.monitoringConfig.sampleIntervalMs;
            await deps.scheduler.scheduleTask({
              id: 'event-streaming-offset-sampler',
              frequency: { milliseconds: every },
              timeout: { milliseconds: Math.max(every * 4, 120_000) },
              initialDelay: { seconds: 5 },
              fn: async () => {
                await services.sampler.runCycle();
                await services.alertEvaluator.evaluate();
              },
            });
          }
          const { slotGuard, cdcSources, cdcGitOpsReconciler } = services;
          const gitops = services.cdcDeployConfig.gitops;
          if (gitops) {
            // A GitOps pipeline's status follows Connect, where the operator
            // applies its manifests; one replica at a time.
            await deps.scheduler.scheduleTask({
              id: 'event-streaming-cdc-gitops-follow',
              scope: 'global',
              frequency: { milliseconds: gitops.followIntervalMs },
              timeout: { minutes: 5 },
              initialDelay: { milliseconds: gitops.followIntervalMs },
              fn: async () => {
                await cdcGitOpsReconciler.reconcile();
              },
            });
          }
          if (
            slotGuard.config.enabled &&
            cdcSources.list().some(s => s.type === 'postgres')
          ) {
            // Global: one replica checks the sources at a time; the slots'
            // states are in the database, so any replica may run the next.
            await deps.scheduler.scheduleTask({
              id: 'event-streaming-cdc-slot-guard',
              scope: 'global',
              frequency: { milliseconds: slotGuard.config.frequencyMs },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 30 },
              fn: async () => {
                await slotGuard.check();
              },
            });
          }
          // Changes being announced to the catalog go out before clients close.
          deps.lifecycle.addShutdownHook(async () => {
            await services.catalogChanges.settled();
            await clusters.close();
          });
        },
      });
    },
  });

/**
 * The Eventport backend plugin, mounted at `/api/event-streaming`.
 *
 * @public
 */
export const eventStreamingPlugin = createEventStreamingPlugin();
