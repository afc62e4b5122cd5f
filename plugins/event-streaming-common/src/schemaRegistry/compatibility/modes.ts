import type { CompatibilityMode } from './types';

function directions(mode: CompatibilityMode): {
  backward: boolean;
  forward: boolean;
  transitive: boolean;
} {
  return {
    backward: mode.startsWith('BACKWARD') || mode.startsWith('FULL'),
    forward: mode.startsWith('FORWARD') || mode.startsWith('FULL'),
    transitive: mode.endsWith('_TRANSITIVE'),
  };
}

/**
 * Whether `next` refuses every version that `current` refuses: it checks at
 * least the same directions, against at least the same versions (a
 * transitive rule checks all of them, a plain one only the latest). Moving
 * to such a rule only makes a rule stricter; anything else weakens it in
 * some way (BACKWARD to FORWARD drops the backward check, for example).
 *
 * @public
 */
export function isAtLeastAsStrict(
  next: CompatibilityMode,
  current: CompatibilityMode,
): boolean {
  const n = directions(next);
  const c = directions(current);
  if (c.backward && !n.backward) return false;
  if (c.forward && !n.forward) return false;
  if (c.transitive && !n.transitive) return false;
  return true;
}

/**
 * One sentence on what a mode checks, for forms and explanations.
 *
 * @public
 */
export function describeMode(mode: CompatibilityMode): string {
  const d = directions(mode);
  if (!d.backward && !d.forward) return 'No compatibility check.';
  const against = d.transitive ? 'every earlier version' : 'the latest version';
  if (d.backward && d.forward)
    return `New versions must be both backward and forward compatible with ${against}.`;
  if (d.backward)
    return `Consumers using a new version must read data written with ${against}.`;
  return `Consumers using ${against} must read data written with a new version.`;
}
