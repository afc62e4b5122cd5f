/** Demo topics for the `team-a.` and `team-b.` namespaces. */
export interface SeedTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs?: Record<string, string>;
}

// `team-a.orders` is deliberately absent: the browser tests create it.
export const SEED_TOPICS: SeedTopic[] = [
  { name: 'team-a.payments-v1', partitions: 6, replicationFactor: 3, configs: { 'retention.ms': '259200000' } },
  { name: 'team-a.order-events-v2', partitions: 3, replicationFactor: 2 },
  {
    name: 'team-a.customer-profiles',
    partitions: 3,
    replicationFactor: 3,
    configs: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '60000' },
  },
  { name: 'team-b.shipments-v1', partitions: 4, replicationFactor: 2, configs: { 'compression.type': 'producer' } },
  { name: 'team-b.inventory-snapshots', partitions: 2, replicationFactor: 3, configs: { 'cleanup.policy': 'compact,delete' } },
  { name: 'team-b.clickstream-raw', partitions: 8, replicationFactor: 2, configs: { 'retention.ms': '86400000', 'max.message.bytes': '2097152' } },
];
