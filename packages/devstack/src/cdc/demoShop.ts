/**
 * The demo's source database: a small shop with customers (names, emails,
 * phone numbers and birth dates that look like personal data), products
 * and orders. Tests and `npm run dev` load it into their own PostgreSQL.
 */
import { Client } from 'pg';
import { CdcDatabase } from './process';

export const DEMO_SHOP_STATEMENTS = [
  `CREATE SCHEMA IF NOT EXISTS shop`,
  `CREATE TABLE shop.customers (
     id serial PRIMARY KEY,
     full_name text NOT NULL,
     email varchar(255) NOT NULL,
     phone varchar(40),
     birth_date date,
     loyalty_tier varchar(16) NOT NULL DEFAULT 'bronze',
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE shop.products (
     id serial PRIMARY KEY,
     sku varchar(32) NOT NULL UNIQUE,
     name text NOT NULL,
     price_cents integer NOT NULL
   )`,
  `CREATE TABLE shop.orders (
     id serial PRIMARY KEY,
     customer_id integer NOT NULL REFERENCES shop.customers(id),
     product_id integer NOT NULL REFERENCES shop.products(id),
     quantity integer NOT NULL,
     shipping_address text,
     status varchar(16) NOT NULL DEFAULT 'placed',
     placed_at timestamptz NOT NULL DEFAULT now()
   )`,
  `INSERT INTO shop.customers (full_name, email, phone, birth_date, loyalty_tier) VALUES
     ('Ada Lovelace', 'ada@example.com', '+44 20 7946 0000', '1815-12-10', 'gold'),
     ('Grace Hopper', 'grace@example.com', '+1 202 555 0100', '1906-12-09', 'silver'),
     ('Alan Turing', 'alan@example.com', NULL, '1912-06-23', 'bronze')`,
  `INSERT INTO shop.products (sku, name, price_cents) VALUES
     ('TEA-01', 'Earl Grey, 100 g', 650),
     ('MUG-02', 'Enamel mug', 1200)`,
  `INSERT INTO shop.orders (customer_id, product_id, quantity, shipping_address) VALUES
     (1, 1, 2, '12 St James''s Square, London'),
     (2, 2, 1, '1600 Pennsylvania Ave, Washington')`,
];

/** Creates and fills the `shop` schema in the database. */
export async function loadDemoShop(db: Address) {
  await withClient(db, async client => {
    for (const sql of DEMO_SHOP_STATEMENTS) await client.query(sql);
  });
}

type Address = Pick<CdcDatabase, 'host' | 'port' | 'user' | 'database'>;

/** A connection to the database for the duration of `run`. */
async function withClient<T>(
  db: Address,
  run: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({
    host: db.host,
    port: db.port,
    user: db.user,
    database: db.database,
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The role the demo's CDC source connects as: what Debezium needs, no more. */
export const DEMO_REPLICATION_ROLE = 'eventport_cdc';
/** Owns the captured tables, with their owner and the role as members. */
export const DEMO_REPLICATION_GROUP = 'eventport_replication_group';

/**
 * Debezium's guidance for its PostgreSQL connector, for the tables of
 * `schema`: a role with LOGIN and REPLICATION (no superuser), CONNECT and
 * CREATE on the database (CREATE for the publication it makes in `filtered`
 * mode), USAGE on the schema and SELECT on its tables (the snapshot); and,
 * because only a table's owner may put it in a publication, the tables owned
 * by a group whose members are their previous owner and the role. Trust
 * authentication: no password.
 */
export async function createReplicationRole(db: Address, schema = 'shop') {
  await withClient(db, async client => {
    const id = (name: string) => client.escapeIdentifier(name);
    const role = id(DEMO_REPLICATION_ROLE);
    const group = id(DEMO_REPLICATION_GROUP);
    const { rows } = await client.query(
      'SELECT tablename, tableowner FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
      [schema],
    );
    const owners = [...new Set(rows.map(r => String(r.tableowner)))];
    const statements = [
      `CREATE ROLE ${role} WITH LOGIN REPLICATION`,
      `GRANT CONNECT, CREATE ON DATABASE ${id(db.database)} TO ${role}`,
      `GRANT USAGE ON SCHEMA ${id(schema)} TO ${role}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA ${id(schema)} TO ${role}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${id(
        schema,
      )} GRANT SELECT ON TABLES TO ${role}`,
      `CREATE ROLE ${group}`,
      `GRANT ${group} TO ${[...owners.map(id), role].join(', ')}`,
      ...rows.map(
        r => `ALTER TABLE ${id(schema)}.${id(r.tablename)} OWNER TO ${group}`,
      ),
    ];
    for (const sql of statements) await client.query(sql);
  });
}
