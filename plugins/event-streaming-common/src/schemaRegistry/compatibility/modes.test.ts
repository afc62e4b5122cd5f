import { compatibilityModeSchema } from '../schemas';
import { describeMode, isAtLeastAsStrict } from './modes';

const modes = compatibilityModeSchema.options;

describe('isAtLeastAsStrict', () => {
  it.each([
    ['BACKWARD', 'NONE'],
    ['FULL', 'BACKWARD'],
    ['FULL', 'FORWARD'],
    ['BACKWARD_TRANSITIVE', 'BACKWARD'],
    ['FULL_TRANSITIVE', 'BACKWARD_TRANSITIVE'],
    ['FULL_TRANSITIVE', 'FULL'],
    ['FORWARD', 'FORWARD'],
  ] as const)('%s is at least as strict as %s', (next, current) => {
    expect(isAtLeastAsStrict(next, current)).toBe(true);
  });

  it.each([
    ['NONE', 'BACKWARD'],
    ['FORWARD', 'BACKWARD'],
    ['BACKWARD', 'FORWARD'],
    ['BACKWARD', 'BACKWARD_TRANSITIVE'],
    ['FULL', 'BACKWARD_TRANSITIVE'],
    ['BACKWARD_TRANSITIVE', 'FULL'],
    ['FULL', 'FULL_TRANSITIVE'],
  ] as const)('%s weakens %s', (next, current) => {
    expect(isAtLeastAsStrict(next, current)).toBe(false);
  });

  it('is a partial order: reflexive, and NONE is below every mode and FULL_TRANSITIVE above', () => {
    for (const m of modes) {
      expect(isAtLeastAsStrict(m, m)).toBe(true);
      expect(isAtLeastAsStrict(m, 'NONE')).toBe(true);
      expect(isAtLeastAsStrict('FULL_TRANSITIVE', m)).toBe(true);
      // Antisymmetric: two different modes are never both at least as strict as each other.
      const both = modes.filter(
        other =>
          other !== m &&
          isAtLeastAsStrict(m, other) &&
          isAtLeastAsStrict(other, m),
      );
      expect(both).toEqual([]);
    }
  });
});

describe('describeMode', () => {
  it('words every mode', () => {
    expect(describeMode('NONE')).toBe('No compatibility check.');
    expect(describeMode('BACKWARD')).toContain('the latest version');
    expect(describeMode('FULL_TRANSITIVE')).toContain(
      'both backward and forward compatible with every earlier version',
    );
    for (const m of modes) expect(describeMode(m).length).toBeGreaterThan(10);
  });
});
