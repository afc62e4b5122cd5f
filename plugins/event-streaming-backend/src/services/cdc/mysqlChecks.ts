/**
 * The MariaDB/MySQL pre-flight checks, from facts read off the server: what
 * Debezium's binlog connectors need, each with what was seen and the exact
 * fix for the flavour at hand (MariaDB option files and `SET GLOBAL`, MySQL
 * 8 `SET PERSIST`).
 */
import { CdcPreflightCheck } from '@eventport/plugin-event-streaming-common';
import { check } from './shapes';

export interface MysqlServerFacts {
  /** `VERSION()`; MariaDB's contains `MariaDB`. */
  version: string;
  logBin: boolean;
  binlogFormat: string;
  binlogRowImage: string;
  serverId: number;
  /** `CURRENT_USER()`, as `user@host`. */
  currentUser: string;
  /** The lines of `SHOW GRANTS`. */
  grants: string[];
}

export interface MysqlTableFacts {
  schema: string;
  table: string;
  exists: boolean;
}

/** `'user'@'host'` from `user@host`. */
export function accountOf(currentUser: string): string {
  const at = currentUser.lastIndexOf('@');
  const user = at < 0 ? currentUser : currentUser.slice(0, at);
  const host = at < 0 ? '%' : currentUser.slice(at + 1);
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return `${q(user)}@${q(host)}`;
}

/**
 * The global privileges (`ON *.*`) that `SHOW GRANTS` lines give, upper
 * case. Role grants (`GRANT role TO user`) carry no privileges of their own
 * here and are ignored.
 */
export function globalPrivileges(grants: string[]): Set<string> {
  const privileges = new Set<string>();
  for (const line of grants) {
    const match = /^GRANT\s+(.+?)\s+ON\s+(\S+)\s+TO\s/i.exec(line.trim());
    if (!match || match[2].replace(/`/g, '') !== '*.*') continue;
    for (const p of match[1].split(',')) {
      privileges.add(p.trim().replace(/\s+/g, ' ').toUpperCase());
    }
  }
  return privileges;
}

export function mysqlChecks(
  server: MysqlServerFacts,
  tables: MysqlTableFacts[],
): CdcPreflightCheck[] {
  const mariadb = /mariadb/i.test(server.version);
  const section = mariadb ? '[mariadbd]' : '[mysqld]';
  const product = mariadb ? 'MariaDB' : 'MySQL';
  /** A dynamic setting: now, and in the option file (MariaDB) or persisted (MySQL). */
  const setting = (name: string, value: string) => {
    const sql = /^\d+$/.test(value) ? value : `'${value}'`;
    return mariadb
      ? `SET GLOBAL ${name} = ${sql}; and, so that it survives a restart, ` +
          `${name} = ${value} in the ${section} section of the server's option file`
      : `SET PERSIST ${name} = ${sql};`;
  };
  const account = accountOf(server.currentUser);
  const privileges = globalPrivileges(server.grants);
  const all = privileges.has('ALL PRIVILEGES') || privileges.has('ALL');
  const has = (...names: string[]) => all || names.some(n => privileges.has(n));
  const shown = privileges.size ? [...privileges].join(', ') : 'none';

  const checks: CdcPreflightCheck[] = [
    check(
      'log-bin',
      'The binary log is on (log_bin)',
      server.logBin,
      `log_bin is ${server.logBin ? 'ON' : 'OFF'}`,
      `Add log_bin = ${
        mariadb ? 'mariadb-bin' : 'mysql-bin'
      } to the ${section} section ` +
        `of the server's option file, then restart ${product}.`,
    ),
    check(
      'binlog-format',
      'Row-based binary logging (binlog_format = ROW)',
      server.binlogFormat.toUpperCase() === 'ROW',
      `binlog_format is ${server.binlogFormat}`,
      setting('binlog_format', 'ROW'),
    ),
    check(
      'binlog-row-image',
      'Full row images in the binary log (binlog_row_image = FULL)',
      server.binlogRowImage.toUpperCase() === 'FULL',
      `binlog_row_image is ${server.binlogRowImage}`,
      setting('binlog_row_image', 'FULL'),
    ),
    check(
      'server-id',
      'The server has a server_id',
      server.serverId > 0,
      `server_id is ${server.serverId}`,
      `${setting(
        'server_id',
        '1',
      )} (any non-zero id unique among the servers that replicate)`,
    ),
    check(
      'grant-replication-slave',
      `User ${server.currentUser} has REPLICATION SLAVE`,
      has('REPLICATION SLAVE', 'REPLICATION REPLICA'),
      `global privileges: ${shown}`,
      `GRANT REPLICATION SLAVE ON *.* TO ${account};`,
    ),
    check(
      'grant-replication-client',
      `User ${server.currentUser} has REPLICATION CLIENT`,
      // MariaDB 10.5 renamed REPLICATION CLIENT to BINLOG MONITOR; SHOW GRANTS shows the new name.
      has('REPLICATION CLIENT', 'BINLOG MONITOR'),
      `global privileges: ${shown}`,
      `GRANT REPLICATION CLIENT ON *.* TO ${account};`,
    ),
  ];
  for (const t of tables) {
    checks.push(
      check(
        `table:${t.schema}.${t.table}`,
        `Table ${t.schema}.${t.table} exists`,
        t.exists,
        t.exists
          ? `${t.schema}.${t.table} is a base table`
          : `there is no table ${t.schema}.${t.table} that ${server.currentUser} can see`,
        'Choose a table that exists: introspection lists them.',
      ),
    );
  }
  return checks;
}
