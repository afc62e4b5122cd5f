/**
 * The database ids for Backstage's `TestDatabases` that Eventport's
 * integration tests must cover: the local PostgreSQL and SQLite.
 *
 * `npm test` finds the PostgreSQL server, and sets
 * `EVENTPORT_TEST_POSTGRES_ID` (for example `POSTGRES_15`) together with the
 * matching `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING`. Without
 * them this throws instead of letting the PostgreSQL cases vanish silently.
 */
export function requiredTestDatabaseIds(): string[] {
  const postgresId = process.env.EVENTPORT_TEST_POSTGRES_ID;
  if (!postgresId) {
    throw new Error(
      'EVENTPORT_TEST_POSTGRES_ID is not set. Run the tests with `npm test`, which ' +
        'points them at the local PostgreSQL, or set EVENTPORT_TEST_POSTGRES_ID=POSTGRES_<major> ' +
        'and BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING=postgresql://user@host:port.',
    );
  }
  const major = postgresId.replace(/^POSTGRES_/, '');
  const variable = `BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`;
  if (!process.env[variable]) {
    throw new Error(
      `${variable} must be set along with EVENTPORT_TEST_POSTGRES_ID`,
    );
  }
  return [postgresId, 'SQLITE_3'];
}

/**
 * `[database, kafkaKind]` pairs for `describe.each`: every database and every
 * Kafka kind at least once, paired in order (the local PostgreSQL with Apache
 * Kafka, SQLite with the embedded broker) rather than crossed. Where storage
 * and broker behaviour are independent subjects of a suite, the cross
 * product's other half repeats the same checks at twice the cost.
 * `EVENTPORT_TEST_MATRIX=full` crosses them.
 */
export function pairedTestMatrix<D extends string, K extends string>(
  databases: readonly D[],
  kinds: readonly K[],
  full = process.env.EVENTPORT_TEST_MATRIX === 'full',
): Array<[D, K]> {
  if (databases.length === 0 || kinds.length === 0) return [];
  if (full) {
    return databases.flatMap(db => kinds.map(kind => [db, kind] as [D, K]));
  }
  const n = Math.max(databases.length, kinds.length);
  return Array.from(
    { length: n },
    (_, i) =>
      [databases[i % databases.length], kinds[i % kinds.length]] as [D, K],
  );
}
