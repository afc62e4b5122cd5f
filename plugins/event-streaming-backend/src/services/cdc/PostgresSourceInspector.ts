import type { CdcReplicationDrop, CdcSlotState } from './CdcSourceInspector';
import { ConflictError, InputError } from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CdcIntrospection,
  CdcPreflightCheck,
  CdcSourceSummary,
  CdcTableRef,
} from '@eventport/plugin-event-streaming-common';
import { Client } from 'pg';
import type { CdcSourceInspector } from './CdcSourceInspector';
import { CdcSourceConfig, cdcSourceSummary } from './config';
import { cdcSourceError } from './errors';
import {
  postgresChecks,
  PostgresServerFacts,
  PostgresTableFacts,
} from './postgresChecks';
import { schemasFromColumns } from './shapes';

// Ordinary and partitioned tables, not the partitions themselves, outside the
// system schemas; columns in declared order, with their place in the primary key.
const COLUMNS_SQL = `
SELECT n.nspname AS schema_name, c.relname AS table_name, a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       NOT a.attnotnull AS nullable,
       COALESCE((SELECT k.ord::int FROM unnest(pk.indkey) WITH ORDINALITY AS k(attnum, ord)
                  WHERE k.attnum = a.attnum), 0) AS pk_position
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_index pk ON pk.indrelid = c.oid AND pk.indisprimary
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
 ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", a.attnum`;

const SERVER_SQL = `
SELECT current_setting('wal_level') AS wal_level,
       current_setting('max_replication_slots')::int AS max_replication_slots,
       current_setting('max_wal_senders')::int AS max_wal_senders,
       (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'walsender') AS used_wal_senders,
       (SELECT COALESCE(json_agg(json_build_object('name', slot_name, 'active', active) ORDER BY slot_name), '[]')
          FROM pg_replication_slots) AS slots,
       current_user AS user_name, current_database() AS database_name,
       r.rolsuper AS superuser, r.rolreplication AS replication,
       has_database_privilege(current_database(), 'CREATE') AS can_create
  FROM pg_roles r WHERE r.rolname = current_user`;

const TABLES_SQL = `
SELECT t.schema_name, t.table_name, c.oid IS NOT NULL AS exists,
       c.relreplident AS replica_identity,
       COALESCE(EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary), false) AS has_pk,
       pg_get_userbyid(c.relowner) AS owner,
       COALESCE(pg_has_role(c.relowner, 'USAGE'), false) AS owned,
       COALESCE(has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT'), false) AS can_select
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(schema_name, table_name, ord)
  LEFT JOIN pg_namespace n ON n.nspname = t.schema_name
  LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name AND c.relkind IN ('r', 'p')
 ORDER BY t.ord`;

/**
 * `CdcSourceInspector` for PostgreSQL over `pg`: catalog queries only, in a
 * session that is read-only (`default_transaction_read_only`), with a
 * connection timeout and a statement timeout on every query.
 */
/**
 * A slot's WAL not yet confirmed by its consumer, and the WAL the server
 * keeps for it (from its restart position), in bytes.
 */
const SLOT_SQL = `
  SELECT active,
         pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint AS lag_bytes,
         pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained_bytes
  FROM pg_replication_slots
  WHERE slot_name = $1`;

/**
 * Every slot Eventport named (cdcSlotName) in this database, with the same
 * measures as SLOT_SQL.
 */
const OWN_SLOTS_SQL = `
  SELECT slot_name, active,
         pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint AS lag_bytes,
         pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained_bytes
  FROM pg_replication_slots
  WHERE slot_name LIKE 'eventport\\_%' AND database = current_database()
  ORDER BY slot_name`;

/** Drops the slot only when no consumer holds it; no row when active or absent. */
const DROP_SLOT_SQL = `
  SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
   WHERE slot_name = $1 AND NOT active`;

/** Names Eventport gives slots and publications (cdcSlotName): nothing else is dropped. */
const OWN_NAME = /^eventport_[a-z0-9_]{1,53}$/;
/** How long a drop waits for the slot's consumer to let go. */
const RELEASE_WAIT_MS = 30_000;

export class PostgresSourceInspector implements CdcSourceInspector {
  readonly source: CdcSourceSummary;

  constructor(
    private readonly config: CdcSourceConfig,
    private readonly logger?: LoggerService,
  ) {
    this.source = cdcSourceSummary(config);
  }

  private async withClient<T>(
    what: string,
    run: (client: Client) => Promise<T>,
    options: { writable?: boolean } = {},
  ): Promise<T> {
    const { host, port, database, user, password, timeoutMs } = this.config;
    const client = new Client({
      host,
      port,
      database,
      user,
      password,
      application_name: 'eventport-cdc-inspector',
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      statement_timeout: timeoutMs,
      ...(options.writable
        ? {}
        : { options: '-c default_transaction_read_only=on' }),
    });
    // A connection lost between queries is reported by the next query.
    client.on('error', () => {});
    try {
      await client.connect();
      return await run(client);
    } catch (error) {
      throw cdcSourceError(this.config, what, error, this.logger);
    } finally {
      await client.end().catch(() => {});
    }
  }

