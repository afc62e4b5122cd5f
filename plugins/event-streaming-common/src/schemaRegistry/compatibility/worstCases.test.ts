import { checkCompatibility } from './check';
import { SchemaTooComplexError } from './budget';
import {
  avroDoubleChain,
  jsonEvilPattern,
  jsonRefChain,
  jsonWideAnyOf,
  jsonWideEnum,
  avroWideAliased,
  jsonAnyOfNarrowed,
} from './__testUtils__/worstCases';
import { CHECK_BUDGET, CHECK_TIME_LIMIT_MS, withBudget } from './budget';

describe('the checker on the worst schemas we can build (issue 25, class 4)', () => {
  it('compares an Avro chain of 40 records referring twice to the next (2^40 paths) once per pair', () => {
    const report = checkCompatibility(avroDoubleChain(40));
    expect(report.compatible).toBe(false);
    // The leaf's change is reported once, at its first path.
    const leaf = report.differences.filter(d => /\.v$/.test(d.path));
    expect(leaf).toHaveLength(1);
    expect(leaf[0]).toMatchObject({ breaking: true });
  });

  it('compares a JSON Schema $ref chain of 40 levels (2^40 paths) once per pair', () => {
    const report = checkCompatibility(jsonRefChain(40));
    expect(report.compatible).toBe(false);
    // The leaf's change is reported once, at the first path that reaches it.
    expect(report.differences).toHaveLength(1);
    expect(report.differences[0]).toMatchObject({
      path: `${'/properties/a'.repeat(40)}/properties/v`,
      change: 'type changed from integer to string',
      breaking: true,
    });
  });

  it('a catastrophic patternProperties pattern runs on the linear-time engine', () => {
    // On a backtracking engine /^(a+)+$/ takes about 2^40 steps for this name.
    expect(/^(a+)+$/.test('aaaa!')).toBe(false);
    const report = checkCompatibility(jsonEvilPattern(40));
    // The name does not match the pattern, so additionalProperties: false
    // refuses the old property: not backward compatible.
    expect(report.compatible).toBe(false);
  });

  it.each([
    [
      'a JSON enum of 20,000 values, all changed',
      () => jsonWideEnum(20_000),
      false,
    ],
    [
      'JSON anyOf of 10,000 branches, all changed',
      () => jsonWideAnyOf(10_000),
      false,
    ],
    // int → long with the old name as alias: each field still reads.
    [
      'an Avro record of 10,000 fields, all renamed by alias',
      () => avroWideAliased(10_000),
      true,
    ],
  ])('compares lists in linear time: %s', (_name, make, compatible) => {
    const input = make();
    // Compared pair by pair these take 10^8 comparisons and more; within
    // one check's budget only a linear comparison answers. The budget's
    // clock is stretched (4x) so that a busy machine does not decide.
    const report = withBudget(
      CHECK_BUDGET,
      () => checkCompatibility(input),
      CHECK_TIME_LIMIT_MS * 4,
    );
    expect(report.compatible).toBe(compatible);
    expect(report.differences.length).toBeGreaterThan(0);
  });

  it('an anyOf narrowed from 2,000 branches to 1,000 others (10^6 inclusion tests) stops at the step budget with a clear 422', () => {
    let caught: unknown;
    try {
      // The clock is stretched far: the step count alone decides.
      withBudget(
        CHECK_BUDGET,
        () => checkCompatibility(jsonAnyOfNarrowed(1_000)),
        60_000,
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SchemaTooComplexError);
    expect((caught as SchemaTooComplexError).statusCode).toBe(422);
    expect((caught as Error).message).toMatch(
      /too complex to compare: the check took more than 50,000 steps/,
    );
  });
});
