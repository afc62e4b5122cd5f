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
    throw new Error(`${variable} must be set along with EVENTPORT_TEST_POSTGRES_ID`);
  }
  return [postgresId, 'SQLITE_3'];
}
