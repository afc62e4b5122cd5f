import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CdcIntrospection,
  CdcPreflightCheck,
  CdcSourceSummary,
  CdcTableRef,
} from '@eventport/plugin-event-streaming-common';
import mysql, { Connection, RowDataPacket } from 'mysql2/promise';
import type {
  CdcReplicationDrop,
  CdcSlotState,
  CdcSourceInspector,
} from './CdcSourceInspector';
import { CdcSourceConfig, cdcSourceSummary } from './config';
import { cdcSourceError } from './errors';
import { mysqlChecks, MysqlTableFacts } from './mysqlChecks';
import { schemasFromColumns } from './shapes';

// Base tables of the configured database, columns in declared order, with
// their place in the primary key.
const COLUMNS_SQL = `
SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name,
       c.COLUMN_TYPE AS data_type, c.IS_NULLABLE = 'YES' AS nullable,
       COALESCE(k.ORDINAL_POSITION, 0) AS pk_position
  FROM information_schema.COLUMNS c
  JOIN information_schema.TABLES t
    ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE'
  LEFT JOIN information_schema.KEY_COLUMN_USAGE k
    ON k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME
   AND k.COLUMN_NAME = c.COLUMN_NAME AND k.CONSTRAINT_NAME = 'PRIMARY'
 WHERE c.TABLE_SCHEMA = ?
 ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;

const SERVER_SQL = `
SELECT VERSION() AS version, @@GLOBAL.log_bin AS log_bin,
       @@GLOBAL.binlog_format AS binlog_format, @@GLOBAL.binlog_row_image AS binlog_row_image,
       @@GLOBAL.server_id AS server_id, CURRENT_USER() AS current_user_name`;

/**
 * `CdcSourceInspector` for MariaDB and MySQL over `mysql2`: information_schema,
 * system variables and `SHOW GRANTS` only, in a read-only session, with a
 * connection timeout and a timeout on every query. The schema it lists is
 * the configured database.
 */
export class MysqlSourceInspector implements CdcSourceInspector {
  readonly source: CdcSourceSummary;

  constructor(
    private readonly config: CdcSourceConfig,
    private readonly logger?: LoggerService,
  ) {
    this.source = cdcSourceSummary(config);
  }

  private async withConnection<T>(
    what: string,
    run: (
      query: (sql: string, values?: unknown[]) => Promise<RowDataPacket[]>,
    ) => Promise<T>,
  ): Promise<T> {
    const { host, port, database, user, password, timeoutMs } = this.config;
    let connection: Connection | undefined;
    try {
      connection = await mysql.createConnection({
        host,
        port,
        database,
        user,
        password,
        connectTimeout: timeoutMs,
        multipleStatements: false,
      });
      // A connection lost between queries is reported by the next query.
      connection.on('error', () => {});
      const conn = connection;
      const query = async (sql: string, values?: unknown[]) =>
        (
          await conn.query<RowDataPacket[]>({ sql, values, timeout: timeoutMs })
        )[0];
      await query('SET SESSION TRANSACTION READ ONLY');
      return await run(query);
    } catch (error) {
      throw cdcSourceError(this.config, what, error, this.logger);
    } finally {
      connection?.destroy();
    }
  }

  async introspect(): Promise<CdcIntrospection> {
    return this.withConnection('introspect', async query => {
      const [{ version }] = await query('SELECT VERSION() AS version');
      const rows = await query(COLUMNS_SQL, [this.config.database]);
      const schemas = schemasFromColumns(
        rows.map(row => ({
          schema: this.config.database,
          table: row.table_name,
          column: row.column_name,
          dataType: row.data_type,
          nullable: Number(row.nullable) === 1,
          pkPosition: Number(row.pk_position),
        })),
      );
      return {
        sourceId: this.config.id,
        type: this.config.type,
        serverVersion: String(version),
        schemas,
      };
    });
  }

  async preflight(tables: CdcTableRef[]): Promise<CdcPreflightCheck[]> {
    return this.withConnection('pre-flight checks', async query => {
      const [server] = await query(SERVER_SQL);
      const grants = (await query('SHOW GRANTS')).map(r =>
        String(Object.values(r)[0]),
      );
      const tableFacts: MysqlTableFacts[] = [];
      for (const t of tables) {
        const found = await query(
          `SELECT 1 FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'`,
          [t.schema, t.table],
        );
        tableFacts.push({
          schema: t.schema,
          table: t.table,
          exists: found.length > 0,
        });
      }
      return mysqlChecks(
        {
          version: String(server.version),
          logBin: Number(server.log_bin) === 1,
          binlogFormat: String(server.binlog_format),
          binlogRowImage: String(server.binlog_row_image),
          serverId: Number(server.server_id),
          currentUser: String(server.current_user_name),
          grants,
        },
        tableFacts,
      );
    });
  }

  /** MariaDB and MySQL have no replication slots: the binlog position is the connector's. */
  async replicationSlot(): Promise<undefined> {
    return undefined;
  }

  /** No slots to guard. */
  async eventportSlots(): Promise<CdcSlotState[]> {
    return [];
  }

  /** Nothing to drop: the binlog is the server's, read from a position Connect keeps. */
  /** No publications. */
  async publicationExists(): Promise<boolean> {
    return false;
  }

  async dropReplication(): Promise<CdcReplicationDrop> {
    return { slotDropped: false, publicationDropped: false };
  }
}
