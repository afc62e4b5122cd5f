import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestStack, StackHandle } from '@eventport/devstack';
import path from 'node:path';
import { CapturingLogger } from '../__testUtils__/capturingLogger';
import { CONNECT_FILES } from '../__testUtils__/config';
import { connectApi } from '../__testUtils__/connect';
import {
  startBackend,
  TEST_DATABASE_IDS,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';

const BASE = '/clusters/dev-local/connectors';
const SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
const NAME = 'team-a.access-sink';

// Values that must never leave the backend, whatever is asked.
const SECRETS = [
  'Lit3ral-Pa55word',
  'jaas-s3cret',
  'tok-9f8e7d',
  'n3w-literal',
];

jest.setTimeout(120_000);

describe('connector authorization and secrets, against a real Connect worker', () => {
  const databases = testDatabases();
  let stack: StackHandle;
  let connect: ReturnType<typeof connectApi>;
  const logger = new CapturingLogger();
  let api: Awaited<ReturnType<typeof startBackend>>['api'];
  let denied: Awaited<ReturnType<typeof startBackend>>['api'];
  const stops: (() => Promise<void>)[] = [];
  const bodies: string[] = [];

  /** Every response body is kept, to search for secrets at the end. */
  const kept = async (
    res: Promise<{ status: number; body: unknown; text?: string }>,
  ) => {
    const r = await res;
    bodies.push(JSON.stringify(r.body));
    return r;
  };

  beforeAll(async () => {
    stack = await startTestStack({ connect: true });
    connect = connectApi(stack.connect!.url);
    // Created outside Eventport with literal secrets, as happens in real
    // clusters: Eventport must show it without them.
    await connect.create(NAME, {
      'connector.class': SINK,
      'tasks.max': '1',
      file: path.join(CONNECT_FILES.teamA, 'access.txt'),
      topics: 'team-a.access-events',
      'database.password': SECRETS[0],
      'consumer.override.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${SECRETS[1]}";`,
      'api.token': SECRETS[2],
      'secret.ref.password': '${file:/opt/connect/secrets.properties:pw}',
    });
    const knex = await databases.init(TEST_DATABASE_IDS[0]);
    const started = await startBackend({
      knex,
      kafka: stack.kafka,
      connectUrl: stack.connect!.url,
      logger,
    });
    stops.push(() => started.backend.stop());
    api = started.api;
    const deny = await startBackend({
      knex,
      kafka: stack.kafka,
      connectUrl: stack.connect!.url,
      permissionResult: AuthorizeResult.DENY,
    });
    stops.push(() => deny.backend.stop());
    denied = deny.api;
    await connect.waitFor(NAME, 'RUNNING', { tasks: 'RUNNING' });
  }, 600_000);

  afterAll(async () => {
    for (const stop of stops) await stop();
    await stack?.stop();
  }, 120_000);

  describe('operate (pause) and manage (config change request)', () => {
    const current = async () => (await connect.config(NAME))!;
    const change = async (topics: string) => {
      const { name: _n, ...config } = await current();
      return {
        config: {
          ...config,
          'database.password': '${file:/opt/connect/secrets.properties:db}',
          'consumer.override.sasl.jaas.config':
            '${file:/opt/connect/secrets.properties:jaas}',
          'api.token': '${env:TEAM_A_API_TOKEN}',
          topics,
        },
        reason: 'matrix',
      };
    };

    const pause = (user?: string) =>
      kept(api(user).post(`${BASE}/${NAME}/pause`));
    const resume = (user?: string) =>
      kept(api(user).post(`${BASE}/${NAME}/resume`));

    it('operate: the owning team pauses and resumes', async () => {
      expect((await pause(USERS.owner)).status).toBe(200);
      await connect.waitFor(NAME, 'PAUSED');
      expect((await resume(USERS.owner)).status).toBe(200);
      await connect.waitFor(NAME, 'RUNNING');
    });

    it('operate: a platform approver pauses and resumes any connector', async () => {
      expect((await pause(USERS.approver)).status).toBe(200);
      await connect.waitFor(NAME, 'PAUSED');
      expect((await resume(USERS.approver)).status).toBe(200);
      await connect.waitFor(NAME, 'RUNNING');
    });

    it('operate: another team gets 403 naming the owner, and nothing changes', async () => {
      const res = await pause(USERS.other);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).toMatch(
        /owned by group:default\/team-a/,
      );
      expect((await connect.status(NAME)).connector.state).toBe('RUNNING');
    });

    it('operate: no token gets 401, and nothing changes', async () => {
      expect((await pause(undefined)).status).toBe(401);
      expect((await connect.status(NAME)).connector.state).toBe('RUNNING');
    });

    it.each([
      ['another team', USERS.other, 403],
      ['no token', undefined, 401],
    ])('manage: %s gets %i', async (_who, user, status) => {
      const res = await kept(
        api(user).put(
          `${BASE}/${NAME}/config`,
          await change('team-a.access-v2'),
        ),
      );
      expect(res.status).toBe(status);
      expect((await connect.config(NAME))!.topics).toBe('team-a.access-events');
    });

    it('manage: the owning team requests a change (202), and may cancel it', async () => {
      const res = await kept(
        api(USERS.owner).put(
          `${BASE}/${NAME}/config`,
          await change('team-a.access-v2'),
        ),
      );
      expect(res.status).toBe(202);
      const id = (res.body as { id: string }).id;
      // Cancelled, so the approver's request below is not refused as open.
      const cancelled = await kept(
        api(USERS.owner).post(`/approvals/${id}/cancel`, {}),
      );
      expect(cancelled.status).toBe(200);
    });

    it('manage: a platform approver may request, but not approve their own request', async () => {
      const res = await kept(
        api(USERS.approver).put(
          `${BASE}/${NAME}/config`,
          await change('team-a.access-v3'),
        ),
      );
      expect(res.status).toBe(202);
      const id = (res.body as { id: string }).id;
      expect(
        (await kept(api(USERS.approver).post(`/approvals/${id}/approve`, {})))
          .status,
      ).toBe(403);
      const approved = await kept(
        api(USERS.approver2).post(`/approvals/${id}/approve`, {}),
      );
      expect(approved.status).toBe(200);
      expect((approved.body as { status: string }).status).toBe('executed');
      const live = await current();
      expect(live.topics).toBe('team-a.access-v3');
      expect(live['database.password']).toBe(
        '${file:/opt/connect/secrets.properties:db}',
      );
    });

    it('a policy that denies: no connectors listed, detail, operate and manage refused', async () => {
      const list = await denied(USERS.owner).get(BASE);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [], totalCount: 0 });
      expect((await denied(USERS.owner).get(`${BASE}/${NAME}`)).status).toBe(
        403,
      );
      const operate = await denied(USERS.owner).post(`${BASE}/${NAME}/pause`);
      expect(operate.status).toBe(403);
      expect(operate.body.error.message).toMatch(
        /event-streaming\.connector\.operate/,
      );
      const manage = await denied(USERS.owner).put(
        `${BASE}/${NAME}/config`,
        await change('x'),
      );
      expect(manage.status).toBe(403);
      expect(manage.body.error.message).toMatch(
        /event-streaming\.connector\.manage/,
      );
    });
  });

  describe('secrets', () => {
    beforeAll(async () => {
      // Back to the literal secrets for the rest: a config made outside Eventport.
      const { name: _n, ...config } = (await connect.config(NAME))!;
      await fetch(`${stack.connect!.url}/connectors/${NAME}/config`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...config,
          'database.password': SECRETS[0],
          'api.token': SECRETS[2],
        }),
      });
    });

    it('masks secret values in the list and the detail, and keeps references visible', async () => {
      expect((await kept(api(USERS.owner).get(BASE))).status).toBe(200);
      const detail = await kept(api(USERS.owner).get(`${BASE}/${NAME}`));
      const config = (detail.body as { config: Record<string, string> }).config;
      expect(config['database.password']).toBe('********');
      expect(config['api.token']).toBe('********');
      expect(config['secret.ref.password']).toBe(
        '${file:/opt/connect/secrets.properties:pw}',
      );
      expect(config.topics).toBe('team-a.access-v3');
    });

    it('refuses a literal secret in a validation, before Connect sees it', async () => {
      const res = await kept(
        api(USERS.owner).put(`${BASE}/plugins/${SINK}/validate`, {
          name: 'team-a.validated-sink',
          config: {
            file: path.join(CONNECT_FILES.teamA, 'access.txt'),
            topics: 'team-a.t',
            'database.password': SECRETS[3],
          },
        }),
      );
      expect(res.status).toBe(400);
      expect(
        (res.body as { error: { message: string } }).error.message,
      ).toMatch(/database\.password holds a literal secret/);
    });

    it('refuses literal secrets in create and update, without echoing them', async () => {
      const create = await kept(
        api(USERS.owner).post(BASE, {
          name: 'team-a.leaky',
          config: {
            'connector.class': SINK,
            file: path.join(CONNECT_FILES.teamA, 'access.txt'),
            topics: 'team-a.t',
            'database.password': SECRETS[3],
          },
          reason: 'x',
        }),
      );
      expect(create.status).toBe(400);
      expect(JSON.stringify(create.body)).toMatch(/config-provider reference/);
      const { name: _n, ...config } = (await connect.config(NAME))!;
      const update = await kept(
        api(USERS.owner).put(`${BASE}/${NAME}/config`, {
          config: { ...config, topics: 'team-a.access-v4' },
          reason: 'still literal',
        }),
      );
      expect(update.status).toBe(400);
      expect(JSON.stringify(update.body)).toMatch(
        /api\.token, database\.password hold a literal secret/,
      );
    });

    it('never shows a secret in any response body, log line or audit event', async () => {
      // The approvals list carries every payload stored above.
      expect((await kept(api(USERS.approver).get('/approvals'))).status).toBe(
        200,
      );
      const everything = [...bodies, logger.text()].join('\n');
      // The capture really holds the audit events and the responses.
      expect(logger.text()).toMatch(/connector-operate/);
      expect(logger.text()).toMatch(/approval-request/);
      expect(bodies.length).toBeGreaterThan(15);
      for (const secret of SECRETS) {
        expect(everything).not.toContain(secret);
      }
    });
  });
});
