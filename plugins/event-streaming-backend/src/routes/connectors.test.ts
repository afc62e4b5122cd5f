import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, StackHandle } from '@eventport/devstack';
import { connectApi } from '../__testUtils__/connect';
import { closedPort } from '../__testUtils__/ports';
import {
  startBackend,
  TEST_DATABASE_IDS,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';

const BASE = '/clusters/dev-local/connectors';
const SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
const SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';

jest.setTimeout(120_000);

describe('connector routes against a real Kafka Connect worker', () => {
  const databases = testDatabases();
  let stack: StackHandle;
  let api: Awaited<ReturnType<typeof startBackend>>['api'];
  let connect: ReturnType<typeof connectApi>;
  let dir: string;
  const stops: (() => Promise<void>)[] = [];

  const sourceConfig = (file: string, topic: string) => ({
    'connector.class': SOURCE,
    'tasks.max': '1',
    file,
    topic,
  });
  const sinkConfig = (file: string, topics: string) => ({
    'connector.class': SINK,
    'tasks.max': '1',
    file,
    topics,
  });

  beforeAll(async () => {
    stack = await startStack({ brokers: 1, connect: true });
    connect = connectApi(stack.connect!.url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventport-connect-test-'));
    fs.writeFileSync(path.join(dir, 'in.txt'), 'one\ntwo\n');
    const started = await startBackend({
      knex: await databases.init(TEST_DATABASE_IDS[0]),
      kafka: stack.kafka,
      connectUrl: stack.connect!.url,
    });
    stops.push(() => started.backend.stop());
    api = started.api;
    await connect.create(
      'team-a.list-source',
      sourceConfig(path.join(dir, 'in.txt'), 'team-a.list-events'),
    );
    await connect.create(
      'team-b.list-sink',
      sinkConfig(path.join(dir, 'out-b.txt'), 'team-b.list-events'),
    );
    await connect.create(
      'legacy-sink',
      sinkConfig(path.join(dir, 'out-legacy.txt'), 'legacy-events'),
    );
    for (const name of [
      'team-a.list-source',
      'team-b.list-sink',
      'legacy-sink',
    ]) {
      await connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });
    }
  }, 600_000);

  afterAll(async () => {
    for (const stop of stops) await stop();
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  describe('list and detail', () => {
    it('lists every connector with type, class, state, tasks, topics and owner from one call', async () => {
      const res = await api(USERS.owner).get(BASE);
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(3);
      const source = res.body.items.find(
        (c: { name: string }) => c.name === 'team-a.list-source',
      );
      expect(source).toMatchObject({
        type: 'source',
        className: SOURCE,
        state: 'RUNNING',
        tasks: { total: 1, running: 1, failed: 0, paused: 0 },
        topics: ['team-a.list-events'],
        owner: 'group:default/team-a',
        owned: true,
      });
      const legacy = res.body.items.find(
        (c: { name: string }) => c.name === 'legacy-sink',
      );
      expect(legacy).toMatchObject({ type: 'sink', owner: null, owned: false });
    });

    it('filters by text, state, type and ownership, and pages with totalCount', async () => {
      const names = async (query: string) => {
        const res = await api(USERS.owner).get(`${BASE}?${query}`);
        expect(res.status).toBe(200);
        return {
          names: res.body.items.map((c: { name: string }) => c.name),
          total: res.body.totalCount,
        };
      };
      expect(await names('type=sink')).toEqual({
        names: ['legacy-sink', 'team-b.list-sink'],
        total: 2,
      });
      expect(await names('owned=true')).toEqual({
        names: ['team-a.list-source'],
        total: 1,
      });
      expect(await names('q=LIST')).toEqual({
        names: ['team-a.list-source', 'team-b.list-sink'],
        total: 2,
      });
      expect(await names('limit=1&offset=1')).toEqual({
        names: ['team-a.list-source'],
        total: 3,
      });
      expect((await names('state=FAILED')).total).toBe(0);
    });

    it('answers 400 naming the field for a bad filter', async () => {
      const res = await api(USERS.owner).get(`${BASE}?state=SLEEPING`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/state/);
    });

    it('shows the detail: config, tasks with worker, topics, and what the caller may do', async () => {
      const res = await api(USERS.owner).get(`${BASE}/team-a.list-source`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'team-a.list-source',
        state: 'RUNNING',
        canOperate: true,
        canManage: true,
        config: { topic: 'team-a.list-events', 'connector.class': SOURCE },
      });
      expect(res.body.taskDetails).toEqual([
        expect.objectContaining({
          id: 0,
          state: 'RUNNING',
          workerId: expect.any(String),
        }),
      ]);
      expect(res.body.topics).toContain('team-a.list-events');
      const other = await api(USERS.other).get(`${BASE}/team-a.list-source`);
      expect(other.body).toMatchObject({ canOperate: false, canManage: false });
      expect(other.body.operateReason).toMatch(
        /owned by group:default\/team-a/,
      );
    });

    it('answers 404 for an unknown connector', async () => {
      const res = await api(USERS.owner).get(`${BASE}/team-a.nope`);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/team-a\.nope/);
    });

    it('lists the installed plugins and relays Connect validation per key', async () => {
      const plugins = await api(USERS.owner).get(`${BASE}/plugins`);
      expect(plugins.status).toBe(200);
      expect(plugins.body.plugins).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ className: SOURCE, type: 'source' }),
          expect.objectContaining({
            className: 'io.debezium.connector.postgresql.PostgresConnector',
            type: 'source',
          }),
        ]),
      );
      const res = await api(USERS.owner).put(
        `${BASE}/plugins/${SINK}/validate`,
        {
          config: { name: 'x', 'tasks.max': 'many' },
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.errorCount).toBeGreaterThan(0);
      const tasksMax = res.body.fields.find(
        (f: { name: string }) => f.name === 'tasks.max',
      );
      expect(tasksMax.errors.join(' ')).toMatch(/many/);
      expect(
        res.body.fields.find((f: { name: string }) => f.name === 'file'),
      ).toMatchObject({
        type: 'STRING',
        documentation: expect.any(String),
      });
    });
  });

  describe('self-service operations', () => {
    it('pauses, resumes, stops and restarts an owned connector, as Connect then reports', async () => {
      const name = 'team-a.list-source';
      const paused = await api(USERS.owner).post(`${BASE}/${name}/pause`);
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ name, action: 'pause' });
      // The FileStream source task reports RUNNING until its poll returns,
      // which at the end of its file can take long: the connector's state
      // is what pausing changes at once.
      await connect.waitFor(name, 'PAUSED');

      expect(
        (await api(USERS.owner).post(`${BASE}/${name}/resume`)).status,
      ).toBe(200);
      await connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });

      expect((await api(USERS.owner).post(`${BASE}/${name}/stop`)).status).toBe(
        200,
      );
      await connect.waitFor(name, 'STOPPED');
      // Stopping also removes the tasks, which Connect reports a bit later.
      for (
        let i = 0;
        i < 60 && (await connect.status(name)).tasks.length;
        i++
      ) {
        await new Promise(r => setTimeout(r, 500));
      }
      expect((await connect.status(name)).tasks).toEqual([]);

      expect(
        (await api(USERS.owner).post(`${BASE}/${name}/resume`)).status,
      ).toBe(200);
      await connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });

      const restarted = await api(USERS.owner).post(
        `${BASE}/${name}/restart?includeTasks=true&onlyFailed=false`,
      );
      expect(restarted.status).toBe(200);
      await connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });
    });

    it('shows a FAILED task with its real trace, and restarts it once the cause is fixed', async () => {
      const name = 'team-a.broken-sink';
      const missing = path.join(dir, 'not-yet', 'out.txt');
      await connect.create(name, sinkConfig(missing, 'team-a.list-events'));
      await connect.waitFor(name, 'RUNNING', { tasks: 'FAILED' });

      const detail = await api(USERS.owner).get(`${BASE}/${name}`);
      expect(detail.status).toBe(200);
      expect(detail.body.tasks).toMatchObject({ total: 1, failed: 1 });
      const [task] = detail.body.taskDetails;
      expect(task.state).toBe('FAILED');
      expect(task.trace).toMatch(/not-yet/);
      expect(task.trace).toMatch(/\n\s+at /); // a Java stack trace

      const failedOnly = await api(USERS.owner).get(
        `${BASE}?state=RUNNING&owned=true`,
      );
      expect(
        failedOnly.body.items.map((c: { name: string }) => c.name),
      ).toContain(name);

      fs.mkdirSync(path.dirname(missing));
      const res = await api(USERS.owner).post(
        `${BASE}/${name}/tasks/0/restart`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name, action: 'restart-task' });
      await connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });
      expect(fs.existsSync(missing)).toBe(true);
    });

    it('answers 400 for a task id that is not a number, and 404 for a task that does not exist', async () => {
      const bad = await api(USERS.owner).post(
        `${BASE}/team-a.list-source/tasks/x/restart`,
      );
      expect(bad.status).toBe(400);
      const missing = await api(USERS.owner).post(
        `${BASE}/team-a.list-source/tasks/7/restart`,
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(/task 7/i);
    });
  });

  describe('create, update and delete by approval', () => {
    const NAME = 'team-a.created-source';

    it('refuses a literal secret with a message showing a config-provider reference', async () => {
      const res = await api(USERS.owner).post(BASE, {
        name: NAME,
        config: {
          ...sourceConfig(path.join(dir, 'in.txt'), 'team-a.x'),
          'db.password': 'hunter2',
        },
        reason: 'test',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/db\.password/);
      expect(res.body.error.message).toMatch(/\$\{file:/);
      expect(JSON.stringify(res.body)).not.toContain('hunter2');
    });

    it("refuses a config Connect's validation refuses, with each key's error", async () => {
      const res = await api(USERS.owner).post(BASE, {
        name: NAME,
        config: { ...sourceConfig('', 'team-a.x'), 'tasks.max': 'lots' },
        reason: 'test',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /Kafka Connect refused the config/,
      );
      expect(res.body.error.message).toMatch(/tasks\.max/);
    });

    it('refuses a name outside the namespaces without an owner, and an existing name', async () => {
      const outside = await api(USERS.owner).post(BASE, {
        name: 'loose-source',
        config: sourceConfig(path.join(dir, 'in.txt'), 'loose'),
        reason: 'test',
      });
      expect(outside.status).toBe(400);
      expect(outside.body.error.message).toMatch(/team-a\./);
      const taken = await api(USERS.owner).post(BASE, {
        name: 'team-a.list-source',
        config: sourceConfig(path.join(dir, 'in.txt'), 'team-a.list-events'),
        reason: 'test',
      });
      expect(taken.status).toBe(409);
    });

    it('creates a connector only on approval, with exactly the requested config', async () => {
      const config = {
        ...sourceConfig(path.join(dir, 'in.txt'), 'team-a.created-events'),
        'db.password': '${file:/opt/secrets.properties:db.password}',
      };
      const res = await api(USERS.owner).post(BASE, {
        name: NAME,
        config,
        reason: 'orders feed',
      });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        kind: 'connector.create',
        status: 'pending',
        payload: {
          cluster: 'dev-local',
          name: NAME,
          config,
          owner: 'group:default/team-a',
        },
      });
      expect(await connect.config(NAME)).toBeUndefined();

      const again = await api(USERS.owner2).post(BASE, {
        name: NAME,
        config,
        reason: 'twice',
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/already open/);

      const self = await api(USERS.owner).post(
        `/approvals/${res.body.id}/approve`,
        {},
      );
      expect(self.status).toBe(403);
      const approved = await api(USERS.approver).post(
        `/approvals/${res.body.id}/approve`,
        {},
      );
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('executed');
      expect(await connect.config(NAME)).toEqual({ ...config, name: NAME });
      await connect.waitFor(NAME, 'RUNNING');
    });

    it('requests a config change with its diff and applies exactly that on approval', async () => {
      const current = (await connect.config(NAME))!;
      const config: Record<string, string> = {
        ...current,
        topic: 'team-a.created-events-v2',
      };
      delete config['db.password'];
      const res = await api(USERS.owner).put(`${BASE}/${NAME}/config`, {
        config,
        reason: 'new topic',
      });
      expect(res.status).toBe(202);
      expect(res.body.payload.changes).toEqual([
        {
          key: 'db.password',
          change: 'removed',
          before: '${file:/opt/secrets.properties:db.password}',
        },
        {
          key: 'topic',
          change: 'changed',
          before: 'team-a.created-events',
          after: 'team-a.created-events-v2',
        },
      ]);
      expect((await connect.config(NAME))!.topic).toBe('team-a.created-events');
      const approved = await api(USERS.approver).post(
        `/approvals/${res.body.id}/approve`,
        {},
      );
      expect(approved.body.status).toBe('executed');
      const live = (await connect.config(NAME))!;
      expect(live.topic).toBe('team-a.created-events-v2');
      expect(live['db.password']).toBeUndefined();
    });

    it('refuses an unchanged config, a changed class, the masked value and other teams', async () => {
      const current = (await connect.config(NAME))!;
      const unchanged = await api(USERS.owner).put(`${BASE}/${NAME}/config`, {
        config: current,
        reason: 'nothing',
      });
      expect(unchanged.status).toBe(400);
      expect(unchanged.body.error.message).toMatch(/unchanged/);
      const otherClass = await api(USERS.owner).put(`${BASE}/${NAME}/config`, {
        config: { ...current, 'connector.class': SINK },
        reason: 'x',
      });
      expect(otherClass.status).toBe(400);
      expect(otherClass.body.error.message).toMatch(/connector\.class/);
      const masked = await api(USERS.owner).put(`${BASE}/${NAME}/config`, {
        config: { ...current, 'api.token': '********' },
        reason: 'x',
      });
      expect(masked.status).toBe(400);
      expect(masked.body.error.message).toMatch(/api\.token/);
      const other = await api(USERS.other).put(`${BASE}/${NAME}/config`, {
        config: { ...current, topic: 'team-a.hijack' },
        reason: 'x',
      });
      expect(other.status).toBe(403);
    });

    it('deletes only after the name is typed and the request approved', async () => {
      const wrong = await api(USERS.owner).delete(`${BASE}/${NAME}`, {
        confirm: 'team-a.created',
        reason: 'done',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toMatch(/exactly the connector name/);
      const res = await api(USERS.owner).delete(`${BASE}/${NAME}`, {
        confirm: NAME,
        reason: 'done',
      });
      expect(res.status).toBe(202);
      expect(res.body.payload).toEqual({
        cluster: 'dev-local',
        name: NAME,
        className: SOURCE,
      });
      expect(await connect.config(NAME)).toBeDefined();
      const approved = await api(USERS.approver).post(
        `/approvals/${res.body.id}/approve`,
        {},
      );
      expect(approved.body.status).toBe('executed');
      expect(await connect.config(NAME)).toBeUndefined();
    });

    it('records the owner of a connector named outside every namespace', async () => {
      const name = 'shared-ingest';
      const res = await api(USERS.owner).post(BASE, {
        name,
        owner: 'group:default/team-a',
        config: sourceConfig(path.join(dir, 'in.txt'), 'shared-events'),
        reason: 'shared',
      });
      expect(res.status).toBe(202);
      const notMine = await api(USERS.owner).post(BASE, {
        name: 'shared-other',
        owner: 'group:default/team-b',
        config: sourceConfig(path.join(dir, 'in.txt'), 'shared-events'),
        reason: 'x',
      });
      expect(notMine.status).toBe(403);
      await api(USERS.approver).post(`/approvals/${res.body.id}/approve`, {});
      const detail = await api(USERS.owner).get(`${BASE}/${name}`);
      expect(detail.body).toMatchObject({
        owner: 'group:default/team-a',
        owned: true,
        canOperate: true,
      });
      const list = await api(USERS.owner).get(`${BASE}?owned=true&q=shared`);
      expect(list.body.items.map((c: { name: string }) => c.name)).toEqual([
        name,
      ]);
    });
  });

  describe('failures', () => {
    it('says Connect is not configured for a cluster without it', async () => {
      const started = await startBackend({
        knex: await databases.init(TEST_DATABASE_IDS[0]),
        kafka: stack.kafka,
      });
      stops.push(() => started.backend.stop());
      const res = await started.api(USERS.owner).get(BASE);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(
        /Kafka Connect is not configured for cluster 'dev-local'/,
      );
      const clusters = await started.api(USERS.owner).get('/clusters');
      expect(clusters.body.clusters[0].connect).toBe(false);
    });

    it('answers 503 with the cause when Connect cannot be reached', async () => {
      const started = await startBackend({
        knex: await databases.init(TEST_DATABASE_IDS[0]),
        kafka: stack.kafka,
        connectUrl: `http://127.0.0.1:${await closedPort()}`,
      });
      stops.push(() => started.backend.stop());
      const res = await started.api(USERS.owner).get(BASE);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /Kafka Connect of cluster 'dev-local' is unavailable/,
      );
      expect(res.body.error.message).toMatch(/ECONNREFUSED/);
    });
  });
});
