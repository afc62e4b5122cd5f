/**
 * Introspection and pre-flight checks against the machine's shared MariaDB,
 * whose binlog is off and which is never reconfigured here: the test only
 * creates a throwaway database on it, and drops it.
 */
import { randomBytes } from 'node:crypto';
import {
  cdcColumn as col,
  cdcSourceConfig,
  mysqlRun as run,
} from '../../__testUtils__/cdcSources';
import { MysqlSourceInspector } from './MysqlSourceInspector';

jest.setTimeout(120_000);

function inspector(
  db: { host: string; port: number; database: string },
  user: string,
  password?: string,
): MysqlSourceInspector {
  return new MysqlSourceInspector(
    cdcSourceConfig('orders-db', 'mariadb', db, user, password),
  );
}

describe('MysqlSourceInspector against the shared MariaDB (binlog off)', () => {
  const database = `eventport_cdc_test_${process.pid}_${randomBytes(3).toString(
    'hex',
  )}`;
  const server = { host: '127.0.0.1', port: 3306, user: 'root' };
  const shared = { ...server, database };

  beforeAll(async () => {
    await run(server, [`CREATE DATABASE \`${database}\``]);
    await run(shared, [
      `CREATE TABLE payments (
         id bigint NOT NULL PRIMARY KEY,
         iban varchar(34) NOT NULL,
         card_number char(16),
         amount_cents int NOT NULL)`,
    ]);
  });

  afterAll(async () => {
    await run(server, [`DROP DATABASE IF EXISTS \`${database}\``]);
  });

  it('introspects the throwaway database', async () => {
    const result = await inspector(shared, 'root').introspect();
    expect(result.schemas).toEqual([
      {
        name: database,
        tables: [
          {
            name: 'payments',
            primaryKey: ['id'],
            columns: [
              col('id', 'bigint(20)', false, true),
              col('iban', 'varchar(34)', false, false, 'bank account'),
              col('card_number', 'char(16)', true, false, 'payment card data'),
              col('amount_cents', 'int(11)', false),
            ],
          },
        ],
      },
    ]);
  });

  it('fails log_bin and binlog_format, passes the rest', async () => {
    const checks = await inspector(shared, 'root').preflight([
      { schema: database, table: 'payments' },
    ]);
    expect(checks).toEqual([
      {
        id: 'log-bin',
        title: 'The binary log is on (log_bin)',
        passed: false,
        detail: 'log_bin is OFF',
        fix:
          "Add log_bin = mariadb-bin to the [mariadbd] section of the server's option file, " +
          'then restart MariaDB.',
      },
      {
        id: 'binlog-format',
        title: 'Row-based binary logging (binlog_format = ROW)',
        passed: false,
        detail: 'binlog_format is MIXED',
        fix:
          "SET GLOBAL binlog_format = 'ROW'; and, so that it survives a restart, " +
          "binlog_format = ROW in the [mariadbd] section of the server's option file",
      },
      {
        id: 'binlog-row-image',
        title: 'Full row images in the binary log (binlog_row_image = FULL)',
        passed: true,
        detail: 'binlog_row_image is FULL',
      },
      {
        id: 'server-id',
        title: 'The server has a server_id',
        passed: true,
        detail: 'server_id is 1',
      },
      {
        id: 'grant-replication-slave',
        title: 'User root@127.0.0.1 has REPLICATION SLAVE',
        passed: true,
        detail: 'global privileges: ALL PRIVILEGES',
      },
      {
        id: 'grant-replication-client',
        title: 'User root@127.0.0.1 has REPLICATION CLIENT',
        passed: true,
        detail: 'global privileges: ALL PRIVILEGES',
      },
      {
        id: `table:${database}.payments`,
        title: `Table ${database}.payments exists`,
        passed: true,
        detail: `${database}.payments is a base table`,
      },
    ]);
  });
});
