import fs from 'node:fs';
import path from 'node:path';
import {
  CONNECTORS as BASE,
  SINK,
  SOURCE,
  sinkConfig,
  sourceConfig,
  useConnectFixture,
} from '../__testUtils__/connectFixture';
import { USERS } from '../__testUtils__/harness';
import { closedPort } from '../__testUtils__/ports';

jest.setTimeout(120_000);

describe('connector routes against a real Kafka Connect worker', () => {
  const fixture = useConnectFixture();

  beforeAll(async () => {
    const { dir } = fixture;
    await fixture.connect.create(
      'team-a.list-source',
      sourceConfig(path.join(dir, 'in.txt'), 'team-a.list-events'),
    );
    await fixture.connect.create(
      'team-b.list-sink',
      sinkConfig(path.join(dir, 'out-b.txt'), 'team-b.list-events'),
    );
    await fixture.connect.create(
      'legacy-sink',
      sinkConfig(path.join(dir, 'out-legacy.txt'), 'legacy-events'),
    );
    for (const name of [
      'team-a.list-source',
      'team-b.list-sink',
      'legacy-sink',
    ]) {
      await fixture.connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });
    }
  }, 600_000);

  describe('list and detail', () => {
    it('lists every connector with type, class, state, tasks, topics and owner from one call', async () => {
      const res = await fixture.api(USERS.owner).get(BASE);
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
        const res = await fixture.api(USERS.owner).get(`${BASE}?${query}`);
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
      const res = await fixture.api(USERS.owner).get(`${BASE}?state=SLEEPING`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/state/);
    });

    it('shows the detail: config, tasks with worker, topics, and what the caller may do', async () => {
      const res = await fixture
        .api(USERS.owner)
        .get(`${BASE}/team-a.list-source`);
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
      const other = await fixture
        .api(USERS.other)
        .get(`${BASE}/team-a.list-source`);
      expect(other.body).toMatchObject({ canOperate: false, canManage: false });
      expect(other.body.operateReason).toMatch(
        /owned by group:default\/team-a/,
      );
    });

    it('answers 404 for an unknown connector', async () => {
      const res = await fixture.api(USERS.owner).get(`${BASE}/team-a.nope`);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/team-a\.nope/);
    });

    it('lists the installed plugins and relays Connect validation per key', async () => {
      const plugins = await fixture.api(USERS.owner).get(`${BASE}/plugins`);
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
      const res = await fixture
        .api(USERS.owner)
        .put(`${BASE}/plugins/${SINK}/validate`, {
          name: 'team-a.validated-sink',
          config: { 'errors.tolerance': 'sometimes' },
        });
      expect(res.status).toBe(200);
      expect(res.body.errorCount).toBeGreaterThan(0);
      const tolerance = res.body.fields.find(
        (f: { name: string }) => f.name === 'errors.tolerance',
      );
      // Connect's message quotes the value as sent.
      expect(tolerance.errors.join(' ')).toMatch(/sometimes/);
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
      const paused = await fixture
        .api(USERS.owner)
        .post(`${BASE}/${name}/pause`);
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ name, action: 'pause' });
      // The FileStream source task reports RUNNING until its poll returns,
      // which at the end of its file can take long: the connector's state
      // is what pausing changes at once.
      await fixture.connect.waitFor(name, 'PAUSED');

      expect(
        (await fixture.api(USERS.owner).post(`${BASE}/${name}/resume`)).status,
      ).toBe(200);
      await fixture.connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });

      expect(
        (await fixture.api(USERS.owner).post(`${BASE}/${name}/stop`)).status,
      ).toBe(200);
      await fixture.connect.waitFor(name, 'STOPPED');
      // Stopping also removes the tasks, which Connect reports a bit later.
      for (
        let i = 0;
        i < 60 && (await fixture.connect.status(name)).tasks.length;
        i++
      ) {
        await new Promise(r => setTimeout(r, 500));
      }
      expect((await fixture.connect.status(name)).tasks).toEqual([]);

      expect(
        (await fixture.api(USERS.owner).post(`${BASE}/${name}/resume`)).status,
      ).toBe(200);
      await fixture.connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });

      const restarted = await fixture
        .api(USERS.owner)
        .post(`${BASE}/${name}/restart?includeTasks=true&onlyFailed=false`);
      expect(restarted.status).toBe(200);
      await fixture.connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });
    });

    it('shows a FAILED task with its real trace, and restarts it once the cause is fixed', async () => {
      const name = 'team-a.broken-sink';
      const missing = path.join(fixture.dir, 'not-yet', 'out.txt');
      await fixture.connect.create(
        name,
        sinkConfig(missing, 'team-a.list-events'),
      );
      await fixture.connect.waitFor(name, 'RUNNING', { tasks: 'FAILED' });

      const detail = await fixture.api(USERS.owner).get(`${BASE}/${name}`);
      expect(detail.status).toBe(200);
      expect(detail.body.tasks).toMatchObject({ total: 1, failed: 1 });
      const [task] = detail.body.taskDetails;
      expect(task.state).toBe('FAILED');
      expect(task.trace).toMatch(/not-yet/);
      expect(task.trace).toMatch(/\n\s+at /); // a Java stack trace

      const failedOnly = await fixture
        .api(USERS.owner)
        .get(`${BASE}?state=RUNNING&owned=true`);
      expect(
        failedOnly.body.items.map((c: { name: string }) => c.name),
      ).toContain(name);

      fs.mkdirSync(path.dirname(missing));
      const res = await fixture
        .api(USERS.owner)
        .post(`${BASE}/${name}/tasks/0/restart`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name, action: 'restart-task' });
      await fixture.connect.waitFor(name, 'RUNNING', { tasks: 'RUNNING' });
      expect(fs.existsSync(missing)).toBe(true);
    });

    it('answers 400 for a task id that is not a number, and 404 for a task that does not exist', async () => {
      const bad = await fixture
        .api(USERS.owner)
        .post(`${BASE}/team-a.list-source/tasks/x/restart`);
      expect(bad.status).toBe(400);
      const missing = await fixture
        .api(USERS.owner)
        .post(`${BASE}/team-a.list-source/tasks/7/restart`);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(/task 7/i);
    });
  });

  describe('failures', () => {
    it('says Connect is not configured for a cluster without it', async () => {
      const bare = await fixture.backend();
      const res = await bare(USERS.owner).get(BASE);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(
        /Kafka Connect is not configured for cluster 'dev-local'/,
      );
      const clusters = await bare(USERS.owner).get('/clusters');
      expect(clusters.body.clusters[0].connect).toBe(false);
    });

    it('answers 503 with the cause when Connect cannot be reached', async () => {
      const down = await fixture.backend({
        connectUrl: `http://127.0.0.1:${await closedPort()}`,
      });
      const res = await down(USERS.owner).get(BASE);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /Kafka Connect of cluster 'dev-local' is unavailable/,
      );
      expect(res.body.error.message).toMatch(/ECONNREFUSED/);
    });
  });
});
