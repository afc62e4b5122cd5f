import path from 'node:path';
import {
  CONNECTORS as BASE,
  SINK,
  SOURCE,
  sourceConfig,
  useConnectFixture,
} from '../__testUtils__/connectFixture';
import { USERS } from '../__testUtils__/harness';

jest.setTimeout(120_000);

describe('connector requests against a real Kafka Connect worker', () => {
  const fixture = useConnectFixture();
  let dir: string;

  beforeAll(async () => {
    dir = fixture.dir;
    await fixture.connect.create(
      'team-a.list-source',
      sourceConfig(path.join(dir, 'in.txt'), 'team-a.list-events'),
    );
  }, 600_000);

  describe('create, update and delete by approval', () => {
    const NAME = 'team-a.created-source';

    it('refuses a literal secret with a message showing a config-provider reference', async () => {
      const res = await fixture.api(USERS.owner).post(BASE, {
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
      const res = await fixture.api(USERS.owner).post(BASE, {
        name: NAME,
        config: {
          ...sourceConfig(path.join(dir, 'in.txt'), 'team-a.x'),
          'batch.size': 'lots',
        },
        reason: 'test',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /Kafka Connect refused the config/,
      );
      expect(res.body.error.message).toMatch(/batch\.size/);
    });

    it('refuses a name outside the namespaces without an owner, and an existing name', async () => {
      const outside = await fixture.api(USERS.owner).post(BASE, {
        name: 'loose-source',
        config: sourceConfig(path.join(dir, 'in.txt'), 'loose'),
        reason: 'test',
      });
      expect(outside.status).toBe(400);
      expect(outside.body.error.message).toMatch(/team-a\./);
      const taken = await fixture.api(USERS.owner).post(BASE, {
        name: 'team-a.list-source',
        config: sourceConfig(path.join(dir, 'in.txt'), 'team-a.list-events'),
        reason: 'test',
      });
      expect(taken.status).toBe(409);
    });

    it('creates a connector only on approval, with exactly the requested config', async () => {
      const config = {
        ...sourceConfig(path.join(dir, 'in.txt'), 'team-a.created-events'),
        'db.password': '${file:/opt/connect/secrets.properties:db.password}',
      };
      const res = await fixture.api(USERS.owner).post(BASE, {
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
      expect(await fixture.connect.config(NAME)).toBeUndefined();
      // Evidence: what it writes (with the owner), the secret it references,
      // the file and the code, and no secret value anywhere.
      const facts = Object.fromEntries(
        res.body.evidence.sections.map((x: any) => [
          x.id,
          x.problem ?? x.items,
        ]),
      );
      expect(facts).toEqual({
        topics: [
          {
            label: 'team-a.created-events',
            detail: 'writes it, owned by group:default/team-a',
          },
        ],
        references: [
          {
            label: '${file:/opt/connect/secrets.properties:db.password}',
            detail: expect.stringContaining('in db.password'),
          },
        ],
        files: [
          {
            label: path.join(dir, 'in.txt'),
            detail: 'file, on the Connect workers',
          },
        ],
        classes: [{ label: SOURCE, detail: 'connector.class' }],
      });

      const again = await fixture.api(USERS.owner2).post(BASE, {
        name: NAME,
        config,
        reason: 'twice',
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/already open/);

      const self = await fixture
        .api(USERS.owner)
        .post(`/approvals/${res.body.id}/approve`, {});
      expect(self.status).toBe(403);
      const approved = await fixture
        .api(USERS.approver)
        .post(`/approvals/${res.body.id}/approve`, {});
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('executed');
      // Under load the worker serves a new connector's config a moment after
      // it answered the create.
      let live = await fixture.connect.config(NAME);
      for (let i = 0; !live && i < 50; i++) {
        await new Promise(r => setTimeout(r, 200));
        live = await fixture.connect.config(NAME);
      }
      expect(live).toEqual({ ...config, name: NAME });
      await fixture.connect.waitFor(NAME, 'RUNNING');
    });

    it('requests a config change with its diff and applies exactly that on approval', async () => {
      const current = (await fixture.connect.config(NAME))!;
      const config: Record<string, string> = {
        ...current,
        topic: 'team-a.created-events-v2',
      };
      delete config['db.password'];
      const res = await fixture.api(USERS.owner).put(`${BASE}/${NAME}/config`, {
        config,
        reason: 'new topic',
      });
      expect(res.status).toBe(202);
      expect(res.body.payload.changes).toEqual([
        {
          key: 'db.password',
          change: 'removed',
          before: '${file:/opt/connect/secrets.properties:db.password}',
        },
        {
          key: 'topic',
          change: 'changed',
          before: 'team-a.created-events',
          after: 'team-a.created-events-v2',
        },
      ]);
      expect((await fixture.connect.config(NAME))!.topic).toBe(
        'team-a.created-events',
      );
      const evidence = res.body.evidence.sections;
      expect(evidence.find((x: any) => x.id === 'changes').items).toEqual([
        {
          label: 'db.password',
          detail:
            'removed (was ${file:/opt/connect/secrets.properties:db.password})',
        },
        {
          label: 'topic',
          detail: 'team-a.created-events → team-a.created-events-v2',
        },
      ]);
      expect(evidence.find((x: any) => x.id === 'topics').items).toEqual([
        {
          label: 'team-a.created-events-v2',
          detail: 'writes it, owned by group:default/team-a',
        },
      ]);
      const approved = await fixture
        .api(USERS.approver)
        .post(`/approvals/${res.body.id}/approve`, {});
      expect(approved.body.status).toBe('executed');
      // Under load the worker answers 404 for a moment while it applies the
      // new config (a rebalance), as after a create.
      let live = await fixture.connect.config(NAME);
      for (let i = 0; !live && i < 50; i++) {
        await new Promise(r => setTimeout(r, 200));
        live = await fixture.connect.config(NAME);
      }
      expect(live?.topic).toBe('team-a.created-events-v2');
      expect(live!['db.password']).toBeUndefined();
    });

    it('refuses an unchanged config, a changed class, the masked value and other teams', async () => {
      const current = (await fixture.connect.config(NAME))!;
      const unchanged = await fixture
        .api(USERS.owner)
        .put(`${BASE}/${NAME}/config`, {
          config: current,
          reason: 'nothing',
        });
      expect(unchanged.status).toBe(400);
      expect(unchanged.body.error.message).toMatch(/unchanged/);
      const otherClass = await fixture
        .api(USERS.owner)
        .put(`${BASE}/${NAME}/config`, {
          config: { ...current, 'connector.class': SINK },
          reason: 'x',
        });
      expect(otherClass.status).toBe(400);
      expect(otherClass.body.error.message).toMatch(/connector\.class/);
      const masked = await fixture
        .api(USERS.owner)
        .put(`${BASE}/${NAME}/config`, {
          config: { ...current, 'api.token': '********' },
          reason: 'x',
        });
      expect(masked.status).toBe(400);
      expect(masked.body.error.message).toMatch(/api\.token/);
      const other = await fixture
        .api(USERS.other)
        .put(`${BASE}/${NAME}/config`, {
          config: { ...current, topic: 'team-a.hijack' },
          reason: 'x',
        });
      expect(other.status).toBe(403);
    });

    it('deletes only after the name is typed and the request approved', async () => {
      const wrong = await fixture.api(USERS.owner).delete(`${BASE}/${NAME}`, {
        confirm: 'team-a.created',
        reason: 'done',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toMatch(/exactly the connector name/);
      const res = await fixture.api(USERS.owner).delete(`${BASE}/${NAME}`, {
        confirm: NAME,
        reason: 'done',
      });
      expect(res.status).toBe(202);
      expect(res.body.payload).toEqual({
        cluster: 'dev-local',
        name: NAME,
        className: SOURCE,
      });
      // Evidence: what it does now, read from Connect, and what it writes.
      const now = Object.fromEntries(
        res.body.evidence.sections.map((x: any) => [
          x.id,
          x.problem ?? x.items,
        ]),
      );
      expect(now.state).toEqual([
        { label: 'running', detail: '1 of 1 task running' },
      ]);
      expect(now.topics).toEqual([
        {
          label: 'team-a.created-events-v2',
          detail: 'writes it, owned by group:default/team-a',
        },
      ]);
      expect(await fixture.connect.config(NAME)).toBeDefined();
      const approved = await fixture
        .api(USERS.approver)
        .post(`/approvals/${res.body.id}/approve`, {});
      expect(approved.body.status).toBe('executed');
      expect(await fixture.connect.config(NAME)).toBeUndefined();
    });

    it('records the owner of a connector named outside every namespace', async () => {
      const name = 'shared-ingest';
      const res = await fixture.api(USERS.owner).post(BASE, {
        name,
        owner: 'group:default/team-a',
        config: sourceConfig(path.join(dir, 'in.txt'), 'team-a.shared-events'),
        reason: 'shared',
      });
      expect(res.status).toBe(202);
      const notMine = await fixture.api(USERS.owner).post(BASE, {
        name: 'shared-other',
        owner: 'group:default/team-b',
        config: sourceConfig(path.join(dir, 'in.txt'), 'team-a.shared-events'),
        reason: 'x',
      });
      expect(notMine.status).toBe(403);
      await fixture
        .api(USERS.approver)
        .post(`/approvals/${res.body.id}/approve`, {});
      const detail = await fixture.api(USERS.owner).get(`${BASE}/${name}`);
      expect(detail.body).toMatchObject({
        owner: 'group:default/team-a',
        owned: true,
        canOperate: true,
      });
      const list = await fixture
        .api(USERS.owner)
        .get(`${BASE}?owned=true&q=shared`);
      expect(list.body.items.map((c: { name: string }) => c.name)).toEqual([
        name,
      ]);
    });
  });

  describe('auto-approval of a config change by policy', () => {
    const AUTO = 'team-a.auto-source';

    it('approves a dev change of tasks.max only, saying so; a change of the topic waits for a person', async () => {
      await fixture.connect.create(
        AUTO,
        sourceConfig(path.join(dir, 'in.txt'), 'team-a.auto-events'),
      );
      const api = await fixture.backend({
        connectUrl: fixture.stack.connect!.url,
        eventStreaming: {
          approvals: {
            approvers: ['group:default/platform-team'],
            securityReviewers: ['group:default/security'],
            autoApprove: [
              {
                name: 'task counts in dev',
                kind: 'connector.update',
                environments: ['dev'],
                onlyKeys: ['tasks.max'],
              },
            ],
          },
        },
      });
      const current = (await fixture.connect.config(AUTO))!;
      const tasks = await api(USERS.owner).put(`${BASE}/${AUTO}/config`, {
        config: { ...current, 'tasks.max': '2' },
        reason: 'more throughput',
      });
      expect(tasks.status).toBe(202);
      expect(tasks.body).toMatchObject({
        status: 'executed',
        decidedBy: 'system',
      });
      expect(tasks.body.history[1]).toMatchObject({
        action: 'approved',
        actor: 'system',
        comment:
          "Approved automatically by rule 'task counts in dev': environment dev, it changes only tasks.max.",
      });
      let live = await fixture.connect.config(AUTO);
      for (let i = 0; live?.['tasks.max'] !== '2' && i < 50; i++) {
        await new Promise(r => setTimeout(r, 200));
        live = await fixture.connect.config(AUTO);
      }
      expect(live?.['tasks.max']).toBe('2');

      const topic = await api(USERS.owner).put(`${BASE}/${AUTO}/config`, {
        config: { ...live!, 'tasks.max': '1', topic: 'team-a.auto-events-v2' },
        reason: 'new topic',
      });
      expect(topic.status).toBe(202);
      expect(topic.body).toMatchObject({ status: 'pending', decidedBy: null });
      expect((await fixture.connect.config(AUTO))!.topic).toBe(
        'team-a.auto-events',
      );
      await api(USERS.owner).post(`/approvals/${topic.body.id}/cancel`);
    });
  });
});
