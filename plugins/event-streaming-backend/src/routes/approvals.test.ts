import { KafkaBrokerHandle, startKafkaBroker } from '@eventport/devstack';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import {
  startBackend,
  TEST_DATABASE_IDS,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';

describe.each(TEST_DATABASE_IDS)('approval routes on %s', databaseId => {
  const databases = testDatabases();
  let kafka: KafkaBrokerHandle;
  let observer: Awaited<ReturnType<typeof brokerAdmin>>;
  let api: Awaited<ReturnType<typeof startBackend>>['api'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    kafka = await startKafkaBroker({ port: 0, brokers: 3 });
    observer = await brokerAdmin(kafka);
    const started = await startBackend({
      knex: await databases.init(databaseId),
      kafka,
    });
    api = started.api;
    stop = () => started.backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await observer?.close();
    await kafka?.close();
  });

  async function requestDeletion(topic: string, user: string = USERS.owner) {
    await observer.create(topic);
    const res = await api(user).delete(`/clusters/dev-local/topics/${topic}`, {
      confirm: topic,
      reason: 'no consumers left',
    });
    expect(res.status).toBe(202);
    return res.body.id as string;
  }

  it('deletes the topic once an approver approves, with the full history', async () => {
    const id = await requestDeletion('team-a.approve-me');

    const pending = await api(USERS.approver).get('/approvals?status=pending');
    expect(pending.status).toBe(200);
    expect(pending.body.canDecide).toBe(true);
    expect(pending.body.items.map((r: any) => r.id)).toContain(id);

    const res = await api(USERS.approver).post(`/approvals/${id}/approve`, {
      comment: 'fine',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('executed');
    expect(res.body.decidedBy).toBe(USERS.approver);
    expect(res.body.history.map((h: any) => [h.action, h.actor])).toEqual([
      ['requested', USERS.owner],
      ['approved', USERS.approver],
      ['executing', 'system'],
      ['executed', 'system'],
    ]);
    expect(await observer.topicNames()).not.toContain('team-a.approve-me');

    const again = await api(USERS.approver2).post(`/approvals/${id}/approve`, {});
    expect(again.status).toBe(409);
  });

  it('refuses a self-approval, even by an approver', async () => {
    const id = await requestDeletion('team-a.self', USERS.approver);
    const res = await api(USERS.approver).post(`/approvals/${id}/approve`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Nobody approves or rejects their own request/);
    expect(await observer.topicNames()).toContain('team-a.self');
    const other = await api(USERS.approver2).post(`/approvals/${id}/approve`, {});
    expect(other.body.status).toBe('executed');
  });

  it('lets only approvers decide; others see only their own requests', async () => {
    const id = await requestDeletion('team-a.not-yours');
    const byOther = await api(USERS.other).post(`/approvals/${id}/approve`, {});
    expect(byOther.status).toBe(403);
    const byOwner2 = await api(USERS.owner2).post(`/approvals/${id}/reject`, {
      comment: 'no',
    });
    expect(byOwner2.status).toBe(403);

    const otherList = await api(USERS.other).get('/approvals');
    expect(otherList.body.canDecide).toBe(false);
    expect(otherList.body.items.map((r: any) => r.id)).not.toContain(id);
    const hidden = await api(USERS.other).get(`/approvals/${id}`);
    expect(hidden.status).toBe(404);

    const mine = await api(USERS.owner).get('/approvals?mine=true');
    expect(mine.body.items.map((r: any) => r.id)).toContain(id);
    expect(await observer.topicNames()).toContain('team-a.not-yours');
  });

  it('rejects with a required comment and leaves the topic', async () => {
    const id = await requestDeletion('team-a.keep');
    const noComment = await api(USERS.approver).post(`/approvals/${id}/reject`, {});
    expect(noComment.status).toBe(400);
    const res = await api(USERS.approver).post(`/approvals/${id}/reject`, {
      comment: 'still consumed by billing',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('rejected');
    expect(res.body.history.at(-1)).toMatchObject({
      action: 'rejected',
      comment: 'still consumed by billing',
    });
    expect(await observer.topicNames()).toContain('team-a.keep');
  });

  it('lets the requester cancel a pending request, and nobody else', async () => {
    const id = await requestDeletion('team-a.cancel-me');
    const byApprover = await api(USERS.approver).post(`/approvals/${id}/cancel`);
    expect(byApprover.status).toBe(403);
    const res = await api(USERS.owner).post(`/approvals/${id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const approve = await api(USERS.approver).post(`/approvals/${id}/approve`, {});
    expect(approve.status).toBe(409);
    expect(await observer.topicNames()).toContain('team-a.cancel-me');
  });

  it('executes the stored payload, whatever happens to the topic name later', async () => {
    const id = await requestDeletion('team-a.payload');
    await observer.create('team-a.payload-2');
    // A decision carries a comment only; any other field is refused.
    const smuggled = await api(USERS.approver).post(`/approvals/${id}/approve`, {
      payload: { topic: 'team-a.payload-2' },
    });
    expect(smuggled.status).toBe(400);
    const res = await api(USERS.approver).post(`/approvals/${id}/approve`, {});
    expect(res.body.status).toBe('executed');
    const names = await observer.topicNames();
    expect(names).not.toContain('team-a.payload');
    expect(names).toContain('team-a.payload-2');
  });

  it('answers 404 for an unknown request', async () => {
    const res = await api(USERS.approver).get('/approvals/00000000-0000-0000-0000-000000000000');
    expect(res.status).toBe(404);
  });
});
