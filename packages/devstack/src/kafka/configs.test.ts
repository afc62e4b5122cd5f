import { ConfigResourceTypes } from 'kafkajs';
import { ApiKeys } from './protocol/generated';
import { ErrorCode } from './protocol/errors';
import { startTestCluster } from './testUtils';

const SOURCE_DYNAMIC_TOPIC = 1;
const SOURCE_DEFAULT = 5;

describe('topic configs', () => {
  let ctx: Awaited<ReturnType<typeof startTestCluster>>;
  beforeAll(async () => {
    ctx = await startTestCluster();
    ctx.broker.cluster.createTopic({
      name: 'cfg.compact',
      numPartitions: 1,
      replicationFactor: 1,
      configs: [['cleanup.policy', 'compact'], ['retention.ms', '3600000']],
    });
  });
  afterAll(async () => {
    await ctx.broker.close();
  });

  const describe1 = async (names?: string[]) => {
    const admin = ctx.kafka().admin();
    await admin.connect();
    const res = await admin.describeConfigs({
      includeSynonyms: true,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg.compact', configNames: names }],
    });
    await admin.disconnect();
    return Object.fromEntries(res.resources[0].configEntries.map(e => [e.configName, e]));
  };

  it('describes defaults and dynamic overrides with sources and synonyms', async () => {
    const entries = await describe1();
    expect(entries['cleanup.policy']).toMatchObject({ configValue: 'compact', isDefault: false, configSource: SOURCE_DYNAMIC_TOPIC });
    expect(entries['retention.ms']).toMatchObject({ configValue: '3600000', configSource: SOURCE_DYNAMIC_TOPIC });
    expect(entries['retention.ms'].configSynonyms.map(s => s.configSource)).toEqual([SOURCE_DYNAMIC_TOPIC, SOURCE_DEFAULT]);
    expect(entries['max.message.bytes']).toMatchObject({ configValue: '1048588', isDefault: true, configSource: SOURCE_DEFAULT });
    expect(entries['segment.bytes'].configValue).toBe('1073741824');
    expect(entries['min.insync.replicas'].configValue).toBe('1');
    expect(entries['message.timestamp.type'].configValue).toBe('CreateTime');
    expect(entries['min.cleanable.dirty.ratio'].configValue).toBe('0.5');
    expect(entries['local.retention.ms'].configValue).toBe('-2');
    expect(entries['flush.messages'].configValue).toBe('9223372036854775807');
    expect(Object.keys(await describe1(['retention.ms']))).toEqual(['retention.ms']);
  });

  it('AlterConfigs replaces the dynamic set: unsent keys revert to defaults', async () => {
    const admin = ctx.kafka().admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg.compact', configEntries: [{ name: 'retention.ms', value: '7200000' }] }],
    });
    const entries = await describe1();
    expect(entries['retention.ms']).toMatchObject({ configValue: '7200000', configSource: SOURCE_DYNAMIC_TOPIC });
    expect(entries['cleanup.policy']).toMatchObject({ configValue: 'delete', isDefault: true, configSource: SOURCE_DEFAULT });
    await expect(
      admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg.compact', configEntries: [{ name: 'cleanup.policy', value: 'shred' }] }],
      }),
    ).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
    await expect(
      admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg.compact', configEntries: [{ name: 'retention.ms', value: '-5' }] }],
      }),
    ).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
    // a failed alter leaves the previous state untouched
    expect((await describe1(['retention.ms']))['retention.ms'].configValue).toBe('7200000');
    await admin.disconnect();
  });

  it('describes BROKER resources', async () => {
    const admin = ctx.kafka().admin();
    await admin.connect();
    const res = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '2' }],
    });
    const entries = Object.fromEntries(res.resources[0].configEntries.map(e => [e.configName, e]));
    expect(entries['broker.id'].configValue).toBe('2');
    expect(entries['num.partitions'].configValue).toBe('1');
    expect(entries['auto.create.topics.enable'].configValue).toBe('false');
    await admin.disconnect();
  });

  it('IncrementalAlterConfigs supports SET, DELETE, APPEND and SUBTRACT (raw client)', async () => {
    const client = await ctx.raw(1);
    const alter = (configs: { name: string; configOperation: number; value: string | null }[]) =>
      client.request(ApiKeys.IncrementalAlterConfigs, 1, {
        validateOnly: false,
        resources: [{ resourceType: 2, resourceName: 'cfg.compact', configs }],
      });
    const topic = () => ctx.broker.cluster.topics.get('cfg.compact')!;
    let res = await alter([{ name: 'cleanup.policy', configOperation: 2, value: 'compact' }]);
    expect(res.responses[0].errorCode).toBe(0);
    expect(topic().configs.get('cleanup.policy')).toBe('delete,compact');
    res = await alter([{ name: 'cleanup.policy', configOperation: 3, value: 'delete' }, { name: 'segment.ms', configOperation: 0, value: '60000' }]);
    expect(res.responses[0].errorCode).toBe(0);
    expect(topic().configs.get('cleanup.policy')).toBe('compact');
    expect(topic().configs.get('segment.ms')).toBe('60000');
    // other keys were not touched (unlike AlterConfigs)
    expect(topic().configs.get('retention.ms')).toBe('7200000');
    res = await alter([{ name: 'segment.ms', configOperation: 1, value: null }]);
    expect(topic().configs.has('segment.ms')).toBe(false);
    res = await alter([{ name: 'retention.ms', configOperation: 2, value: '5' }]);
    expect(res.responses[0]).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG });
    expect(res.responses[0].errorMessage).toMatch(/retention.ms/);
    res = await alter([{ name: 'bogus.key', configOperation: 0, value: '1' }]);
    expect(res.responses[0]).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: 'Unknown topic config name: bogus.key' });
    client.close();
  });

  it('DescribeCluster returns brokers and controller (raw client)', async () => {
    const client = await ctx.raw(2);
    const res = await client.request(ApiKeys.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 1 });
    expect(res.errorCode).toBe(0);
    expect(res.controllerId).toBe(1);
    expect(res.clusterId).toBe(ctx.broker.cluster.clusterId);
    expect(res.brokers.map((b: { brokerId: number }) => b.brokerId)).toEqual([1, 2, 3]);
    client.close();
  });
});
