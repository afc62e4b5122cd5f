/**
 * Attacks on the connector routes by a developer of another team, against a
 * real Kafka Connect worker (issue 25, classes 1 and 2). Each test first
 * shows, where it can, that the worker itself would do the harm, then that
 * Eventport refuses before the worker sees the config, and that nothing
 * changed on the worker.
 */
import path from 'node:path';
import { DEMO_SECRETS } from '@eventport/devstack';
import { CapturingLogger } from '../__testUtils__/capturingLogger';
import { CONNECT_FILES } from '../__testUtils__/config';
import {
  CONNECTORS as BASE,
  SINK,
  sinkConfig,
  sourceConfig,
  useConnectFixture,
} from '../__testUtils__/connectFixture';
import { USERS } from '../__testUtils__/harness';

jest.setTimeout(120_000);

const PG = 'io.debezium.connector.postgresql.PostgresConnector';
/** The worker's environment holds this secret (devstack's Connect worker). */
const ENV_SECRET_REF = '${env:EVENTPORT_CONNECT_PG_PASSWORD}';
const SECRET_VALUES = Object.values(DEMO_SECRETS);

describe('connector attacks by another team, against a real Connect worker', () => {
  const fixture = useConnectFixture();
  const logger = new CapturingLogger();
  const bodies: string[] = [];
  let api: typeof fixture.api;

  /** Every response is kept for the secret sweep at the end. */
  const as = (user?: string) => {
    const client = api(user);
    const keep =
      <A extends unknown[]>(
        f: (...a: A) => PromiseLike<{ status: number; body: any }>,
      ) =>
      async (...a: A) => {
        const res = await f(...a);
        bodies.push(JSON.stringify(res.body));
        return res;
      };
    return {
      get: keep(client.get),
      post: keep(client.post),
      put: keep(client.put),
    };
  };

  beforeAll(async () => {
    api = await fixture.backend({
      connectUrl: fixture.stack.connect!.url,
      logger,
    });
  });

  /** Requests waiting for a decision, as the platform approver sees them. */
  const openRequests = async () => {
    const res = await as(USERS.approver).get('/approvals?status=pending');
    expect(res.status).toBe(200);
    return (res.body as { items: Array<{ payload: { name: string } }> }).items;
  };

  describe('class 1: secrets the worker resolves', () => {
    it('the worker itself echoes a resolved env secret in its validation (the attack works on Connect)', async () => {
      const res = await fetch(
        `${
          fixture.stack.connect!.url
        }/connector-plugins/${SINK}/config/validate`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            'connector.class': SINK,
            name: 'probe',
            topics: 'team-b.x',
            'tasks.max': ENV_SECRET_REF,
          }),
        },
      );
      expect(await res.text()).toContain(DEMO_SECRETS['pg.password']);
    });

    it('validate: a plain signed-in user and another team get no foreign reference resolved', async () => {
      for (const user of [USERS.other, USERS.owner]) {
        const res = await as(user).put(`${BASE}/plugins/${SINK}/validate`, {
          name: 'team-b.probe-sink',
          config: {
            topics: 'team-b.x',
            'tasks.max': ENV_SECRET_REF,
          },
        });
        expect(res.status).toBe(403);
        expect(JSON.stringify(res.body)).not.toContain(
          DEMO_SECRETS['pg.password'],
        );
      }
      // In a secret setting too, the worker's reference is not team-b's.
      const res = await as(USERS.other).put(
        `${BASE}/plugins/${SINK}/validate`,
        {
          name: 'team-b.probe-sink',
          config: { topics: 'team-b.x', 'db.password': ENV_SECRET_REF },
        },
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /not one of group:default\/team-b's secret references/,
      );
    });

    it('validate needs a name the caller may create, and a sign-in', async () => {
      const body = { config: { topics: 'team-b.x' } };
      expect(
        (await as(USERS.other).put(`${BASE}/plugins/${SINK}/validate`, body))
          .status,
      ).toBe(400);
      const foreign = await as(USERS.other).put(
        `${BASE}/plugins/${SINK}/validate`,
        { ...body, name: 'team-a.not-mine' },
      );
      expect(foreign.status).toBe(403);
      expect(foreign.body.error.message).toMatch(
        /not a member of group:default\/team-a/,
      );
      expect(
        (await as().put(`${BASE}/plugins/${SINK}/validate`, body)).status,
      ).toBe(401);
    });

    it("validate with the team's own reference answers with what was sent", async () => {
      const file = path.join(CONNECT_FILES.teamA, 'out.txt');
      const res = await as(USERS.owner).put(
        `${BASE}/plugins/${SINK}/validate`,
        {
          name: 'team-a.own-sink',
          config: {
            topics: 'team-a.x',
            file,
            'db.password': '${env:TEAM_A_DB_PASSWORD}',
          },
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.errorCount).toBe(0);
      const field = (name: string) =>
        res.body.fields.find((f: { name: string }) => f.name === name);
      expect(field('file').value).toBe(file);
      expect(field('topics').value).toBe('team-a.x');
    });

    it('create: a foreign reference is refused before an approval request exists', async () => {
      const res = await as(USERS.other).post(BASE, {
        name: 'team-b.leaky-sink',
        config: {
          ...sinkConfig(path.join(CONNECT_FILES.teamB, 'out.txt'), 'team-b.x'),
          'db.password': ENV_SECRET_REF,
        },
        reason: 'attack',
      });
      expect(res.status).toBe(403);
      expect(
        (await openRequests()).filter(
          r => r.payload.name === 'team-b.leaky-sink',
        ),
      ).toEqual([]);
    });
  });

  describe('class 2: topics, files, classes and the CDC review', () => {
    it("a sink of another team's topic is refused; none is created or requested", async () => {
      const res = await as(USERS.other).post(BASE, {
        name: 'team-b.steal-sink',
        config: sinkConfig(
          path.join(CONNECT_FILES.teamB, 'stolen.txt'),
          'team-a.payments-v1',
        ),
        reason: 'attack',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /reads topic 'team-a\.payments-v1'/,
      );
      expect(await fixture.connect.config('team-b.steal-sink')).toBeUndefined();
      expect(
        (await openRequests()).filter(
          r => r.payload.name === 'team-b.steal-sink',
        ),
      ).toEqual([]);
    });

    it('topics.regex that reaches past the namespace is refused', async () => {
      const res = await as(USERS.other).post(BASE, {
        name: 'team-b.regex-sink',
        config: {
          'connector.class': SINK,
          'tasks.max': '1',
          file: path.join(CONNECT_FILES.teamB, 'all.txt'),
          'topics.regex': 'team-b\\..*|team-a\\..*',
        },
        reason: 'attack',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/alternation/);
    });

    it('a source writing into another namespace, directly or through a router, is refused', async () => {
      const res = await as(USERS.other).post(BASE, {
        name: 'team-b.poison-source',
        config: {
          ...sourceConfig(
            path.join(CONNECT_FILES.teamB, 'in.txt'),
            'team-b.ok',
          ),
          transforms: 'route',
          'transforms.route.type':
            'org.apache.kafka.connect.transforms.RegexRouter',
          'transforms.route.regex': '.*',
          'transforms.route.replacement': 'team-a.orders-v1',
        },
        reason: 'attack',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/transforms\.route\.replacement/);
    });

    it("a file outside the caller's folders is refused (worker files, another team's folder)", async () => {
      for (const file of [
        '/etc/passwd',
        path.join(CONNECT_FILES.teamA, 'in.txt'),
        `${CONNECT_FILES.teamB}/../team-a/in.txt`,
      ]) {
        const res = await as(USERS.other).post(BASE, {
          name: 'team-b.read-file',
          config: sourceConfig(file, 'team-b.files'),
          reason: 'attack',
        });
        expect([400, 403]).toContain(res.status);
        expect(res.body.error.message).toMatch(/file/);
      }
      expect(await fixture.connect.config('team-b.read-file')).toBeUndefined();
    });

    it('a Debezium connector through the connector route is refused (no 500) and pointed to CDC pipelines', async () => {
      const res = await as(USERS.owner).post(BASE, {
        name: 'team-a.shop-capture',
        config: {
          'connector.class': PG,
          'database.hostname': '127.0.0.1',
          'database.user': 'postgres',
          'database.dbname': 'shop',
          'table.include.list': 'shop\\..*',
          'topic.prefix': 'team-a.shop',
        },
        reason: 'attack',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/CDC pipeline/);
      expect(
        (await openRequests()).filter(
          r => r.payload.name === 'team-a.shop-capture',
        ),
      ).toEqual([]);
    });

    it('the connector dialog gets a form for every plugin Connect lists, Debezium included', async () => {
      const list = await as(USERS.owner).get(`${BASE}/plugins`);
      expect(list.status).toBe(200);
      const plugins = list.body.plugins as Array<{
        className: string;
        type: string;
        refusal?: string;
      }>;
      expect(plugins.find(p => p.className === PG)?.refusal).toMatch(
        /CDC pipeline/,
      );
      expect(plugins.find(p => p.className === SINK)?.refusal).toBeUndefined();
      for (const p of plugins.filter(x =>
        ['source', 'sink'].includes(x.type),
      )) {
        const form = await as(USERS.owner).get(
          `${BASE}/plugins/${p.className}/config`,
        );
        expect(form.status).toBe(200);
        expect(form.body.fields.length).toBeGreaterThan(0);
      }
    });

    it("an owner's config change may not point its sink at another team's topic", async () => {
      const name = 'team-a.change-sink';
      await fixture.connect.create(
        name,
        sinkConfig(path.join(fixture.dir, 'change.txt'), 'team-a.change'),
      );
      const { name: _n, ...config } = (await fixture.connect.config(name))!;
      const res = await as(USERS.owner).put(`${BASE}/${name}/config`, {
        config: { ...config, topics: 'team-b.shipments-v1' },
        reason: 'attack',
      });
      expect(res.status).toBe(403);
      expect((await fixture.connect.config(name))!.topics).toBe(
        'team-a.change',
      );
      await fixture.connect.remove(name);
    });
  });

  describe('class 6: approvals act on what was reviewed', () => {
    it("a request for a name someone else's connector takes when approved records no owner", async () => {
      const name = 'loose-hijack-sink';
      const res = await as(USERS.owner).post(BASE, {
        name,
        owner: 'group:default/team-a',
        config: sinkConfig(path.join(fixture.dir, 'hijack.txt'), 'team-a.x'),
        reason: 'attack',
      });
      expect(res.status).toBe(202);
      // Meanwhile a connector of that name appears outside Eventport.
      await fixture.connect.create(
        name,
        sinkConfig(path.join(fixture.dir, 'other.txt'), 'team-a.other'),
      );
      const approved = await as(USERS.approver).post(
        `/approvals/${res.body.id}/approve`,
        {},
      );
      expect(approved.body.status).toBe('failed');
      const detail = await as(USERS.owner).get(`${BASE}/${name}`);
      expect(detail.body.owner).toBeNull();
      expect(detail.body.canManage).toBe(false);
      await fixture.connect.remove(name);
    });

    it('a config change is applied only onto the config that was reviewed', async () => {
      const name = 'team-a.bound-sink';
      await fixture.connect.create(
        name,
        sinkConfig(path.join(fixture.dir, 'bound.txt'), 'team-a.bound'),
      );
      const { name: _n, ...config } = (await fixture.connect.config(name))!;
      const res = await as(USERS.owner).put(`${BASE}/${name}/config`, {
        config: { ...config, 'tasks.max': '2' },
        reason: 'more tasks',
      });
      expect(res.status).toBe(202);
      // Changed on the worker after the request was made.
      await fetch(`${fixture.stack.connect!.url}/connectors/${name}/config`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...config, topics: 'team-a.changed' }),
      });
      const approved = await as(USERS.approver).post(
        `/approvals/${res.body.id}/approve`,
        {},
      );
      expect(approved.body.status).toBe('failed');
      expect(approved.body.error).toMatch(
        /has changed since this change was requested/,
      );
      const live = (await fixture.connect.config(name))!;
      expect([live.topics, live['tasks.max']]).toEqual(['team-a.changed', '1']);
      await fixture.connect.remove(name);
    });
  });

  it('no secret the worker holds appears in any response or log line of this suite', () => {
    expect(bodies.length).toBeGreaterThan(10);
    const seen = [...bodies, ...logger.lines].join('\n');
    for (const secret of SECRET_VALUES) expect(seen).not.toContain(secret);
  });
});
