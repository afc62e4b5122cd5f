/**
 * The PostgreSQL pre-flight checks, from facts read off the server: what
 * Debezium's PostgreSQL connector (pgoutput, a publication it creates in
 * `filtered` mode) needs, each with what was seen and the exact fix.
 */
import { CdcPreflightCheck } from '@eventport/plugin-event-streaming-common';
import { check } from './shapes';

/** What one query reads of the server and the connected user. */
export interface PostgresServerFacts {
  walLevel: string;
  maxReplicationSlots: number;
  slots: Array<{ name: string; active: boolean }>;
  maxWalSenders: number;
  usedWalSenders: number;
  user: string;
  database: string;
  superuser: boolean;
  replication: boolean;
  canCreateInDatabase: boolean;
}

/** What the server knows of one selected table. */
export interface PostgresTableFacts {
  schema: string;
  table: string;
  exists: boolean;
  /** `pg_class.relreplident`: d(efault), f(ull), i(ndex), n(othing). */
  replicaIdentity?: 'd' | 'f' | 'i' | 'n';
  hasPrimaryKey: boolean;
  owner?: string;
  /** The user owns the table, or is a member of its owner role. */
  owned: boolean;
  /** The user may read it: USAGE on its schema and SELECT on it (the snapshot). */
  canSelect: boolean;
}

/** The role the least-privilege advice creates, and the group owning the tables. */
export const SUGGESTED_ROLE = 'eventport_cdc';
export const SUGGESTED_GROUP = 'eventport_replication_group';

/** `"name"`, with embedded quotes doubled. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** `'text'`, with embedded quotes doubled. */
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;
const qualified = (t: { schema: string; table: string }) =>
  `${quoteIdent(t.schema)}.${quoteIdent(t.table)}`;
const label = (t: { schema: string; table: string }) =>
  `${t.schema}.${t.table}`;

function roleDetail(server: PostgresServerFacts): string {
  if (server.superuser) return `${server.user} is a superuser`;
  if (server.replication) return `${server.user} has the REPLICATION attribute`;
  return `${server.user} has neither the REPLICATION attribute nor superuser`;
}

function replicaIdentityDetail(t: PostgresTableFacts): string {
  switch (t.replicaIdentity) {
    case 'f':
      return 'REPLICA IDENTITY FULL';
    case 'i':
      return 'REPLICA IDENTITY USING INDEX';
    case 'n':
      return 'REPLICA IDENTITY NOTHING: updates and deletes carry no old row';
    default:
      return t.hasPrimaryKey
        ? 'primary key (REPLICA IDENTITY DEFAULT)'
        : 'no primary key and REPLICA IDENTITY DEFAULT: once the table is in a publication, ' +
            'PostgreSQL refuses its UPDATEs and DELETEs';
  }
}

