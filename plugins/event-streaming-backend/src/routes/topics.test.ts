import { TEST_MATRIX, useRouteFixture, USERS } from '../__testUtils__/harness';

const DAY = 86_400_000;

describe.each(TEST_MATRIX)(
  'topic routes on %s with %s Kafka',
  (databaseId, kind) => {
    const t = useRouteFixture(databaseId, kind);

    it('lists the configured clusters with limits, defaults and namespaces, without secrets', async () => {
      const res = await t.api(USERS.owner).get('/clusters');
      expect(res.status).toBe(200);
      expect(res.body.clusters).toEqual([
        {
          name: 'dev-local',
          environment: 'dev',
          links: {},
          limits: {
            retentionMinMs: 3_600_000,
            retentionMaxMs: 30 * DAY,
            maxPartitions: 48,
          },
          topicDefaults: {
            partitions: 3,
            replicationFactor: 3,
            retentionMs: 7 * DAY,
            cleanupPolicy: 'delete',
          },
          schemaRegistry: false,
          connect: false,
        },
      ]);
      expect(res.body.namespaces).toEqual([
        { prefix: 'team-a.', owner: 'group:default/team-a', owned: true },
        { prefix: 'team-b.', owner: 'group:default/team-b', owned: false },
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/brokers|password/);
    });

    it('creates a topic in the caller namespace with the defaults, and shows it', async () => {
      const res = await t.api(USERS.owner).post('/clusters/dev-local/topics', {
        name: 'team-a.orders',
        description: 'Order events',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'team-a.orders',
        partitions: 3,
        replicationFactor: 3,
        retentionMs: 7 * DAY,
        cleanupPolicy: 'delete',
        namespace: 'team-a.',
        owner: 'group:default/team-a',
        description: 'Order events',
        canEdit: true,
      });
      expect(await t.observer.topicNames()).toContain('team-a.orders');
      expect(await t.observer.dynamicConfigs('team-a.orders')).toEqual({
        'retention.ms': String(7 * DAY),
        'cleanup.policy': 'delete',
      });

      const detail = await t
        .api(USERS.other)
        .get('/clusters/dev-local/topics/team-a.orders');
      expect(detail.status).toBe(200);
      expect(detail.body.canEdit).toBe(false);
      expect(detail.body.partitionDetails).toHaveLength(3);
      expect(detail.body.partitionDetails[0]).toMatchObject({
        partition: 0,
        earliestOffset: '0',
        latestOffset: '0',
      });
      const retention = detail.body.configs.find(
        (c: any) => c.name === 'retention.ms',
      );
      expect(retention).toMatchObject({
        value: String(7 * DAY),
        source: 'set',
      });
      const segment = detail.body.configs.find(
        (c: any) => c.name === 'segment.bytes',
      );
      expect(segment).toMatchObject({ source: 'default' });
    });

    it('answers 409 when the topic exists', async () => {
      await t.observer.create('team-a.exists');
      const res = await t.api(USERS.owner).post('/clusters/dev-local/topics', {
        name: 'team-a.exists',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/already exists/);
    });

    it.each([
      [
        { name: 'team-b.mine' },
        403,
        /owned by group:default\/team-b.*may create topics under: 'team-a\.'/,
      ],
      [{ name: 'loose-topic' }, 403, /outside every namespace.*'team-a\.'/],
      [{ name: 'team-a.bad name' }, 400, /may only contain letters, digits/],
      [
        { name: `team-a.${'x'.repeat(250)}` },
        400,
        /at most 249 characters|Invalid topic/,
      ],
      [{ name: 'team-a.order_events' }, 400, /mixes '\.' and '_'/],
      [
        { name: 'team-a.big', partitions: 49 },
        400,
        /49 partitions are refused in dev\. Partitions must be a whole number from 1 to 48/,
      ],
      [
        { name: 'team-a.short', retentionMs: 60_000 },
        400,
        /Retention 1 minute is refused\. Retention must be between 1 hour and 30 days in dev/,
      ],
      [{ name: 'team-a.x', cleanupPolicy: 'shred' }, 400, /cleanupPolicy/],
      [{ name: 'team-a.x', extra: 1 }, 400, /Invalid topic/],
    ])('refuses %j with %i and says why', async (body, status, message) => {
      const res = await t
        .api(USERS.owner)
        .post('/clusters/dev-local/topics', body);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
    });

    it('refuses a name that collides with an existing one', async () => {
      await t.observer.create('team-a.pay_ments');
      const res = await t.api(USERS.owner).post('/clusters/dev-local/topics', {
        name: 'team-a.pay.ments',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/mixes|collides/);
    });

    it('answers 404 for an unknown cluster or topic', async () => {
      const cluster = await t.api(USERS.owner).get('/clusters/nope/topics');
      expect(cluster.status).toBe(404);
      expect(cluster.body.error.message).toMatch(
        /No Kafka cluster named 'nope'/,
      );
      const topic = await t
        .api(USERS.owner)
        .get('/clusters/dev-local/topics/team-a.missing');
      expect(topic.status).toBe(404);
    });

    it('pages, searches and filters owned topics on the server', async () => {
      // Created through the routes, which refresh the cached topic list.
      for (const [user, name] of [
        [USERS.owner, 'team-a.page-1'],
        [USERS.owner, 'team-a.page-2'],
        [USERS.other, 'team-b.page-3'],
      ]) {
        const created = await t.api(user).post('/clusters/dev-local/topics', {
          name,
          partitions: 1,
        });
        expect(created.status).toBe(201);
      }
      const page = await t
        .api(USERS.owner)
        .get('/clusters/dev-local/topics?q=page-&offset=1&limit=1');
      expect(page.status).toBe(200);
      expect(page.body.totalCount).toBe(3);
      expect(page.body.items.map((item: any) => item.name)).toEqual([
        'team-a.page-2',
      ]);

      const owned = await t
        .api(USERS.owner)
        .get('/clusters/dev-local/topics?owned=true&q=page');
      expect(owned.body.items.map((item: any) => item.name)).toEqual([
        'team-a.page-1',
        'team-a.page-2',
      ]);
      const bad = await t
        .api(USERS.owner)
        .get('/clusters/dev-local/topics?limit=1000');
      expect(bad.status).toBe(400);
    });

    it('adds partitions, only upwards and within the limit', async () => {
      await t.observer.create('team-a.grow', {}, 2);
      const shrink = await t
        .api(USERS.owner)
        .patch('/clusters/dev-local/topics/team-a.grow', {
          partitions: 2,
        });
      expect(shrink.status).toBe(400);
      expect(shrink.body.error.message).toMatch(/only grow.*more than 2/);
      const tooMany = await t
        .api(USERS.owner)
        .patch('/clusters/dev-local/topics/team-a.grow', {
          partitions: 100,
        });
      expect(tooMany.status).toBe(400);
      const grow = await t
        .api(USERS.owner)
        .patch('/clusters/dev-local/topics/team-a.grow', {
          partitions: 5,
        });
      expect(grow.status).toBe(200);
      expect(grow.body.partitions).toBe(5);
      expect(await t.observer.partitions('team-a.grow')).toBe(5);
    });

    it('changes retention and keeps cleanup.policy=compact and every other dynamic config', async () => {
      await t.observer.create('team-a.compacted', {
        'cleanup.policy': 'compact',
        'min.insync.replicas': '2',
        'max.message.bytes': '2000000',
        'retention.ms': String(DAY),
      });
      const res = await t
        .api(USERS.owner)
        .patch('/clusters/dev-local/topics/team-a.compacted', {
          retentionMs: 14 * DAY,
        });
      expect(res.status).toBe(200);
      expect(res.body.retentionMs).toBe(14 * DAY);
      expect(await t.observer.dynamicConfigs('team-a.compacted')).toEqual({
        'cleanup.policy': 'compact',
        'min.insync.replicas': '2',
        'max.message.bytes': '2000000',
        'retention.ms': String(14 * DAY),
      });
      const outside = await t
        .api(USERS.owner)
        .patch('/clusters/dev-local/topics/team-a.compacted', {
          retentionMs: 31 * DAY,
        });
      expect(outside.status).toBe(400);
      expect(outside.body.error.message).toMatch(
        /Retention 31 days is refused\. Retention must be between 1 hour and 30 days in dev/,
      );
    });

    it('turns a deletion into a pending approval request after the name is confirmed', async () => {
      await t.observer.create('team-a.old');
      const wrong = await t
        .api(USERS.owner)
        .delete('/clusters/dev-local/topics/team-a.old', {
          confirm: 'team-a.ol',
          reason: 'cleanup',
        });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toMatch(
        /exactly the topic name 'team-a.old'/,
      );
      const noReason = await t
        .api(USERS.owner)
        .delete('/clusters/dev-local/topics/team-a.old', {
          confirm: 'team-a.old',
        });
      expect(noReason.status).toBe(400);

      const res = await t
        .api(USERS.owner)
        .delete('/clusters/dev-local/topics/team-a.old', {
          confirm: 'team-a.old',
          reason: 'not used any more',
        });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        kind: 'topic.delete',
        status: 'pending',
        payload: { cluster: 'dev-local', topic: 'team-a.old' },
        requestedBy: USERS.owner,
        reason: 'not used any more',
      });
      expect(await t.observer.topicNames()).toContain('team-a.old');

      const again = await t
        .api(USERS.owner)
        .delete('/clusters/dev-local/topics/team-a.old', {
          confirm: 'team-a.old',
          reason: 'twice',
        });
      expect(again.status).toBe(409);
    });
  },
);