  async introspect(): Promise<CdcIntrospection> {
    return this.withClient('introspect', async client => {
      const version = await client.query('SHOW server_version');
      const { rows } = await client.query(COLUMNS_SQL);
      const schemas = schemasFromColumns(
        rows.map(row => ({
          schema: row.schema_name,
          table: row.table_name,
          column: row.column_name,
          dataType: row.data_type,
          nullable: row.nullable,
          pkPosition: row.pk_position,
        })),
      );
      return {
        sourceId: this.config.id,
        type: this.config.type,
        serverVersion: version.rows[0].server_version,
        schemas,
      };
    });
  }

  async preflight(tables: CdcTableRef[]): Promise<CdcPreflightCheck[]> {
    return this.withClient('pre-flight checks', async client => {
      const [server] = (await client.query(SERVER_SQL)).rows;
      const facts: PostgresServerFacts = {
        walLevel: server.wal_level,
        maxReplicationSlots: server.max_replication_slots,
        slots: server.slots,
        maxWalSenders: server.max_wal_senders,
        usedWalSenders: server.used_wal_senders,
        user: server.user_name,
        database: server.database_name,
        superuser: server.superuser,
        replication: server.replication,
        canCreateInDatabase: server.can_create,
      };
      const tableRows = tables.length
        ? (
            await client.query(TABLES_SQL, [
              tables.map(t => t.schema),
              tables.map(t => t.table),
            ])
          ).rows
        : [];
      const tableFacts: PostgresTableFacts[] = tableRows.map(r => ({
        schema: r.schema_name,
        table: r.table_name,
        exists: r.exists,
        replicaIdentity: r.replica_identity ?? undefined,
        hasPrimaryKey: r.has_pk,
        owner: r.owner ?? undefined,
        owned: r.owned,
        canSelect: r.can_select,
      }));
      return postgresChecks(facts, tableFacts);
    });
  }

  async replicationSlot(name: string): Promise<CdcSlotState | undefined> {
    return this.withClient('read the replication slot', async client => {
      const { rows } = await client.query(SLOT_SQL, [name]);
      return rows.length ? slotState(name, rows[0]) : undefined;
    });
  }

  async publicationExists(name: string): Promise<boolean> {
    return this.withClient('read the publications', async client => {
      const { rows } = await client.query(
        'SELECT 1 FROM pg_publication WHERE pubname = $1',
        [name],
      );
      return rows.length > 0;
    });
  }

  async eventportSlots(): Promise<CdcSlotState[]> {
    return this.withClient('list the replication slots', async client => {
      const { rows } = await client.query(OWN_SLOTS_SQL);
      return rows.map(row => slotState(row.slot_name, row));
    });
  }

  /**
   * The one write Eventport makes on a source: drops a decommissioned
   * pipeline's replication slot (once its consumer has let go, waiting up to
   * 30 s) and its publication. Idempotent; answers what was there.
   */
  async dropReplication(names: {
    slot: string;
    publication: string;
  }): Promise<CdcReplicationDrop> {
    for (const name of [names.slot, names.publication]) {
      if (!OWN_NAME.test(name)) {
        throw new InputError(
          `'${name}' is not a name Eventport gives replication slots or publications; it is not dropped`,
        );
      }
    }
    return this.withClient(
      'drop the replication slot and publication',
      async client => {
        const deadline = Date.now() + RELEASE_WAIT_MS;
        let slotDropped = false;
        for (;;) {
          const { rows } = await client.query(
            'SELECT active FROM pg_replication_slots WHERE slot_name = $1',
            [names.slot],
          );
          if (!rows.length) break;
          if (!rows[0].active) {
            const dropped = await client.query(DROP_SLOT_SQL, [names.slot]);
            if (dropped.rowCount) {
              slotDropped = true;
              break;
            }
          }
          if (Date.now() > deadline) {
            throw new ConflictError(
              `Replication slot '${names.slot}' is still in use by a consumer ${
                RELEASE_WAIT_MS / 1000
              } s after the connector was removed; it was not dropped`,
            );
          }
          await new Promise(r => setTimeout(r, 500));
        }
        const pub = await client.query(
          'SELECT 1 FROM pg_publication WHERE pubname = $1',
          [names.publication],
        );
        if (pub.rowCount) {
          await client.query(
            `DROP PUBLICATION IF EXISTS ${client.escapeIdentifier(
              names.publication,
            )}`,
          );
        }
        return { slotDropped, publicationDropped: !!pub.rowCount };
      },
      { writable: true },
    );
  }
}

function slotState(
  name: string,
  row: {
    active: boolean;
    lag_bytes: string | null;
    retained_bytes: string | null;
  },
): CdcSlotState {
  return {
    name,
    active: row.active,
    lagBytes: row.lag_bytes === null ? null : Number(row.lag_bytes),
    retainedBytes:
      row.retained_bytes === null ? null : Number(row.retained_bytes),
  };
}
