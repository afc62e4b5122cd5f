/**
 * Source databases for change data capture, for tests and the demo: a
 * PostgreSQL cluster and a MariaDB server of their own, started from the
 * installed server binaries with the settings Debezium needs.
 */
export { startCdcPostgres } from './postgres';
export type { CdcPostgresOptions } from './postgres';
export { startCdcMariadb } from './mariadb';
export type { CdcMariadbOptions } from './mariadb';
export type { CdcDatabase, CdcLaunchOptions } from './process';
export {
  createReplicationRole,
  DEMO_REPLICATION_ROLE,
  DEMO_SHOP_STATEMENTS,
  loadDemoShop,
} from './demoShop';
export { startCdcDemo } from './demo';
export type { CdcDemoHandle } from './demo';
