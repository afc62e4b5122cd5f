import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import { approvalRequest, fakeApi } from '../__testUtils__/fakeApi';
import { canRequestAgain, nextStep, requestAgain } from './requestAgain';

const decommission = {
  ...approvalRequest('req-d'),
  kind: 'cdc.decommission',
  status: 'expired',
  expiresAt: '2026-12-01T10:00:00.000Z',
  payload: {
    pipelineId: 'p-1',
    name: 'shop-cdc',
    cluster: 'dev-local',
    sourceEntityRef: 'resource:default/shop-db',
    sourceId: 'shop',
    sourceType: 'postgres',
    owner: 'group:default/team-a',
    connectorName: 'team-a.shop-cdc',
    slotName: 'eventport_shop_cdc',
    publicationName: 'eventport_shop_cdc',
    topics: ['team-a.cdc.shop.shop.customers'],
    artifacts: [],
    deleteTopics: true,
    deleteSchemas: true,
  },
} as ApprovalRequest;

describe('nextStep', () => {
  it('says what to do after a failure, an expiry and a cancellation; nothing while open', () => {
    expect(
      nextStep(
        approvalRequest('r1', {
          status: 'failed',
          error: 'Topic team-a.orders is another topic now.',
        }),
      ),
    ).toBe(
      "Approved, but carrying it out failed: Topic team-a.orders is another topic now. Check the resource's page for what is there now, then request again.",
    );
    expect(nextStep(decommission)).toMatch(
      /^Nobody decided before .+\. Request again, or ask the approvers directly\.$/,
    );
    expect(nextStep(approvalRequest('r2', { status: 'cancelled' }))).toBe(
      'Cancelled. Request again if it is still needed.',
    );
    expect(nextStep(approvalRequest('r3'))).toBeUndefined();
    expect(canRequestAgain(approvalRequest('r3'))).toBe(false);
    expect(canRequestAgain(decommission)).toBe(true);
  });
});

describe('requestAgain', () => {
  it('asks for a decommission again with the choices given, never schemas without their topics', async () => {
    const requestCdcDecommission = jest.fn(async () => approvalRequest('x'));
    const api = fakeApi({ requestCdcDecommission });
    await requestAgain(api, decommission, {
      reason: 'again',
      deleteTopics: false,
      deleteSchemas: true,
    });
    expect(requestCdcDecommission).toHaveBeenCalledWith('p-1', {
      reason: 'again',
      deleteTopics: false,
      deleteSchemas: false,
    });
  });

  it('says so when a rule asked for again now applies at once', async () => {
    const rule = {
      ...approvalRequest('req-r', { status: 'rejected' }),
      kind: 'schema.rule',
      payload: {
        cluster: 'dev-local',
        groupId: 'default',
        artifactId: 'team-a.orders-value',
        mode: 'FULL',
        previous: 'BACKWARD',
      },
    } as ApprovalRequest;
    const api = fakeApi({
      changeSchemaRule: async () => ({
        applied: true,
        rule: { mode: 'FULL', source: 'artifact' },
        previous: 'BACKWARD',
      }),
    });
    await expect(requestAgain(api, rule, { reason: 'r' })).rejects.toThrow(
      'The rule of default/team-a.orders-value is now FULL: it applied at once, without an approval.',
    );
  });
});
