import {
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  connectorReadPermission,
  consumerGroupListQuerySchema,
  distributionQuerySchema,
  entityLagQuerySchema,
  historyQuerySchema,
  parseConsumerGroupRefs,
  topicReadPermission,
} from '@eventport/plugin-event-streaming-common';
import { MonitoringConfig } from '@eventport/plugin-event-streaming-node';
import Router from 'express-promise-router';
import { ConnectorAuthorizer } from '../permissions/ConnectorAuthorizer';
import { TopicAuthorizer } from '../permissions/TopicAuthorizer';
import { ClusterRegistry } from '../services/ClusterRegistry';
import { connectorMetrics } from '../services/monitoring/connectorMetrics';
import { EntityLagService } from '../services/monitoring/EntityLagService';
import { MonitoringService } from '../services/monitoring/MonitoringService';
import { SampleStore } from '../services/monitoring/SampleStore';
import { TopicMetricsService } from '../services/monitoring/TopicMetricsService';
import { callerOf, parseInput } from './common';

export interface MonitoringRoutesOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  clusters: ClusterRegistry;
  authorizer: TopicAuthorizer;
  connectorAuthorizer: ConnectorAuthorizer;
  monitoring: MonitoringService;
  entityLag: EntityLagService;
  topicMetrics: TopicMetricsService;
  samples: SampleStore;
  monitoringConfig: MonitoringConfig;
}

/**
 * Consumer groups, lag, throughput, partition distribution and connector
 * task metrics. Consumer groups are visible to every signed-in user, as in
 * Kafka's own tools; topic metrics follow the topic's read permission.
 */
export function createMonitoringRoutes(options: MonitoringRoutesOptions) {
  const {
    httpAuth,
    userInfo,
    clusters,
    authorizer,
    connectorAuthorizer,
    monitoring,
    entityLag,
    topicMetrics,
    samples,
    monitoringConfig,
  } = options;
  const router = Router();
  const groups = '/clusters/:cluster/consumer-groups';

  // The lag of an entity's groups in one call: `groups` is the
  // `kafka.apache.org/consumer-groups` annotation's cluster/group list.
  router.get('/consumer-lag', async (req, res) => {
    await callerOf(req, httpAuth, userInfo);
    const query = parseInput(entityLagQuerySchema, req.query, 'query');
    res.json(await entityLag.lagOf(parseConsumerGroupRefs(query.groups).refs));
  });

  router.get(groups, async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    const query = parseInput(consumerGroupListQuerySchema, req.query, 'query');
    res.json(
      await monitoring.listGroups(cluster, query, caller.ownershipEntityRefs),
    );
  });

  router.get(`${groups}/:group`, async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    res.json(await monitoring.groupDetail(cluster, req.params.group, caller));
  });

  router.get(`${groups}/:group/history`, async (req, res) => {
    await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    const { minutes } = parseInput(historyQuerySchema, req.query, 'query');
    res.json(await monitoring.groupHistory(cluster, req.params.group, minutes));
  });

  router.get(
    '/clusters/:cluster/topics/:topic/consumer-groups',
    async (req, res) => {
      const { credentials } = await callerOf(req, httpAuth, userInfo);
      const cluster = clusters.get(req.params.cluster).name;
      const topic = req.params.topic;
      await authorizer.assert(topicReadPermission, cluster, topic, credentials);
      res.json(await monitoring.topicConsumers(cluster, topic));
    },
  );

  router.get(
    '/clusters/:cluster/topics/:topic/throughput',
    async (req, res) => {
      const { credentials } = await callerOf(req, httpAuth, userInfo);
      const cluster = clusters.get(req.params.cluster).name;
      const topic = req.params.topic;
      const { minutes } = parseInput(historyQuerySchema, req.query, 'query');
      await authorizer.assert(topicReadPermission, cluster, topic, credentials);
      res.json(await topicMetrics.topicThroughput(cluster, topic, minutes));
    },
  );

  router.get('/clusters/:cluster/distribution', async (req, res) => {
    const { credentials } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    const { topic } = parseInput(distributionQuerySchema, req.query, 'query');
    if (topic) {
      await authorizer.assert(topicReadPermission, cluster, topic, credentials);
    }
    res.json(await topicMetrics.distribution(cluster, topic));
  });

  router.get(
    '/clusters/:cluster/connectors/:name/metrics',
    async (req, res) => {
      const { credentials } = await callerOf(req, httpAuth, userInfo);
      const cluster = clusters.get(req.params.cluster).name;
      const name = req.params.name;
      await connectorAuthorizer.assert(
        connectorReadPermission,
        cluster,
        name,
        credentials,
      );
      res.json(
        await connectorMetrics(
          clusters,
          samples,
          cluster,
          name,
          monitoringConfig.windowMs,
        ),
      );
    },
  );

  return router;
}
