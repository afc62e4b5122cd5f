import { CatalogSchemaArtifact } from '@eventport/plugin-event-streaming-common';
import { topicEntity } from './entities';

const schema = (
  artifactId: string,
  role: 'key' | 'value',
): CatalogSchemaArtifact => ({
  groupId: 'default',
  artifactId,
  format: 'AVRO',
  name: null,
  description: null,
  owner: null,
  topic: 'orders',
  role,
  content: '{}',
});

describe('topicEntity', () => {
  it('depends on the value schema first, then the key schema', () => {
    const entity = topicEntity(
      {
        cluster: { name: 'dev', environment: 'dev', brokers: [], links: {} },
        defaultOwner: 'group:default/platform',
        location: 'eventport:event-streaming:dev',
      },
      {
        name: 'orders',
        partitions: 1,
        replicationFactor: 1,
        retentionMs: 1000,
        cleanupPolicy: 'compact,delete',
        owner: null,
        description: null,
      },
      [schema('orders-key', 'key'), schema('orders-value', 'value')],
    );
    expect(entity.spec.dependsOn).toEqual([
      'api:default/dev.default.orders-value',
      'api:default/dev.default.orders-key',
    ]);
    expect(entity.spec.owner).toBe('group:default/platform');
    expect(entity.metadata.tags).toEqual(['kafka', 'topic', 'compacted']);
  });
});
