import { ApiKeys } from './protocol/generated';
import { startTestCluster } from './testUtils';

describe('SASL/PLAIN', () => {
  let ctx: Awaited<ReturnType<typeof startTestCluster>>;
  beforeAll(async () => {
    ctx = await startTestCluster({ brokers: 2, sasl: { username: 'dev', password: 's3cret' } });
  });
  afterAll(async () => {
    await ctx.broker.close();
  });

  it('accepts the right credentials', async () => {
    const admin = ctx.kafka({ sasl: { mechanism: 'plain', username: 'dev', password: 's3cret' } }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'sasl.ok', numPartitions: 2 }] });
    expect(await admin.listTopics()).toContain('sasl.ok');
    await admin.disconnect();
  });

  it('rejects a wrong password', async () => {
    const admin = ctx.kafka({ sasl: { mechanism: 'plain', username: 'dev', password: 'nope' }, retry: { retries: 0 } }).admin();
    await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    await admin.disconnect();
  });

  it('closes unauthenticated connections that skip SASL', async () => {
    const raw = await ctx.raw(1);
    // ApiVersions is allowed before authentication ...
    expect((await raw.request(ApiKeys.ApiVersions, 2, {})).errorCode).toBe(0);
    // ... anything else closes the connection
    await expect(raw.request(ApiKeys.Metadata, 4, { topics: null })).rejects.toThrow('connection closed');
    const admin = ctx.kafka({ retry: { retries: 0 }, connectionTimeout: 1000 }).admin();
    await admin.connect();
    await expect(admin.listTopics()).rejects.toBeDefined();
    await admin.disconnect();
  });
});
