export { startKafkaBroker } from './kafka/broker/server';
export type {
  KafkaBrokerHandle,
  KafkaBrokerOptions,
} from './kafka/broker/server';
export type { ClusterState, Topic, Partition } from './kafka/broker/cluster';
export { pairedTestMatrix, requiredTestDatabaseIds } from './testing/databases';
export { declareNotRun, sharedReferenceDir } from './testing/skips';
export {
  startSeedTraffic,
  SEED_TOPICS,
  seedConnectors,
  seedConnectorConfigs,
  seedConnectorFiles,
  fixSeedFailure,
  resetSeedFailure,
  SEED_CONNECTORS,
} from './seed';
export type {
  SeedHandle,
  SeedOptions,
  SeedTopic,
  ConnectorSeedHandle,
  SeedConnectorsOptions,
  SeedConnectorRole,
} from './seed';
export {
  startStack,
  StackError,
  DEFAULT_PORTS,
  findJava,
  stackVersions,
  ensureArtifacts,
  cachedArtifacts,
  CONFIG_PROVIDERS,
  DEMO_SECRETS,
} from './stack';
export type { StackHandle, StackOptions, StackVersions } from './stack';
export {
  startTestKafka,
  testKafkaKinds,
  resetCluster,
  KAFKA_START_TIMEOUT_MS,
} from './testing/kafka';
export type { KafkaKind, TestKafka, TestKafkaOptions } from './testing/kafka';
export { startTestStack } from './testing/stack';
export type { TestStackOptions } from './testing/stack';
export { awaitTopics } from './metadata';
export {
  createReplicationRole,
  DEMO_REPLICATION_ROLE,
  loadDemoShop,
  startCdcMariadb,
  startCdcPostgres,
} from './cdc';
export type {
  CdcDatabase,
  CdcLaunchOptions,
  CdcPostgresOptions,
  CdcMariadbOptions,
} from './cdc';
export {
  createBareRepo,
  openBareRepo,
  syncGitOps,
  startGitOpsSync,
} from './gitops';
export type {
  BareRepo,
  GitOpsSeen,
  GitOpsSyncOptions,
  GitOpsSyncResult,
} from './gitops';
