export { SEED_TOPICS } from './topics';
export type { SeedTopic } from './topics';
export { startSeedTraffic } from './traffic';
export type { SeedHandle, SeedOptions } from './traffic';
export { seedSchemas, SEED_SCHEMAS } from './schemas';
export {
  seedConnectors,
  seedConnectorConfigs,
  seedConnectorFiles,
  fixSeedFailure,
  resetSeedFailure,
  SEED_CONNECTORS,
} from './connectors';
export type {
  ConnectorSeedHandle,
  SeedConnectorsOptions,
  SeedConnectorRole,
} from './connectors';
