import fs from 'node:fs';
import path from 'node:path';

/**
 * Apicurio Registry's own compatibility test data, read from `../shared`
 * beside the repository (never copied into it). Without it the suites that
 * need it fail and say where it is expected.
 */
export interface ApicurioCase {
  id: string;
  enabled: boolean;
  compatibility: 'backward' | 'forward' | 'both' | 'none';
  original: unknown;
  updated: unknown;
}

export function referenceDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'backstage.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return path.join(path.dirname(dir), 'shared', 'reference', 'apicurio');
}

export function apicurioCases(
  file: 'compat-avro.json' | 'compat-jsonschema.json',
): ApicurioCase[] {
  const full = path.join(referenceDir(), file);
  if (!fs.existsSync(full)) {
    throw new Error(
      `Apicurio's compatibility test data is expected at ${full} (../shared/reference/apicurio beside the repository)`,
    );
  }
  return (
    JSON.parse(fs.readFileSync(full, 'utf8')).tests as ApicurioCase[]
  ).filter(t => t.enabled);
}

/** Our verdict in the words of Apicurio's test data. */
export function verdict(
  differences: { breaksBackward: boolean; breaksForward: boolean }[],
) {
  const backward = !differences.some(d => d.breaksBackward);
  const forward = !differences.some(d => d.breaksForward);
  if (backward && forward) return 'both';
  if (backward) return 'backward';
  return forward ? 'forward' : 'none';
}
