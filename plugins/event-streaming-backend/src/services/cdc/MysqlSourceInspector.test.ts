/**
 * Introspection and pre-flight checks against a real MariaDB server of the
 * test's own with the binlog as Debezium needs it: the checks pass, and fail
 * where the test changes its own server's settings or uses a user without
 * the grants. MysqlSourceInspector.shared.test.ts runs them against the
 * machine's shared server, whose binlog is off.
 */
import { ServiceUnavailableError, serializeError } from '@backstage/errors';
import { CdcDatabase, startCdcMariadb } from '@eventport/devstack';
import { CapturingLogger } from '../../__testUtils__/capturingLogger';
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
  logger?: CapturingLogger,
): MysqlSourceInspector {
  return new MysqlSourceInspector(
    cdcSourceConfig('orders-db', 'mariadb', db, user, password),
    logger,
  );
}

const CDC_PASSWORD = 'cdc-Secret-7431';
const READER_PASSWORD = 'reader-Secret-9902';

describe('MysqlSourceInspector against a CDC-configured MariaDB', () => {
  let db: CdcDatabase;
  const root = () => ({ host: db.host, port: db.port, user: db.user });

  beforeAll(async () => {
    db = await startCdcMariadb();
    await run({ ...root(), database: db.database }, [
      `CREATE TABLE customers (
         id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
         email varchar(255) NOT NULL,
         full_name varchar(200),
         phone varchar(32),
         birth_date date,
         created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
      `CREATE TABLE order_lines (
         line_no int NOT NULL,
         order_id bigint NOT NULL,
         sku varchar(64) NOT NULL,
         qty smallint NOT NULL,
         PRIMARY KEY (order_id, line_no))`,
      `CREATE TABLE events (kind varchar(32) NOT NULL, body text, at timestamp NULL)`,
      'CREATE VIEW big_customers AS SELECT id, email FROM customers',
      `CREATE USER 'cdc'@'%' IDENTIFIED BY '${CDC_PASSWORD}'`,
      `GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'cdc'@'%'`,
      `CREATE USER 'reader'@'%' IDENTIFIED BY '${READER_PASSWORD}'`,
      `GRANT SELECT ON \`${db.database}\`.* TO 'reader'@'%'`,
    ]);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('lists the tables, columns, types, primary keys and PII flags of the database', async () => {
    const result = await inspector(db, 'cdc', CDC_PASSWORD).introspect();
    expect(result).toEqual({
      sourceId: 'orders-db',
      type: 'mariadb',
      serverVersion: db.version,
      schemas: [
        {
          name: 'eventport',
          tables: [
            {
              name: 'customers',
              primaryKey: ['id'],
              columns: [
                col('id', 'int(10) unsigned', false, true),
                col('email', 'varchar(255)', false, false, 'email address'),
                col('full_name', 'varchar(200)', true, false, 'personal name'),
                col('phone', 'varchar(32)', true, false, 'phone number'),
                col('birth_date', 'date', true, false, 'date of birth'),
                col('created_at', 'datetime', false),
              ],
            },
            {
              name: 'events',
              primaryKey: [],
              columns: [
                col('kind', 'varchar(32)', false),
                col('body', 'text', true),
                col('at', 'timestamp', true),
              ],
            },
            {
              name: 'order_lines',
              primaryKey: ['order_id', 'line_no'],
              columns: [
                col('line_no', 'int(11)', false, true),
                col('order_id', 'bigint(20)', false, true),
                col('sku', 'varchar(64)', false),
                col('qty', 'smallint(6)', false),
              ],
            },
          ],
        },
      ],
    });
  });

  it('passes every check for a user with the replication grants', async () => {
    const checks = await inspector(db, 'cdc', CDC_PASSWORD).preflight([
      { schema: 'eventport', table: 'customers' },
      { schema: 'eventport', table: 'order_lines' },
    ]);
    const privileges =
      'global privileges: SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR';
    expect(checks).toEqual([
      {
        id: 'log-bin',
        title: 'The binary log is on (log_bin)',
        passed: true,
        detail: 'log_bin is ON',
      },
      {
        id: 'binlog-format',
        title: 'Row-based binary logging (binlog_format = ROW)',
        passed: true,
        detail: 'binlog_format is ROW',
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
        title: 'User cdc@% has REPLICATION SLAVE',
        passed: true,
        detail: privileges,
      },
      {
        id: 'grant-replication-client',
        title: 'User cdc@% has REPLICATION CLIENT',
        passed: true,
        detail: privileges,
      },
      {
        id: 'table:eventport.customers',
        title: 'Table eventport.customers exists',
        passed: true,
        detail: 'eventport.customers is a base table',
      },
      {
        id: 'table:eventport.order_lines',
        title: 'Table eventport.order_lines exists',
        passed: true,
        detail: 'eventport.order_lines is a base table',
      },
    ]);
  });

  it('counts ALL PRIVILEGES as both replication grants', async () => {
    const checks = await inspector(db, 'root').preflight([]);
    expect(checks.map(c => [c.id, c.passed, c.detail])).toEqual([
      ['log-bin', true, 'log_bin is ON'],
      ['binlog-format', true, 'binlog_format is ROW'],
      ['binlog-row-image', true, 'binlog_row_image is FULL'],
      ['server-id', true, 'server_id is 1'],
      ['grant-replication-slave', true, 'global privileges: ALL PRIVILEGES'],
      ['grant-replication-client', true, 'global privileges: ALL PRIVILEGES'],
    ]);
  });

  it('fails the grants of a user without them, and a table that does not exist', async () => {
    const checks = await inspector(db, 'reader', READER_PASSWORD).preflight([
      { schema: 'eventport', table: 'missing' },
      { schema: 'eventport', table: 'big_customers' },
    ]);
    expect(checks.slice(4)).toEqual([
      {
        id: 'grant-replication-slave',
        title: 'User reader@% has REPLICATION SLAVE',
        passed: false,
        detail: 'global privileges: USAGE',
        fix: "GRANT REPLICATION SLAVE ON *.* TO 'reader'@'%';",
      },
      {
        id: 'grant-replication-client',
        title: 'User reader@% has REPLICATION CLIENT',
        passed: false,
        detail: 'global privileges: USAGE',
        fix: "GRANT REPLICATION CLIENT ON *.* TO 'reader'@'%';",
      },
      {
        id: 'table:eventport.missing',
        title: 'Table eventport.missing exists',
        passed: false,
        detail: 'there is no table eventport.missing that reader@% can see',
        fix: 'Choose a table that exists: introspection lists them.',
      },
      {
        id: 'table:eventport.big_customers',
        title: 'Table eventport.big_customers exists',
        passed: false,
        detail:
          'there is no table eventport.big_customers that reader@% can see',
        fix: 'Choose a table that exists: introspection lists them.',
      },
    ]);
  });

  it('fails binlog_format and binlog_row_image once this server logs otherwise', async () => {
    await run(root(), [
      "SET GLOBAL binlog_format = 'MIXED'",
      "SET GLOBAL binlog_row_image = 'MINIMAL'",
    ]);
    try {
      const checks = await inspector(db, 'cdc', CDC_PASSWORD).preflight([]);
      expect(checks.slice(1, 3)).toEqual([
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
          passed: false,
          detail: 'binlog_row_image is MINIMAL',
          fix:
            "SET GLOBAL binlog_row_image = 'FULL'; and, so that it survives a restart, " +
            "binlog_row_image = FULL in the [mariadbd] section of the server's option file",
        },
      ]);
    } finally {
      await run(root(), [
        "SET GLOBAL binlog_format = 'ROW'",
        "SET GLOBAL binlog_row_image = 'FULL'",
      ]);
    }
  });

  it('answers a wrong password with a 503 that names the user, not the password', async () => {
    const logger = new CapturingLogger();
    const wrong = 'Wrong-Password-5521';
    const error = await inspector(db, 'cdc', wrong, logger)
      .introspect()
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain(
      `CDC source 'orders-db' (mariadb at 127.0.0.1:${db.port}, database eventport) ` +
        "rejected the credentials of user 'cdc' (introspect); caused by Error: ER_ACCESS_DENIED_ERROR: Access denied for user 'cdc'@'127.0.0.1'",
    );
    const everything = JSON.stringify(
      serializeError(error, { includeStack: true }),
    );
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(CDC_PASSWORD);
    expect(logger.text()).toContain('rejected the credentials');
    expect(logger.text()).not.toContain(wrong);
  });
});
