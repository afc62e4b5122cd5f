export { startKafkaBroker } from './kafka/broker/server';
export type { KafkaBrokerHandle, KafkaBrokerOptions } from './kafka/broker/server';
export type { ClusterState, Topic, Partition } from './kafka/broker/cluster';
export { requiredTestDatabaseIds } from './testing/databases';
export { startSeedTraffic, SEED_TOPICS } from './seed';
export type { SeedHandle, SeedOptions, SeedTopic } from './seed';
