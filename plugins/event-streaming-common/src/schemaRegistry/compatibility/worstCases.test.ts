import { checkCompatibility } from './check';
import { SchemaTooComplexError } from './budget';
import {
  avroDoubleChain,
  jsonEvilPattern,
  jsonRefChain,
} from './__testUtils__/worstCases';

describe('the checker on the worst schemas we can build (issue 25, class 4)', () => {
  it('compares an Avro chain of 40 records referring twice to the next (2^40 paths) once per pair', () => {
    const report = checkCompatibility(avroDoubleChain(40));
    expect(report.compatible).toBe(false);
    // The leaf's change is reported once, at its first path.
    const leaf = report.differences.filter(d => /\.v$/.test(d.path));
    expect(leaf).toHaveLength(1);
    expect(leaf[0]).toMatchObject({ breaking: true });
  });

  it('a JSON Schema $ref chain of 40 levels stops at the budget with a clear 422', () => {
    expect(() => checkCompatibility(jsonRefChain(40))).toThrow(
      SchemaTooComplexError,
    );
    let caught: unknown;
    try {
      checkCompatibility(jsonRefChain(40));
    } catch (error) {
      caught = error;
    }
    expect((caught as SchemaTooComplexError).statusCode).toBe(422);
    expect((caught as Error).message).toMatch(/too complex to compare/);
    // A chain of 8 levels is within the budget, with its verdict.
    expect(checkCompatibility(jsonRefChain(8)).compatible).toBe(false);
  });

  it('a catastrophic patternProperties pattern runs on the linear-time engine', () => {
    // On a backtracking engine /^(a+)+$/ takes about 2^40 steps for this name.
    expect(/^(a+)+$/.test('aaaa!')).toBe(false);
    const report = checkCompatibility(jsonEvilPattern(40));
    // The name does not match the pattern, so additionalProperties: false
    // refuses the old property: not backward compatible.
    expect(report.compatible).toBe(false);
  });
});
