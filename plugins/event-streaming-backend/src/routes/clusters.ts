import { HttpAuthService, UserInfoService } from '@backstage/backend-plugin-api';
import { ClusterListResponse } from '@eventport/plugin-event-streaming-common';
import Router from 'express-promise-router';
import { ClusterRegistry } from '../services/ClusterRegistry';
import { TopicPolicy } from '../services/topics/TopicPolicy';
import { callerOf } from './common';

/** `GET /clusters`: configured clusters with limits and defaults, no secrets. */
export function createClusterRoutes(options: {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  clusters: ClusterRegistry;
  policy: TopicPolicy;
}) {
  const { httpAuth, userInfo, clusters, policy } = options;
  const router = Router();
  router.get('/clusters', async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const body: ClusterListResponse = {
      clusters: clusters.list().map(c => ({
        name: c.name,
        environment: c.environment,
        links: c.links,
        limits: policy.limitsOf(c),
        topicDefaults: policy.topicDefaults,
        schemaRegistry: Boolean(c.schemaRegistry?.url),
        connect: Boolean(c.connect?.url),
      })),
      namespaces: policy.namespaces.map(ns => ({
        ...ns,
        owned: caller.ownershipEntityRefs.includes(ns.owner),
      })),
      ...(policy.namingPattern
        ? { namingPattern: policy.namingPattern.source }
        : {}),
    };
    res.json(body);
  });
  return router;
}
