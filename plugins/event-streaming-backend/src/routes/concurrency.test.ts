import {
  TEST_DATABASE_IDS,
  TEST_KAFKA_KINDS,
  useRouteFixture,
  USERS,
} from '../__testUtils__/harness';

/**
 * Issue 9: many users at once. Before the fix, topic pages and creates failed
 * with HTTP 500 ("Cannot destructure property 'partitions' of 'high.pop(...)'")
 * when they overlapped with other topics' metadata reads, and one topic
 * deleted by another tool broke every later write of the backend.
 */
describe.each(TEST_KAFKA_KINDS)('many users at once, on %s Kafka', kind => {
  const t = useRouteFixture(TEST_DATABASE_IDS[0], kind);
  const READ = ['team-a.busy-1', 'team-a.busy-2', 'team-b.busy-3'];

  beforeAll(async () => {
    for (const topic of READ) await t.observer.create(topic, {}, 3, 3);
  });

  it('answers every topic page while topics are created and deleted beside it', async () => {
    const gone = Array.from({ length: 6 }, (_, i) => `team-a.gone-${i}`);
    const viaApproval = ['team-a.approved-gone-0', 'team-a.approved-gone-1'];
    for (const topic of [...gone, ...viaApproval]) {
      await t.observer.create(topic, {}, 2, 3);
    }
    // Deletions to be approved while the traffic runs.
    const approvals: string[] = [];
    for (const topic of viaApproval) {
      const res = await t
        .api(USERS.owner)
        .delete(`/clusters/dev-local/topics/${topic}`, {
          confirm: topic,
          reason: 'load test',
        });
      expect(res.status).toBe(202);
      approvals.push(res.body.id);
    }

    const failures: string[] = [];
    const check = (
      what: string,
      status: number,
      expected: number[],
      body: any,
    ) => {
      if (!expected.includes(status)) {
        failures.push(
          `${what}: ${status} ${JSON.stringify(body?.error ?? body)}`,
        );
      }
    };
    let details = 0;
    const readers = Array.from({ length: 12 }, async (_, r) => {
      for (let i = 0; i < 8; i++) {
        const topic = READ[(r + i) % READ.length];
        const res = await t
          .api(USERS.owner)
          .get(`/clusters/dev-local/topics/${topic}`);
        check(`GET ${topic}`, res.status, [200], res.body);
        if (res.status === 200) {
          details += 1;
          if (res.body.partitionDetails?.length !== 3) {
            failures.push(
              `GET ${topic}: ${JSON.stringify(res.body.partitionDetails)}`,
            );
          }
        }
        const list = await t
          .api(USERS.owner)
          .get(`/clusters/dev-local/topics?limit=25&offset=0`);
        check('GET topics', list.status, [200], list.body);
      }
    });
    const creators = Array.from({ length: 4 }, async (_, c) => {
      for (let i = 0; i < 2; i++) {
        const name = `team-a.made-${c}-${i}`;
        const res = await t
          .api(USERS.owner)
          .post('/clusters/dev-local/topics', { name, partitions: 2 });
        check(`POST ${name}`, res.status, [201], res.body);
      }
    });
    // Another tool deletes topics, and pages of the deleted topics are read.
    const deleter = (async () => {
      for (const topic of gone) {
        await t.observer.admin.deleteTopics({ topics: [topic] });
        const res = await t
          .api(USERS.owner)
          .get(`/clusters/dev-local/topics/${topic}`);
        check(`GET deleted ${topic}`, res.status, [200, 404], res.body);
      }
    })();
    const approver = (async () => {
      for (const id of approvals) {
        const res = await t
          .api(USERS.approver)
          .post(`/approvals/${id}/approve`, { comment: 'ok' });
        check(`approve ${id}`, res.status, [200], res.body);
        if (res.body.status !== 'executed') {
          failures.push(`approval ${id}: ${res.body.status} ${res.body.error}`);
        }
      }
    })();
    await Promise.all([...readers, ...creators, deleter, approver]);

    expect(failures).toEqual([]);
    expect(details).toBe(12 * 8);
    const names = await t.observer.topicNames();
    expect(names).toEqual(
      expect.arrayContaining(['team-a.made-0-0', 'team-a.made-3-1']),
    );
    for (const topic of [...gone, ...viaApproval]) {
      expect(names).not.toContain(topic);
    }
  });

  it('keeps working after another tool deletes a topic whose page was read', async () => {
    await t.observer.create('team-a.victim', {}, 1, 3);
    const before = await t
      .api(USERS.owner)
      .get('/clusters/dev-local/topics/team-a.victim');
    expect(before.status).toBe(200);
    await t.observer.admin.deleteTopics({ topics: ['team-a.victim'] });

    const after = await t
      .api(USERS.owner)
      .get('/clusters/dev-local/topics/team-a.victim');
    expect([after.status, after.body.error?.message]).toEqual([
      404,
      expect.stringMatching(/team-a\.victim/),
    ]);
    const created = await t
      .api(USERS.owner)
      .post('/clusters/dev-local/topics', {
        name: 'team-a.after-victim',
        partitions: 1,
      });
    expect(created.status).toBe(201);
    const updated = await t
      .api(USERS.owner)
      .patch('/clusters/dev-local/topics/team-a.after-victim', {
        retentionMs: 3_600_000,
      });
    expect([updated.status, updated.body.retentionMs]).toEqual([
      200, 3_600_000,
    ]);
    const other = await t
      .api(USERS.owner)
      .get('/clusters/dev-local/topics/team-a.busy-1');
    expect(other.status).toBe(200);
  });
});
