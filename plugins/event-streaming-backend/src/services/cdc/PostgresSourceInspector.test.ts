/**
 * Introspection and pre-flight checks against a real PostgreSQL cluster of
 * the test's own with `wal_level=logical`: the checks pass, and fail where
 * the test makes them (a table without key, a missing table, every slot
 * taken). PostgresSourceInspector.shared.test.ts runs them against the
 * machine's shared server, which does not have logical decoding.
 */
import { CdcDatabase, startCdcPostgres } from '@eventport/devstack';
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

describe('PostgresSourceInspector against a CDC-configured PostgreSQL', () => {
  let pg: CdcDatabase;
  const asCdcUser = () => inspector(pg, 'cdc_user');

  beforeAll(async () => {
    pg = await startCdcPostgres({ maxReplicationSlots: 2 });
    await run(pg, [
      'CREATE ROLE cdc_user LOGIN REPLICATION',
      `GRANT CREATE ON DATABASE "${pg.database}" TO cdc_user`,
    ]);
    // The Debezium user owns its tables, as an application's own user would.
    await run({ ...pg, user: 'cdc_user' }, [
      'CREATE SCHEMA shop',
      'CREATE SCHEMA inventory',
      `CREATE TABLE shop.customers (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         email text NOT NULL,
         first_name varchar(100),
         last_name varchar(100),
         phone varchar(32),
         date_of_birth date,
         created_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE shop.orders (
         id bigserial PRIMARY KEY,
         customer_id bigint NOT NULL REFERENCES shop.customers,
         status text NOT NULL,
         card_number char(16),
         total_cents integer NOT NULL,
         ip_address inet)`,
      `CREATE TABLE shop.order_lines (
         line_no integer NOT NULL,
         order_id bigint NOT NULL,
         sku varchar(64) NOT NULL,
         quantity smallint NOT NULL,
         unit_price numeric(10,2) NOT NULL,
         PRIMARY KEY (order_id, line_no))`,
      `CREATE VIEW shop.big_orders AS SELECT * FROM shop.orders WHERE total_cents > 100000`,
      `CREATE TABLE inventory.items (
         sku varchar(64) PRIMARY KEY,
         name text NOT NULL,
         quantity integer NOT NULL DEFAULT 0,
         warehouse_address text)`,
      `CREATE TABLE inventory.stock_moves (
         item_sku varchar(64) NOT NULL,
         moved_at timestamptz NOT NULL,
         delta integer NOT NULL)`,
    ]);
  });

  afterAll(async () => {
    await pg?.close();
  });

  it('lists the schemas, tables, columns, types, primary keys and PII flags', async () => {
    const result = await asCdcUser().introspect();
    expect(result.serverVersion).toBe(pg.version);
    expect(result).toEqual({
      sourceId: 'shop-db',
      type: 'postgres',
      serverVersion: pg.version,
      schemas: [
        {
          name: 'inventory',
          tables: [
            {
              name: 'items',
              primaryKey: ['sku'],
              columns: [
                col('sku', 'character varying(64)', false, true),
                col('name', 'text', false),
                col('quantity', 'integer', false),
                col('warehouse_address', 'text', true, false, 'postal address'),
              ],
            },
            {
              name: 'stock_moves',
              primaryKey: [],
              columns: [
                col('item_sku', 'character varying(64)', false),
                col('moved_at', 'timestamp with time zone', false),
                col('delta', 'integer', false),
              ],
            },
          ],
        },
        {
          name: 'shop',
          tables: [
            {
              name: 'customers',
              primaryKey: ['id'],
              columns: [
                col('id', 'bigint', false, true),
                col('email', 'text', false, false, 'email address'),
                col(
                  'first_name',
                  'character varying(100)',
                  true,
                  false,
                  'personal name',
                ),
                col(
                  'last_name',
                  'character varying(100)',
                  true,
                  false,
                  'personal name',
                ),
                col(
                  'phone',
                  'character varying(32)',
                  true,
                  false,
                  'phone number',
                ),
                col('date_of_birth', 'date', true, false, 'date of birth'),
                col('created_at', 'timestamp with time zone', false),
              ],
            },
            {
              name: 'order_lines',
              primaryKey: ['order_id', 'line_no'],
              columns: [
                col('line_no', 'integer', false, true),
                col('order_id', 'bigint', false, true),
                col('sku', 'character varying(64)', false),
                col('quantity', 'smallint', false),
                col('unit_price', 'numeric(10,2)', false),
              ],
            },
            {
              name: 'orders',
              primaryKey: ['id'],
              columns: [
                col('id', 'bigint', false, true),
                col('customer_id', 'bigint', false),
                col('status', 'text', false),
                col(
                  'card_number',
                  'character(16)',
                  true,
                  false,
                  'payment card data',
                ),
                col('total_cents', 'integer', false),
                col('ip_address', 'inet', true, false, 'IP address'),
              ],
            },
          ],
        },
      ],
    });
  });

  it('passes every check for the owner of the tables with REPLICATION', async () => {
    const checks = await asCdcUser().preflight([
      { schema: 'shop', table: 'customers' },
      { schema: 'shop', table: 'order_lines' },
      { schema: 'inventory', table: 'items' },
    ]);
    expect(checks).toEqual([
      {
        id: 'wal-level',
        title: 'Logical decoding is on (wal_level = logical)',
        passed: true,
        detail: 'wal_level is logical',
      },
      {
        id: 'replication-role',
        title:
          'User cdc_user may replicate (REPLICATION attribute or superuser)',
        passed: true,
        detail: 'cdc_user has the REPLICATION attribute',
      },
      {
        id: 'least-privilege',
        title: 'User cdc_user is not a superuser',
        passed: true,
        detail: 'cdc_user is not a superuser',
        severity: 'warning',
      },
      {
        id: 'replication-slots',
        title: 'A replication slot is free (max_replication_slots)',
        passed: true,
        detail: '0 of max_replication_slots = 2 in use, 2 free',
      },
      {
        id: 'wal-senders',
        title: 'A WAL sender is free (max_wal_senders)',
        passed: true,
        detail: '0 of max_wal_senders = 10 in use, 10 free',
      },
      ...['shop.customers', 'shop.order_lines', 'inventory.items'].map(t => ({
        id: `replica-identity:${t}`,
        title: `Table ${t} has a primary key or REPLICA IDENTITY FULL`,
        passed: true,
        detail: 'primary key (REPLICA IDENTITY DEFAULT)',
      })),
      {
        id: 'select',
        title: 'User cdc_user may read the selected tables (SELECT)',
        passed: true,
        detail:
          'cdc_user may read shop.customers, shop.order_lines, inventory.items',
      },
      {
        id: 'publication',
        title:
          'User cdc_user may create the publication of the selected tables',
        passed: true,
        detail:
          'cdc_user has CREATE on database eventport and owns shop.customers, shop.order_lines, inventory.items',
      },
    ]);
  });

  it('passes the role and publication checks for a superuser, and warns with the grants of a role that would do', async () => {
    const checks = await inspector(pg, 'postgres').preflight([
      { schema: 'shop', table: 'orders' },
      { schema: 'inventory', table: 'items' },
    ]);
    expect(checks.filter(c => !c.passed)).toEqual([
      {
        id: 'least-privilege',
        title: 'User postgres is not a superuser',
        passed: false,
        severity: 'warning',
        detail:
          "postgres is a superuser: Debezium, and whoever can read the connector's password, would hold every right on the whole server. A role with REPLICATION and SELECT on the captured tables is enough",
        fix: [
          `As a superuser: CREATE ROLE "eventport_cdc" WITH LOGIN REPLICATION PASSWORD '<a new password>';`,
          `GRANT CONNECT, CREATE ON DATABASE "${pg.database}" TO "eventport_cdc";`,
          'GRANT USAGE ON SCHEMA "shop" TO "eventport_cdc";',
          'GRANT USAGE ON SCHEMA "inventory" TO "eventport_cdc";',
          'GRANT SELECT ON "shop"."orders", "inventory"."items" TO "eventport_cdc";',
          'CREATE ROLE "eventport_replication_group";',
          'GRANT "eventport_replication_group" TO "cdc_user", "eventport_cdc";',
          'ALTER TABLE "shop"."orders" OWNER TO "eventport_replication_group";',
          'ALTER TABLE "inventory"."items" OWNER TO "eventport_replication_group";',
          "Then set the source's user (eventStreaming.cdc.sources.<id>.user) to eventport_cdc, and its password.",
        ].join(' '),
      },
    ]);
    expect(checks.find(c => c.id === 'replication-role')?.detail).toBe(
      'postgres is a superuser',
    );
    expect(checks.find(c => c.id === 'publication')?.detail).toBe(
      'postgres is a superuser',
    );
  });

  it('passes every required check for the role the warning proposes, and warns no more', async () => {
    const superuserChecks = await inspector(pg, 'postgres').preflight([
      { schema: 'shop', table: 'customers' },
    ]);
    const advice = superuserChecks.find(c => c.id === 'least-privilege')!;
    // The advice as a DBA would run it, the password left out (trust).
    const statements = advice
      .fix!.replace(/^As a superuser: /, '')
      .replace(/ PASSWORD '<a new password>'/, '')
      .split(/;\s*/)
      .filter(st => st && !st.startsWith('Then '));
    await run(pg, statements);
    try {
      const checks = await inspector(pg, 'eventport_cdc').preflight([
        { schema: 'shop', table: 'customers' },
      ]);
      expect(checks.filter(c => !c.passed)).toEqual([]);
      expect(checks.find(c => c.id === 'publication')?.detail).toBe(
        `eventport_cdc has CREATE on database ${pg.database} and owns shop.customers`,
      );
    } finally {
      await run(pg, [
        'ALTER TABLE shop.customers OWNER TO cdc_user',
        'DROP OWNED BY eventport_cdc',
        'DROP ROLE eventport_cdc',
        'DROP ROLE eventport_replication_group',
      ]);
    }
  });

  it('fails the read check for a user without SELECT, with the grants', async () => {
    await run(pg, ['CREATE ROLE reader_less LOGIN REPLICATION']);
    try {
      const checks = await inspector(pg, 'reader_less').preflight([
        { schema: 'shop', table: 'customers' },
        { schema: 'inventory', table: 'items' },
      ]);
      expect(checks.find(c => c.id === 'select')).toEqual({
        id: 'select',
        title: 'User reader_less may read the selected tables (SELECT)',
        passed: false,
        detail:
          'reader_less may not read shop.customers, inventory.items: the initial snapshot would fail',
        fix: 'GRANT USAGE ON SCHEMA "shop" TO "reader_less"; GRANT USAGE ON SCHEMA "inventory" TO "reader_less"; GRANT SELECT ON "shop"."customers", "inventory"."items" TO "reader_less";',
      });
    } finally {
      await run(pg, ['DROP ROLE reader_less']);
    }
  });

  it('fails a table without primary key until it has REPLICA IDENTITY FULL, and a missing table', async () => {
    const tables = [
      { schema: 'inventory', table: 'stock_moves' },
      { schema: 'shop', table: 'nope' },
    ];
    const before = await asCdcUser().preflight(tables);
    expect(before.filter(c => c.id.startsWith('replica-identity:'))).toEqual([
      {
        id: 'replica-identity:inventory.stock_moves',
        title:
          'Table inventory.stock_moves has a primary key or REPLICA IDENTITY FULL',
        passed: false,
        detail:
          'no primary key and REPLICA IDENTITY DEFAULT: once the table is in a publication, ' +
          'PostgreSQL refuses its UPDATEs and DELETEs',
        fix: `As the table's owner: ALTER TABLE "inventory"."stock_moves" REPLICA IDENTITY FULL; (or add a primary key)`,
      },
      {
        id: 'replica-identity:shop.nope',
        title: 'Table shop.nope has a primary key or REPLICA IDENTITY FULL',
        passed: false,
        detail: 'there is no table shop.nope in database eventport',
        fix: 'Choose a table that exists: introspection lists them.',
      },
    ]);
    // The missing table does not count against the publication.
    expect(before.find(c => c.id === 'publication')?.passed).toBe(true);

    await run({ ...pg, user: 'cdc_user' }, [
      'ALTER TABLE inventory.stock_moves REPLICA IDENTITY FULL',
    ]);
    const after = await asCdcUser().preflight(tables.slice(0, 1));
    expect(
      after.find(c => c.id === 'replica-identity:inventory.stock_moves'),
    ).toEqual({
      id: 'replica-identity:inventory.stock_moves',
      title:
        'Table inventory.stock_moves has a primary key or REPLICA IDENTITY FULL',
      passed: true,
      detail: 'REPLICA IDENTITY FULL',
    });
  });

  it('fails the slot check when every replication slot is taken', async () => {
    await run(pg, [
      "SELECT pg_create_logical_replication_slot('eventport_a', 'pgoutput')",
      "SELECT pg_create_logical_replication_slot('eventport_b', 'pgoutput')",
    ]);
    try {
      const checks = await asCdcUser().preflight([]);
      expect(checks.find(c => c.id === 'replication-slots')).toEqual({
        id: 'replication-slots',
        title: 'A replication slot is free (max_replication_slots)',
        passed: false,
        detail:
          '2 of max_replication_slots = 2 in use, 0 free (inactive: eventport_a, eventport_b)',
        fix:
          'As a superuser: ALTER SYSTEM SET max_replication_slots = 3; then restart PostgreSQL, ' +
          "or drop a slot that is no longer used: SELECT pg_drop_replication_slot('eventport_a'); " +
          "SELECT pg_drop_replication_slot('eventport_b');",
      });
    } finally {
      await run(pg, [
        "SELECT pg_drop_replication_slot('eventport_a')",
        "SELECT pg_drop_replication_slot('eventport_b')",
      ]);
    }
  });
});
