import {
  cdcPipelineEntityName,
  connectorEntityName,
  isValidEntityName,
  schemaEntityName,
  topicEntityName,
} from './naming';

describe('entity names', () => {
  it('keeps valid Kafka names readable: <cluster>.<topic>', () => {
    expect(topicEntityName('prod-eu', 'orders.created')).toBe(
      'prod-eu.orders.created',
    );
    expect(connectorEntityName('prod-eu', 'orders-sink')).toBe(
      'prod-eu_orders-sink',
    );
    expect(schemaEntityName('prod-eu', 'default', 'orders-value')).toBe(
      'prod-eu.default.orders-value',
    );
  });

  it.each([
    ['too long', `team-a.${'x'.repeat(240)}`],
    ['separators in a row', 'team-b..odd__name'],
    ['a leading underscore', '_schemas'],
    ['a trailing separator', 'orders.'],
    ['only separators', '___'],
  ])('shortens a name with %s, stably and validly, with a hash', (_, topic) => {
    const name = topicEntityName('dev', topic);
    expect(isValidEntityName(name)).toBe(true);
    expect(name).toMatch(/[0-9a-f]{12}$/);
    expect(topicEntityName('dev', topic)).toBe(name);
  });

  it('keeps names that differ only in what shortening drops apart', () => {
    const a = topicEntityName('dev', 'team-b..odd');
    const b = topicEntityName('dev', 'team-b.-odd');
    expect(a).not.toBe(b);
    const long = (end: string) =>
      topicEntityName('dev', `${'y'.repeat(100)}${end}`);
    expect(long('a')).not.toBe(long('b'));
  });

  it('hashes what a plain name could confuse', () => {
    // A cluster name with a dot would make the split ambiguous.
    expect(topicEntityName('eu.prod', 'orders')).toMatch(/-[0-9a-f]{12}$/);
    // A group with a dot, likewise.
    expect(schemaEntityName('dev', 'com.shop', 'orders')).not.toBe(
      schemaEntityName('dev', 'com', 'shop.orders'),
    );
    // Pipelines always carry a hash: a connector may be named `cdc.<name>`.
    expect(cdcPipelineEntityName('dev', 'shop')).not.toBe(
      connectorEntityName('dev', 'cdc.shop'),
    );
    expect(isValidEntityName(cdcPipelineEntityName('dev', 'shop'))).toBe(true);
  });
});
