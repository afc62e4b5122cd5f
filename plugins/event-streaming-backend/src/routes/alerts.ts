import {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  alertRuleListQuerySchema,
  createAlertRuleRequestSchema,
  updateAlertRuleRequestSchema,
} from '@eventport/plugin-event-streaming-common';
import Router from 'express-promise-router';
import { AlertService } from '../services/alerts/AlertService';
import { audited, callerOf, parseInput } from './common';

export interface AlertRoutesOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  alertRules: AlertService;
}

/**
 * Lag alert rules under `/clusters/:cluster/alert-rules`. Every signed-in
 * user may read them; owners of the target and platform approvers manage
 * them. Changes are audited.
 */
export function createAlertRoutes(options: AlertRoutesOptions) {
  const { httpAuth, userInfo, auditor, alertRules } = options;
  const router = Router();
  const base = '/clusters/:cluster/alert-rules';

  router.get(base, async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const query = parseInput(alertRuleListQuerySchema, req.query, 'query');
    res.json(await alertRules.list(req.params.cluster, query, caller));
  });

  router.post(base, async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const body = parseInput(
      createAlertRuleRequestSchema,
      req.body,
      'alert rule',
    );
    const cluster = req.params.cluster;
    const target =
      body.target.type === 'topic' ? body.target.topic : body.target.group;
    const rule = await audited(
      auditor,
      req,
      'event-streaming-alert-rule-create',
      {
        cluster,
        targetType: body.target.type,
        target,
        kind: body.kind,
        threshold: body.threshold,
        actor: caller.userEntityRef,
      },
      () => alertRules.create(cluster, body, caller),
    );
    res.status(201).json(rule);
  });

  router.put(`${base}/:id`, async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const body = parseInput(
      updateAlertRuleRequestSchema,
      req.body,
      'alert rule',
    );
    const { cluster, id } = req.params;
    const rule = await audited(
      auditor,
      req,
      'event-streaming-alert-rule-update',
      {
        cluster,
        ruleId: id,
        kind: body.kind,
        threshold: body.threshold,
        enabled: String(body.enabled),
        actor: caller.userEntityRef,
      },
      () => alertRules.update(cluster, id, body, caller),
    );
    res.json(rule);
  });

  router.delete(`${base}/:id`, async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const { cluster, id } = req.params;
    await audited(
      auditor,
      req,
      'event-streaming-alert-rule-delete',
      { cluster, ruleId: id, actor: caller.userEntityRef },
      () => alertRules.delete(cluster, id, caller),
    );
    res.status(204).end();
  });

  return router;
}
