import {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  connectorManagePermission,
  connectorListQuerySchema,
  connectorOperatePermission,
  connectorReadPermission,
  connectorRestartQuerySchema,
  connectorValidateRequestSchema,
  createConnectorRequestSchema,
  deleteConnectorRequestSchema,
  updateConnectorRequestSchema,
} from '@eventport/plugin-event-streaming-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ConnectorAuthorizer } from '../permissions/ConnectorAuthorizer';
import { ApprovalService } from '../services/approvals/ApprovalService';
import { ClusterRegistry } from '../services/ClusterRegistry';
import { ConnectorConfigPolicy } from '../services/connectors/ConnectorConfigPolicy';
import { ConnectorRequests } from '../services/connectors/ConnectorRequests';
import {
  ConnectorAction,
  ConnectorService,
} from '../services/connectors/ConnectorService';
import { audited, callerOf, parseInput } from './common';

export interface ConnectorRoutesOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  clusters: ClusterRegistry;
  approvals: ApprovalService;
  connectors: ConnectorService;
  connectorRequests: ConnectorRequests;
  connectorAuthorizer: ConnectorAuthorizer;
  connectorPolicy: ConnectorConfigPolicy;
}

const taskParam = z.coerce.number().int().min(0).max(10_000);

/** Kafka Connect routes under `/clusters/:cluster/connectors`. */
export function createConnectorRoutes(options: ConnectorRoutesOptions) {
  const {
    httpAuth,
    userInfo,
    auditor,
    clusters,
    approvals,
    connectors,
    connectorRequests,
    connectorAuthorizer: authorizer,
    connectorPolicy,
  } = options;
  const router = Router();
  const base = '/clusters/:cluster/connectors';

  const clusterOf = (req: Request) => clusters.get(req.params.cluster).name;

  router.get(base, async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusterOf(req);
    const query = parseInput(connectorListQuerySchema, req.query, 'query');
    const visible = await authorizer.readFilter(credentials);
    res.json(await connectors.list(cluster, query, caller, visible));
  });

  router.get(`${base}/plugins`, async (req, res) => {
    await callerOf(req, httpAuth, userInfo);
    const cluster = clusterOf(req);
    const plugins = await connectors.plugins(cluster);
    res.json({
      plugins: plugins.map(p => {
        const refusal = connectorPolicy.classRefusal(cluster, p.className);
        return refusal ? { ...p, refusal } : p;
      }),
    });
  });

  // The plugin's settings, for the form: no value is sent to Connect.
  router.get(`${base}/plugins/:className/config`, async (req, res) => {
    await callerOf(req, httpAuth, userInfo);
    res.json(await connectors.pluginForm(clusterOf(req), req.params.className));
  });

  // Connect resolves references before it validates: the same rights as a
  // creation are checked first (see ConnectorRequests.validateNew).
  router.put(`${base}/plugins/:className/validate`, async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusterOf(req);
    const body = parseInput(connectorValidateRequestSchema, req.body, 'config');
    const config = { ...body.config, 'connector.class': req.params.className };
    await authorizer.assert(
      connectorManagePermission,
      cluster,
      body.name,
      credentials,
    );
    res.json(
      await connectorRequests.validateNew(
        cluster,
        { name: body.name, owner: body.owner, config },
        caller,
      ),
    );
  });

  router.get(`${base}/:name`, async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusterOf(req);
    const name = req.params.name;
    await authorizer.assert(
      connectorReadPermission,
      cluster,
      name,
      credentials,
    );
    const [mayOperate, mayManage] = await Promise.all([
      authorizer.allows(connectorOperatePermission, cluster, name, credentials),
      authorizer.allows(connectorManagePermission, cluster, name, credentials),
    ]);
    res.json(
      await connectors.detail(cluster, name, caller, {
        operate: mayOperate,
        manage: mayManage,
      }),
    );
  });

  /** One self-service operation: ownership, then the policy, then Connect. */
  async function operate(
    req: Request,
    action: ConnectorAction,
    extra: { includeTasks?: boolean; onlyFailed?: boolean; task?: number } = {},
  ) {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusterOf(req);
    const name = req.params.name;
    return audited(
      auditor,
      req,
      'connector-operate',
      {
        cluster,
        connector: name,
        action,
        task: extra.task,
        actor: caller.userEntityRef,
      },
      async () => {
        const owner = await connectors.ownerOf(cluster, name);
        connectors.assertMay(caller, name, owner, action.replace('-', ' '));
        await authorizer.assert(
          connectorOperatePermission,
          cluster,
          name,
          credentials,
        );
        return connectors.operate(cluster, name, action, extra);
      },
    );
  }

  for (const action of ['pause', 'resume', 'stop'] as const) {
    router.post(`${base}/:name/${action}`, async (req, res) => {
      res.json(await operate(req, action));
    });
  }

  router.post(`${base}/:name/restart`, async (req, res) => {
    const query = parseInput(connectorRestartQuerySchema, req.query, 'query');
    res.json(await operate(req, 'restart', query));
  });

  router.post(`${base}/:name/tasks/:task/restart`, async (req, res) => {
    const task = parseInput(taskParam, req.params.task, 'task id');
    res.json(await operate(req, 'restart-task', { task }));
  });

  router.post(base, async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusterOf(req);
    const body = parseInput(
      createConnectorRequestSchema,
      req.body,
      'connector',
    );
    if (body.name === 'plugins') {
      throw new InputError(
        "'plugins' is reserved: choose another connector name.",
      );
    }
    await authorizer.assert(
      connectorManagePermission,
      cluster,
      body.name,
      credentials,
    );
    const payload = await connectorRequests.prepareCreate(
      cluster,
      body,
      caller,
    );
    const request = await approvals.request({
      kind: 'connector.create',
      payload,
      reason: body.reason,
      caller,
      httpRequest: req,
    });
    res.status(202).json(request);
  });

  router.put(`${base}/:name/config`, async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusterOf(req);
    const name = req.params.name;
    const body = parseInput(
      updateConnectorRequestSchema,
      req.body,
      'config change',
    );
    await authorizer.assert(
      connectorManagePermission,
      cluster,
      name,
      credentials,
    );
    const payload = await connectorRequests.prepareUpdate(
      cluster,
      name,
      body,
      caller,
    );
    const request = await approvals.request({
      kind: 'connector.update',
      payload,
      reason: body.reason,
      caller,
      httpRequest: req,
    });
    res.status(202).json(request);
  });

  router.delete(`${base}/:name`, async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusterOf(req);
    const name = req.params.name;
    const body = parseInput(
      deleteConnectorRequestSchema,
      req.body,
      'deletion request',
    );
    await authorizer.assert(
      connectorManagePermission,
      cluster,
      name,
      credentials,
    );
    const payload = await connectorRequests.prepareDelete(
      cluster,
      name,
      body.confirm,
      caller,
    );
    const request = await approvals.request({
      kind: 'connector.delete',
      payload,
      reason: body.reason,
      caller,
      httpRequest: req,
    });
    res.status(202).json(request);
  });

  return router;
}
