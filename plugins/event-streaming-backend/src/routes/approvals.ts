import {
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  approvalListQuerySchema,
  approveRequestSchema,
  rejectRequestSchema,
} from '@eventport/plugin-event-streaming-common';
import Router from 'express-promise-router';
import { TopicAuthorizer } from '../permissions/TopicAuthorizer';
import { ApprovalService } from '../services/approvals/ApprovalService';
import { callerOf, parseInput } from './common';

/** Approval routes: list, read, approve, reject, cancel. */
export function createApprovalRoutes(options: {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  approvals: ApprovalService;
  authorizer: TopicAuthorizer;
}) {
  const { httpAuth, userInfo, approvals, authorizer } = options;
  const router = Router();

  router.get('/approvals', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const query = parseInput(approvalListQuerySchema, req.query, 'query');
    const result = await approvals.list(query, caller);
    const canDecide =
      result.canDecide && (await authorizer.mayDecide(credentials));
    res.json({ ...result, canDecide });
  });

  router.get('/approvals/:id', async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    res.json(await approvals.get(req.params.id, caller));
  });

  // The evidence as it is now, read with the viewer's credentials.
  router.get('/approvals/:id/evidence', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    res.json(await approvals.freshEvidence(req.params.id, caller, credentials));
  });

  router.post('/approvals/:id/:decision(approve|reject)', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    if (!(await authorizer.mayDecide(credentials))) {
      throw new NotAllowedError(
        'The permission policy does not allow event-streaming.approval.decide.',
      );
    }
    const { id, decision } = req.params;
    if (decision === 'approve') {
      const body = parseInput(approveRequestSchema, req.body, 'approval');
      res.json(await approvals.approve(id, caller, body.comment, req));
    } else {
      const body = parseInput(rejectRequestSchema, req.body, 'rejection');
      res.json(await approvals.reject(id, caller, body.comment, req));
    }
  });

  router.post('/approvals/:id/cancel', async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    res.json(await approvals.cancel(req.params.id, caller, req));
  });

  return router;
}