export function postgresChecks(
  server: PostgresServerFacts,
  tables: PostgresTableFacts[],
): CdcPreflightCheck[] {
  const user = quoteIdent(server.user);
  const checks: CdcPreflightCheck[] = [];

  checks.push(
    check(
      'wal-level',
      'Logical decoding is on (wal_level = logical)',
      server.walLevel === 'logical',
      `wal_level is ${server.walLevel}`,
      'As a superuser: ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL ' +
        '(the setting takes effect only at server start).',
    ),
  );

  checks.push(
    check(
      'replication-role',
      `User ${server.user} may replicate (REPLICATION attribute or superuser)`,
      server.superuser || server.replication,
      roleDetail(server),
      `As a superuser: ALTER ROLE ${user} WITH REPLICATION;`,
    ),
  );

  checks.push(leastPrivilege(server, tables));

  const usedSlots = server.slots.length;
  const freeSlots = server.maxReplicationSlots - usedSlots;
  const inactive = server.slots.filter(s => !s.active).map(s => s.name);
  checks.push(
    check(
      'replication-slots',
      'A replication slot is free (max_replication_slots)',
      freeSlots >= 1,
      `${usedSlots} of max_replication_slots = ${
        server.maxReplicationSlots
      } in use, ${Math.max(freeSlots, 0)} free${
        inactive.length ? ` (inactive: ${inactive.join(', ')})` : ''
      }`,
      [
        `As a superuser: ALTER SYSTEM SET max_replication_slots = ${
          usedSlots + 1
        }; then restart PostgreSQL`,
        ...(inactive.length
          ? [
              `, or drop a slot that is no longer used: ${inactive
                .map(
                  n => `SELECT pg_drop_replication_slot(${quoteLiteral(n)});`,
                )
                .join(' ')}`,
            ]
          : []),
      ].join(''),
    ),
  );

  const freeSenders = server.maxWalSenders - server.usedWalSenders;
  checks.push(
    check(
      'wal-senders',
      'A WAL sender is free (max_wal_senders)',
      freeSenders >= 1,
      `${server.usedWalSenders} of max_wal_senders = ${
        server.maxWalSenders
      } in use, ${Math.max(freeSenders, 0)} free`,
      `As a superuser: ALTER SYSTEM SET max_wal_senders = ${
        server.usedWalSenders + 1
      }; then restart PostgreSQL`,
    ),
  );

  for (const t of tables) {
    const id = `replica-identity:${label(t)}`;
    const title = `Table ${label(
      t,
    )} has a primary key or REPLICA IDENTITY FULL`;
    if (!t.exists) {
      checks.push(
        check(
          id,
          title,
          false,
          `there is no table ${label(t)} in database ${server.database}`,
          'Choose a table that exists: introspection lists them.',
        ),
      );
      continue;
    }
    const ri = t.replicaIdentity;
    const passed = ri === 'f' || ri === 'i' || (ri === 'd' && t.hasPrimaryKey);
    const detail = replicaIdentityDetail(t);
    checks.push(
      check(
        id,
        title,
        passed,
        detail,
        `As the table's owner: ALTER TABLE ${qualified(
          t,
        )} REPLICA IDENTITY FULL; (or add a primary key)`,
      ),
    );
  }

  const existing = tables.filter(t => t.exists);
  if (existing.length) {
    const unreadable = existing.filter(t => !t.canSelect);
    checks.push(
      check(
        'select',
        `User ${server.user} may read the selected tables (SELECT)`,
        unreadable.length === 0,
        unreadable.length
          ? `${server.user} may not read ${unreadable
              .map(label)
              .join(', ')}: the initial snapshot would fail`
          : `${server.user} may read ${existing.map(label).join(', ')}`,
        [
          ...[...new Set(unreadable.map(t => t.schema))].map(
            schema => `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${user};`,
          ),
          `GRANT SELECT ON ${unreadable.map(qualified).join(', ')} TO ${user};`,
        ].join(' '),
      ),
    );
  }
  const notOwned = existing.filter(t => !t.owned);
  const mayCreate =
    server.superuser || (server.canCreateInDatabase && notOwned.length === 0);
  const problems = [
    ...(server.canCreateInDatabase
      ? []
      : [`no CREATE privilege on database ${server.database}`]),
    ...notOwned.map(t => `${label(t)} is owned by ${t.owner}`),
  ];
  let publicationDetail: string;
  if (server.superuser) publicationDetail = `${server.user} is a superuser`;
  else if (problems.length) publicationDetail = problems.join('; ');
  else {
    const owned = existing.length
      ? existing.map(label).join(', ')
      : 'no selected table';
    publicationDetail = `${server.user} has CREATE on database ${server.database} and owns ${owned}`;
  }
  checks.push(
    check(
      'publication',
      `User ${server.user} may create the publication of the selected tables`,
      mayCreate,
      publicationDetail,
      `${[
        ...(server.canCreateInDatabase
          ? []
          : [
              `GRANT CREATE ON DATABASE ${quoteIdent(
                server.database,
              )} TO ${user};`,
            ]),
        ...notOwned.map(t => `ALTER TABLE ${qualified(t)} OWNER TO ${user};`),
      ].join(
        ' ',
      )} (as a superuser; or create the publication beforehand as the tables' owner, ` +
        'CREATE PUBLICATION <name> FOR TABLE ..., and set publication.autocreate.mode=disabled)',
    ),
  );
  return checks;
}

/**
 * A superuser works, but Debezium then holds every right on the whole
 * server, and so does whoever can read the connector's config provider.
 * Debezium's guidance: a role with REPLICATION and SELECT on the captured
 * tables only; for the publication it creates in `filtered` mode, CREATE on
 * the database and the tables owned by a group that it and the tables'
 * owner share. A warning, never a failure.
 */
function leastPrivilege(
  server: PostgresServerFacts,
  tables: PostgresTableFacts[],
): CdcPreflightCheck {
  const existing = tables.filter(t => t.exists);
  const role = quoteIdent(SUGGESTED_ROLE);
  const group = quoteIdent(SUGGESTED_GROUP);
  const owners = [
    ...new Set(existing.map(t => t.owner).filter((o): o is string => !!o)),
  ];
  const schemas = [...new Set(existing.map(t => t.schema))];
  const fix = [
    `As a superuser: CREATE ROLE ${role} WITH LOGIN REPLICATION PASSWORD '<a new password>';`,
    `GRANT CONNECT, CREATE ON DATABASE ${quoteIdent(
      server.database,
    )} TO ${role};`,
    ...schemas.map(
      schema => `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${role};`,
    ),
    ...(existing.length
      ? [`GRANT SELECT ON ${existing.map(qualified).join(', ')} TO ${role};`]
      : []),
    ...(existing.length
      ? [
          `CREATE ROLE ${group};`,
          `GRANT ${group} TO ${[...owners.map(quoteIdent), role].join(', ')};`,
          ...existing.map(
            t => `ALTER TABLE ${qualified(t)} OWNER TO ${group};`,
          ),
        ]
      : []),
    `Then set the source's user (eventStreaming.cdc.sources.<id>.user) to ${SUGGESTED_ROLE}, and its password.`,
  ].join(' ');
  return check(
    'least-privilege',
    `User ${server.user} is not a superuser`,
    !server.superuser,
    server.superuser
      ? `${server.user} is a superuser: Debezium, and whoever can read the connector's password, would hold every right on the whole server. A role with REPLICATION and SELECT on the captured tables is enough`
      : `${server.user} is not a superuser`,
    fix,
    { warning: true },
  );
}
