import {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  createTopicRequestSchema,
  deleteTopicRequestSchema,
  topicCreatePermission,
  topicDeletePermission,
  topicListQuerySchema,
  topicReadPermission,
  topicUpdatePermission,
  updateTopicRequestSchema,
} from '@eventport/plugin-event-streaming-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { TopicAuthorizer } from '../permissions/TopicAuthorizer';
import { ApprovalService } from '../services/approvals/ApprovalService';
import { CatalogChangeListener } from '../services/catalog/CatalogChanges';
import { ClusterRegistry } from '../services/ClusterRegistry';
import { TopicPolicy } from '../services/topics/TopicPolicy';
import { TopicService } from '../services/topics/TopicService';
import { audited, callerOf, parseInput } from './common';

export interface TopicRoutesOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  clusters: ClusterRegistry;
  topics: TopicService;
  policy: TopicPolicy;
  authorizer: TopicAuthorizer;
  approvals: ApprovalService;
  catalogChanges: CatalogChangeListener;
}

/** Topic routes under `/clusters/:cluster/topics`. */
export function createTopicRoutes(options: TopicRoutesOptions) {
  const {
    httpAuth,
    userInfo,
    auditor,
    clusters,
    topics,
    policy,
    authorizer,
    catalogChanges,
  } = options;
  const router = Router();

  const run = <T>(
    req: Request,
    eventId: string,
    meta: Record<string, string | number | undefined>,
    fn: () => Promise<T>,
  ) => audited(auditor, req, eventId, meta, fn);

  router.get('/clusters/:cluster/topics', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    const query = parseInput(topicListQuerySchema, req.query, 'query');
    const visible = await authorizer.readFilter(credentials);
    res.json(await topics.list(cluster, query, caller, visible));
  });

  router.post('/clusters/:cluster/topics', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    const body = parseInput(createTopicRequestSchema, req.body, 'topic');
    const detail = await run(
      req,
      'topic-create',
      { cluster, topic: body.name, actor: caller.userEntityRef },
      async () => {
        await authorizer.assert(
          topicCreatePermission,
          cluster,
          body.name,
          credentials,
        );
        return topics.create(cluster, body, caller);
      },
    );
    catalogChanges.touched(cluster, { topics: [detail.name] });
    res.status(201).json(detail);
  });

  router.get('/clusters/:cluster/topics/:topic', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    const topic = req.params.topic;
    await authorizer.assert(topicReadPermission, cluster, topic, credentials);
    res.json(await topics.get(cluster, topic, caller));
  });

  router.patch('/clusters/:cluster/topics/:topic', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    const topic = req.params.topic;
    const body = parseInput(updateTopicRequestSchema, req.body, 'change');
    const detail = await run(
      req,
      'topic-update',
      {
        cluster,
        topic,
        actor: caller.userEntityRef,
        partitions: body.partitions,
        retentionMs: body.retentionMs,
      },
      async () => {
        policy.assertCanManage(caller, topic, 'change');
        await authorizer.assert(
          topicUpdatePermission,
          cluster,
          topic,
          credentials,
        );
        return topics.update(cluster, topic, body, caller);
      },
    );
    catalogChanges.touched(cluster, { topics: [topic] });
    res.json(detail);
  });

  router.delete('/clusters/:cluster/topics/:topic', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    const topic = req.params.topic;
    const body = parseInput(
      deleteTopicRequestSchema,
      req.body,
      'deletion request',
    );
    if (body.confirm !== topic) {
      throw new InputError(
        `To confirm, 'confirm' must be exactly the topic name '${topic}'.`,
      );
    }
    policy.assertCanManage(caller, topic, 'delete');
    await authorizer.assert(topicDeletePermission, cluster, topic, credentials);
    // 404 when it is gone; the request is bound to this topic's ID.
    const topicId = await clusters.admin(cluster).topicId(topic);
    const pending = await options.approvals.findOpen('topic.delete', {
      cluster,
      topic,
    });
    if (pending) {
      throw new ConflictError(
        `A request to delete '${topic}' is already open (${pending.id}, ${pending.status}).`,
      );
    }
    const request = await options.approvals.request({
      kind: 'topic.delete',
      payload: { cluster, topic, topicId },
      reason: body.reason,
      caller,
      credentials,
      httpRequest: req,
    });
    res.status(202).json(request);
  });

  return router;
}
