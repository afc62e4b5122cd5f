import { ConfigChange } from './schemas';
import {
  isConfigProviderReference,
  isSecretConfigKey,
  MASKED_VALUE,
} from './secrets';

function shown(key: string, value: string | undefined) {
  if (value === undefined) return undefined;
  return isSecretConfigKey(key) && !isConfigProviderReference(value)
    ? MASKED_VALUE
    : value;
}

function kindOf(before?: string, after?: string): ConfigChange['change'] {
  if (before === undefined) return 'added';
  return after === undefined ? 'removed' : 'changed';
}

/**
 * The keys a config change adds, removes or changes, sorted by key, with
 * secret literals masked on both sides.
 *
 * @public
 */
export function configDiff(
  before: Record<string, string>,
  after: Record<string, string>,
): ConfigChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes: ConfigChange[] = [];
  for (const key of keys.sort()) {
    const b = before[key];
    const a = after[key];
    if (b === a) continue;
    changes.push({
      key,
      change: kindOf(b, a),
      before: shown(key, b),
      after: shown(key, a),
    });
  }
  return changes;
}
