export { CdcSources, createCdcSourceInspector } from './CdcSourceInspector';
export type { CdcSourceInspector } from './CdcSourceInspector';
export {
  readCdcSourceConfigs,
  cdcSourceSummary,
  DEFAULT_CDC_TIMEOUT_MS,
} from './config';
export type { CdcSourceConfig } from './config';
export { CdcSourceQueryError } from './errors';
export { PostgresSourceInspector } from './PostgresSourceInspector';
export { MysqlSourceInspector } from './MysqlSourceInspector';
