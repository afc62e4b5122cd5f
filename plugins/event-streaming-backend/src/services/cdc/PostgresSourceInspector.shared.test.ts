/**
 * Introspection and pre-flight checks against the machine's shared
 * PostgreSQL, which runs `wal_level=replica` and is never reconfigured here:
 * the test only creates a throwaway database and role on it, and drops them.
 */
import { randomBytes } from 'node:crypto';
import {
  cdcColumn as col,
  cdcSourceConfig,
  pgRun as run,
} from '../../__testUtils__/cdcSources';
import { PostgresSourceInspector } from './PostgresSourceInspector';

jest.setTimeout(120_000);

function inspector(
  db: { host: string; port: number; database: string },
  user: string,
): PostgresSourceInspector {
  return new PostgresSourceInspector(
    cdcSourceConfig('shop-db', 'postgres', db, user, 'not-needed-with-trust'),
  );
}

const PUBLICATION_ALTERNATIVE =
  " (as a superuser; or create the publication beforehand as the tables' owner, " +
  'CREATE PUBLICATION <name> FOR TABLE ..., and set publication.autocreate.mode=disabled)';

describe('PostgresSourceInspector against the shared PostgreSQL (wal_level=replica)', () => {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const database = `eventport_cdc_test_${suffix}`;
  const role = `eventport_cdc_${suffix}`;
  const server = { host: '127.0.0.1', port: 5432, user: 'postgres' };
  const shared = { ...server, database };

  beforeAll(async () => {
    await run({ ...server, database: 'postgres' }, [
      `CREATE DATABASE "${database}"`,
      `CREATE ROLE "${role}" LOGIN`,
    ]);
    await run(shared, [
      `CREATE TABLE public.accounts (
         id serial PRIMARY KEY,
         iban varchar(34) NOT NULL,
         holder_name text,
         opened_on date)`,
      `CREATE TABLE public.events (kind text NOT NULL, payload jsonb, at timestamptz)`,
    ]);
  });

  afterAll(async () => {
    await run({ ...server, database: 'postgres' }, [
      `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`,
      `DROP ROLE IF EXISTS "${role}"`,
    ]);
  });

  it('introspects the throwaway database', async () => {
    const result = await inspector(shared, role).introspect();
    expect(result.schemas).toEqual([
      {
        name: 'public',
        tables: [
          {
            name: 'accounts',
            primaryKey: ['id'],
            columns: [
              col('id', 'integer', false, true),
              col(
                'iban',
                'character varying(34)',
                false,
                false,
                'bank account',
              ),
              col('holder_name', 'text', true),
              col('opened_on', 'date', true),
            ],
          },
          {
            name: 'events',
            primaryKey: [],
            columns: [
              col('kind', 'text', false),
              col('payload', 'jsonb', true),
              col('at', 'timestamp with time zone', true),
            ],
          },
        ],
      },
    ]);
  });

  it('fails wal_level, the REPLICATION attribute, the replica identity and the publication rights', async () => {
    const [usage] = await run(shared, [
      `SELECT current_setting('max_replication_slots')::int AS max_slots,
              (SELECT count(*)::int FROM pg_replication_slots) AS used_slots,
              current_setting('max_wal_senders')::int AS max_senders,
              (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'walsender') AS used_senders`,
    ]);
    const checks = await inspector(shared, role).preflight([
      { schema: 'public', table: 'accounts' },
      { schema: 'public', table: 'events' },
    ]);
    expect(checks).toEqual([
      {
        id: 'wal-level',
        title: 'Logical decoding is on (wal_level = logical)',
        passed: false,
        detail: 'wal_level is replica',
        fix:
          'As a superuser: ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL ' +
          '(the setting takes effect only at server start).',
      },
      {
        id: 'replication-role',
        title: `User ${role} may replicate (REPLICATION attribute or superuser)`,
        passed: false,
        detail: `${role} has neither the REPLICATION attribute nor superuser`,
        fix: `As a superuser: ALTER ROLE "${role}" WITH REPLICATION;`,
      },
      {
        id: 'least-privilege',
        title: `User ${role} is not a superuser`,
        passed: true,
        detail: `${role} is not a superuser`,
        severity: 'warning',
      },
      expect.objectContaining({
        id: 'replication-slots',
        passed: usage.max_slots - usage.used_slots >= 1,
        detail: expect.stringContaining(
          `${usage.used_slots} of max_replication_slots = ${usage.max_slots} in use`,
        ),
      }),
      expect.objectContaining({
        id: 'wal-senders',
        passed: usage.max_senders - usage.used_senders >= 1,
        detail: `${usage.used_senders} of max_wal_senders = ${
          usage.max_senders
        } in use, ${usage.max_senders - usage.used_senders} free`,
      }),
      {
        id: 'replica-identity:public.accounts',
        title:
          'Table public.accounts has a primary key or REPLICA IDENTITY FULL',
        passed: true,
        detail: 'primary key (REPLICA IDENTITY DEFAULT)',
      },
      {
        id: 'replica-identity:public.events',
        title: 'Table public.events has a primary key or REPLICA IDENTITY FULL',
        passed: false,
        detail:
          'no primary key and REPLICA IDENTITY DEFAULT: once the table is in a publication, ' +
          'PostgreSQL refuses its UPDATEs and DELETEs',
        fix: `As the table's owner: ALTER TABLE "public"."events" REPLICA IDENTITY FULL; (or add a primary key)`,
      },
      {
        id: 'select',
        title: `User ${role} may read the selected tables (SELECT)`,
        passed: false,
        detail: `${role} may not read public.accounts, public.events: the initial snapshot would fail`,
        fix: `GRANT USAGE ON SCHEMA "public" TO "${role}"; GRANT SELECT ON "public"."accounts", "public"."events" TO "${role}";`,
      },
      {
        id: 'publication',
        title: `User ${role} may create the publication of the selected tables`,
        passed: false,
        detail:
          `no CREATE privilege on database ${database}; public.accounts is owned by postgres; ` +
          'public.events is owned by postgres',
        fix:
          `GRANT CREATE ON DATABASE "${database}" TO "${role}"; ` +
          `ALTER TABLE "public"."accounts" OWNER TO "${role}"; ` +
          `ALTER TABLE "public"."events" OWNER TO "${role}";${PUBLICATION_ALTERNATIVE}`,
      },
    ]);
  });

  it('still fails wal_level for a superuser, whose role and rights pass, with a warning about the superuser', async () => {
    const checks = await inspector(shared, 'postgres').preflight([
      { schema: 'public', table: 'accounts' },
    ]);
    expect(Object.fromEntries(checks.map(c => [c.id, c.passed]))).toEqual({
      'wal-level': false,
      'replication-role': true,
      'least-privilege': false,
      'replication-slots': expect.any(Boolean),
      'wal-senders': expect.any(Boolean),
      'replica-identity:public.accounts': true,
      select: true,
      publication: true,
    });
  });
});
