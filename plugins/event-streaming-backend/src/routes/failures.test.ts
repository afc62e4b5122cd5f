import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { startSweptTestBackend } from '../__testUtils__/secretSweep';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  KAFKA_START_TIMEOUT_MS,
  startTestKafka,
  testKafkaKinds,
} from '@eventport/devstack';
import net from 'node:net';
import request from 'supertest';
import { eventStreamingConfig, USERS } from '../__testUtils__/harness';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import { eventStreamingPlugin } from '../plugin';

const groups: Record<string, string[]> = {
  [USERS.owner]: ['group:default/team-a'],
  [USERS.approver]: ['group:default/platform-team'],
};

async function backendWith(brokers: string[], extra: any[] = []) {
  return startSweptTestBackend({
    features: [
      eventStreamingPlugin,
      mockServices.rootConfig.factory({ data: eventStreamingConfig(brokers) }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.userInfo.mock({
        async getUserInfo(credentials) {
          const ref = (credentials.principal as any).userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
          };
        },
      }).factory,
      ...extra,
    ],
  });
}

jest.setTimeout(30_000);

describe('when Kafka is down', () => {
  it('answers 503 with the cause, for reads and writes', async () => {
    const server = net.createServer();
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise(r => server.close(r));

    const backend = await backendWith([`127.0.0.1:${port}`]);
    const auth = mockCredentials.user.header(USERS.owner);
    const list = await request(backend.server)
      .get('/api/event-streaming/clusters/dev-local/topics')
      .set('Authorization', auth);
    expect(list.status).toBe(503);
    expect(list.body.error.message).toMatch(
      /dev-local' is unavailable: .*ECONNREFUSED/,
    );
    const create = await request(backend.server)
      .post('/api/event-streaming/clusters/dev-local/topics')
      .set('Authorization', auth)
      .send({ name: 'team-a.down' });
    expect(create.status).toBe(503);
    await backend.stop();
  });
});

describe.each(testKafkaKinds())(
  'notifications and audit, with %s Kafka',
  kind => {
    it(
      'notifies approvers of a new request and the requester of the decision, and audits both',
      async () => {
        const kafka = await startTestKafka(kind, { brokers: 3 });
        const observer = await brokerAdmin(kafka);
        await observer.create('team-a.notify');
        const sent: any[] = [];
        const auditEvents: any[] = [];
        const backend = await backendWith(kafka.bootstrapServers, [
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (options: any) => void sent.push(options),
            }),
          }),
          mockServices.auditor.mock({
            createEvent: async (options: any) => {
              const entry = {
                eventId: options.eventId,
                meta: options.meta,
                outcome: 'open',
              };
              auditEvents.push(entry);
              return {
                success: async () => void (entry.outcome = 'success'),
                fail: async () => void (entry.outcome = 'fail'),
              };
            },
          }).factory,
        ]);
        const req = await request(backend.server)
          .delete(
            '/api/event-streaming/clusters/dev-local/topics/team-a.notify',
          )
          .set('Authorization', mockCredentials.user.header(USERS.owner))
          .send({ confirm: 'team-a.notify', reason: 'unused' });
        expect(req.status).toBe(202);
        expect(sent[0].recipients).toEqual({
          type: 'entity',
          entityRef: ['group:default/platform-team'],
          excludeEntityRef: USERS.owner,
        });
        expect(sent[0].payload.title).toMatch(
          /Approval needed: delete topic 'team-a.notify'/,
        );
        // The topic's owner group hears of its team's request too.
        expect(sent[1].recipients).toEqual({
          type: 'entity',
          entityRef: 'group:default/team-a',
          excludeEntityRef: USERS.owner,
        });
        expect(sent[1].payload.title).toMatch(
          /^Your team's resource: user:default\/guest asks to delete topic 'team-a\.notify' \(ID [\w-]+\) on cluster 'dev-local'$/,
        );

        const approved = await request(backend.server)
          .post(`/api/event-streaming/approvals/${req.body.id}/approve`)
          .set('Authorization', mockCredentials.user.header(USERS.approver))
          .send({ comment: 'ok' });
        expect({
          status: approved.body.status,
          error: approved.body.error,
        }).toEqual({
          status: 'executed',
          error: null,
        });
        expect(sent[2].recipients).toEqual({
          type: 'entity',
          entityRef: [USERS.owner, 'group:default/team-a'],
          excludeEntityRef: USERS.approver,
        });
        expect(sent[2].payload.title).toMatch(/was approved and done/);

        expect(auditEvents.map(e => [e.eventId, e.outcome])).toEqual([
          ['approval-request', 'success'],
          ['approval-decision', 'success'],
          ['approval-execution', 'success'],
        ]);
        expect(auditEvents[1].meta).toMatchObject({
          decision: 'approved',
          actor: USERS.approver,
        });
        await backend.stop();
        await observer.close();
        await kafka.close();
      },
      KAFKA_START_TIMEOUT_MS,
    );
  },
);
