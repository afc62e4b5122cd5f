import type { Consumer, EachMessagePayload } from 'kafkajs';
import { ApiKeys } from './protocol/generated';
import { ErrorCode } from './protocol/errors';
import { startTestCluster, waitFor } from './testUtils';

jest.setTimeout(30000);

describe('consumer groups', () => {
  let ctx: Awaited<ReturnType<typeof startTestCluster>>;
  beforeAll(async () => {
    ctx = await startTestCluster();
    ctx.broker.cluster.createTopic({ name: 'grp.events', numPartitions: 4, replicationFactor: 2 });
  });
  afterAll(async () => {
    await ctx.broker.close();
  });

  const startConsumer = async (groupId: string, assigned: Map<string, number[]>, name: string, sessionTimeout = 6000) => {
    const consumer = ctx.kafka({ clientId: name }).consumer({
      groupId,
      sessionTimeout,
      heartbeatInterval: 200,
      rebalanceTimeout: 3000,
      maxWaitTimeInMs: 100,
    });
    consumer.on(consumer.events.GROUP_JOIN, e => {
      assigned.set(name, e.payload.memberAssignment['grp.events'] ?? []);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: ['grp.events'], fromBeginning: true });
    await consumer.run({ eachMessage: async (_: EachMessagePayload) => {} });
    return consumer;
  };

  it('rebalances two members so both get partitions; offsets survive the members leaving', async () => {
    const assigned = new Map<string, number[]>();
    const c1 = await startConsumer('grp.two', assigned, 'c1');
    await waitFor(() => (assigned.get('c1') ?? []).length === 4, 15000, 'c1 owns all partitions');
    const c2 = await startConsumer('grp.two', assigned, 'c2');
    await waitFor(
      () => (assigned.get('c1') ?? []).length === 2 && (assigned.get('c2') ?? []).length === 2,
      15000,
      'both members get two partitions',
    );
    expect([...assigned.get('c1')!, ...assigned.get('c2')!].sort()).toEqual([0, 1, 2, 3]);

    const admin = ctx.kafka().admin();
    await admin.connect();
    const described = await admin.describeGroups(['grp.two']);
    expect(described.groups[0]).toMatchObject({ groupId: 'grp.two', state: 'Stable', protocolType: 'consumer' });
    expect(described.groups[0].members).toHaveLength(2);
    const listed = await admin.listGroups();
    expect(listed.groups).toContainEqual({ groupId: 'grp.two', protocolType: 'consumer' });
    // a stable group with members cannot be deleted
    await expect(admin.deleteGroups(['grp.two'])).rejects.toMatchObject({
      groups: [expect.objectContaining({ error: expect.objectContaining({ type: 'NON_EMPTY_GROUP' }) })],
    });

    const producer = ctx.kafka().producer();
    await producer.connect();
    await producer.send({ topic: 'grp.events', messages: [0, 1, 2, 3].map(p => ({ partition: p, value: `m${p}` })) });
    await producer.disconnect();
    await waitFor(() => {
      const committed = ctx.broker.cluster.groups.offsets.topics('grp.two').get('grp.events');
      return !!committed && [0, 1, 2, 3].every(p => committed.get(p)?.offset === 1);
    }, 15000, 'offsets committed');

    await c1.disconnect();
    await c2.disconnect();
    const after = await admin.describeGroups(['grp.two']);
    expect(after.groups[0].state).toBe('Empty');
    const offsets = await admin.fetchOffsets({ groupId: 'grp.two', topics: ['grp.events'] });
    expect(offsets[0].partitions.map(p => p.offset)).toEqual(['1', '1', '1', '1']);

    // setOffsets / resetOffsets on the empty group, then delete it
    await admin.setOffsets({ groupId: 'grp.two', topic: 'grp.events', partitions: [{ partition: 0, offset: '0' }] });
    let fetched = await admin.fetchOffsets({ groupId: 'grp.two', topics: ['grp.events'] });
    expect(fetched[0].partitions.find(p => p.partition === 0)!.offset).toBe('0');
    await admin.resetOffsets({ groupId: 'grp.two', topic: 'grp.events', earliest: false });
    fetched = await admin.fetchOffsets({ groupId: 'grp.two', topics: ['grp.events'] });
    // kafkajs commits its "latest" marker (-1), which consumers resolve on start
    expect(fetched[0].partitions.map(p => p.offset)).toEqual(['-1', '-1', '-1', '-1']);
    await admin.deleteGroups(['grp.two']);
    expect((await admin.describeGroups(['grp.two'])).groups[0].state).toBe('Dead');
    await expect(admin.deleteGroups(['grp.two'])).rejects.toMatchObject({
      groups: [expect.objectContaining({ error: expect.objectContaining({ type: 'GROUP_ID_NOT_FOUND' }) })],
    });
    await admin.disconnect();
  });

  it('evicts a member whose session times out and rebalances the rest', async () => {
    const assigned = new Map<string, number[]>();
    const survivor: Consumer = await startConsumer('grp.evict', assigned, 's1', 1000);
    await waitFor(() => (assigned.get('s1') ?? []).length === 4, 15000, 's1 owns all partitions');
    // a raw member that joins and then goes silent
    const coordinator = ctx.broker.cluster.groups.coordinatorFor('grp.evict');
    const raw = await ctx.raw(coordinator);
    const join = (memberId: string) =>
      raw.request(ApiKeys.JoinGroup, 5, {
        groupId: 'grp.evict',
        sessionTimeoutMs: 800,
        rebalanceTimeoutMs: 3000,
        memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([0, 1, 0, 0, 0, 1, 0, 10, 103, 114, 112, 46, 101, 118, 101, 110, 116, 115, 0, 0, 0, 0]) }],
      });
    const first = await join('');
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    const joined = await join(first.memberId);
    expect(joined.errorCode).toBe(0);
    const group = ctx.broker.cluster.groups.groups.get('grp.evict')!;
    expect(group.members.size).toBe(2);
    // never sends SyncGroup or heartbeats: evicted after its 800 ms session timeout
    await waitFor(() => group.members.size === 1 && group.state === 'Stable', 15000, 'silent member evicted');
    await waitFor(() => (assigned.get('s1') ?? []).length === 4, 15000, 's1 owns all partitions again');
    const hb = await raw.request(ApiKeys.Heartbeat, 3, { groupId: 'grp.evict', generationId: group.generationId, memberId: first.memberId });
    expect(hb.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    raw.close();
    await survivor.disconnect();
  });

  it('sends group requests to the hashed coordinator and NOT_COORDINATOR elsewhere', async () => {
    const coordinator = ctx.broker.cluster.groups.coordinatorFor('grp.coord');
    const other = ctx.broker.brokers.find(b => b.nodeId !== coordinator)!.nodeId;
    const raw = await ctx.raw(other);
    const found = await raw.request(ApiKeys.FindCoordinator, 4, { keyType: 0, coordinatorKeys: ['grp.coord'] });
    expect(found.coordinators[0]).toMatchObject({ key: 'grp.coord', nodeId: coordinator, errorCode: 0 });
    const hb = await raw.request(ApiKeys.Heartbeat, 4, { groupId: 'grp.coord', generationId: 1, memberId: 'x' });
    expect(hb.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    raw.close();
  });

  it('returns REBALANCE_IN_PROGRESS to heartbeats during a rebalance', async () => {
    const coordinator = ctx.broker.cluster.groups.coordinatorFor('grp.raw');
    const a = await ctx.raw(coordinator);
    const b = await ctx.raw(coordinator);
    const protocols = [{ name: 'range', metadata: Buffer.from('m') }];
    const join = (c: typeof a, memberId: string) =>
      c.request(ApiKeys.JoinGroup, 3, { groupId: 'grp.raw', sessionTimeoutMs: 5000, rebalanceTimeoutMs: 2000, memberId, protocolType: 'consumer', protocols });
    const ja = await join(a, '');
    expect(ja).toMatchObject({ errorCode: 0, generationId: 1, leader: ja.memberId });
    await a.request(ApiKeys.SyncGroup, 2, { groupId: 'grp.raw', generationId: 1, memberId: ja.memberId, assignments: [{ memberId: ja.memberId, assignment: Buffer.from('A') }] });
    const jbPromise = join(b, '');
    await waitFor(() => ctx.broker.cluster.groups.groups.get('grp.raw')!.state === 'PreparingRebalance', 5000, 'rebalance');
    const hb = await a.request(ApiKeys.Heartbeat, 2, { groupId: 'grp.raw', generationId: 1, memberId: ja.memberId });
    expect(hb.errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const ja2 = await join(a, ja.memberId);
    const jb = await jbPromise;
    expect(ja2.generationId).toBe(2);
    expect(jb.generationId).toBe(2);
    expect(ja2.members).toHaveLength(2);
    expect(jb.members).toHaveLength(0);
    const syncB = b.request(ApiKeys.SyncGroup, 2, { groupId: 'grp.raw', generationId: 2, memberId: jb.memberId, assignments: [] });
    const syncA = await a.request(ApiKeys.SyncGroup, 2, {
      groupId: 'grp.raw',
      generationId: 2,
      memberId: ja.memberId,
      assignments: [{ memberId: ja.memberId, assignment: Buffer.from('A2') }, { memberId: jb.memberId, assignment: Buffer.from('B2') }],
    });
    expect(syncA.assignment.toString()).toBe('A2');
    expect((await syncB).assignment.toString()).toBe('B2');
    a.close();
    b.close();
  });
});
