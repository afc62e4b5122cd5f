import { pairedTestMatrix } from './databases';

describe('pairedTestMatrix', () => {
  const dbs = ['POSTGRES_15', 'SQLITE_3'];

  it('pairs each database with a Kafka kind, in order, and covers both', () => {
    expect(pairedTestMatrix(dbs, ['apache', 'embedded'], false)).toEqual([
      ['POSTGRES_15', 'apache'],
      ['SQLITE_3', 'embedded'],
    ]);
  });

  it('keeps every database when the Kafka kinds are narrowed to one', () => {
    expect(pairedTestMatrix(dbs, ['apache'], false)).toEqual([
      ['POSTGRES_15', 'apache'],
      ['SQLITE_3', 'apache'],
    ]);
  });

  it('keeps every Kafka kind when there is one database', () => {
    expect(
      pairedTestMatrix(['SQLITE_3'], ['apache', 'embedded'], false),
    ).toEqual([
      ['SQLITE_3', 'apache'],
      ['SQLITE_3', 'embedded'],
    ]);
  });

  it('crosses them when asked (EVENTPORT_TEST_MATRIX=full)', () => {
    expect(pairedTestMatrix(dbs, ['apache', 'embedded'], true)).toHaveLength(4);
  });
});
