/**
 * The parts of the MariaDB/MySQL checks a local MariaDB 10.11 cannot show:
 * MySQL 8's wording of grants and fixes, and `server_id = 0`, which MariaDB
 * refuses to set (it truncates 0 to 1). The same checks run against real
 * servers in MysqlSourceInspector.test.ts.
 */
import { accountOf, globalPrivileges, mysqlChecks } from './mysqlChecks';

describe('globalPrivileges', () => {
  it('reads ON *.* grants only, and ignores role and database grants', () => {
    expect([
      ...globalPrivileges([
        'GRANT USAGE ON *.* TO `dbz`@`%`',
        'GRANT SELECT, INSERT ON `shop`.* TO `dbz`@`%`',
        'GRANT `replicator` TO `dbz`@`%`',
        "GRANT RELOAD, REPLICATION SLAVE,  REPLICATION CLIENT ON *.* TO `dbz`@`%` IDENTIFIED BY PASSWORD '*ABC'",
      ]),
    ]).toEqual(['USAGE', 'RELOAD', 'REPLICATION SLAVE', 'REPLICATION CLIENT']);
  });

  it('quotes the account for a GRANT', () => {
    expect(accountOf("o'brien@10.0.%")).toBe("'o''brien'@'10.0.%'");
  });
});

describe('mysqlChecks on MySQL 8', () => {
  const checks = mysqlChecks(
    {
      version: '8.4.3',
      logBin: true,
      binlogFormat: 'ROW',
      binlogRowImage: 'FULL',
      serverId: 0,
      currentUser: 'dbz@%',
      grants: ['GRANT REPLICATION SLAVE ON *.* TO `dbz`@`%`'],
    },
    [],
  );

  it('fails server_id 0 with a persisted fix', () => {
    expect(checks.find(c => c.id === 'server-id')).toEqual({
      id: 'server-id',
      title: 'The server has a server_id',
      passed: false,
      detail: 'server_id is 0',
      fix: 'SET PERSIST server_id = 1; (any non-zero id unique among the servers that replicate)',
    });
  });

  it('fails a missing REPLICATION CLIENT', () => {
    expect(
      checks
        .filter(c => c.id.startsWith('grant-'))
        .map(c => [c.id, c.passed, c.fix]),
    ).toEqual([
      ['grant-replication-slave', true, undefined],
      [
        'grant-replication-client',
        false,
        "GRANT REPLICATION CLIENT ON *.* TO 'dbz'@'%';",
      ],
    ]);
  });
});
