// The devstack's test helpers (tests only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { declareNotRun, sharedReferenceDir } from '@eventport/devstack';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Apicurio Registry's own compatibility test data, read from
 * `../shared/reference/apicurio` beside the repository (never copied into
 * it). A public clone has no such folder: the tests that need the data are
 * then left out, declared with the reason, and `npm test` lists them.
 */
export interface ApicurioCase {
  id: string;
  enabled: boolean;
  compatibility: 'backward' | 'forward' | 'both' | 'none';
  original: unknown;
  updated: unknown;
}

export const APICURIO_DATA_ABSENT =
  "Apicurio Registry's own compatibility cases are read from ../shared/reference/apicurio beside the repository; this clone has none";

/** The enabled cases of one file, or undefined without the folder. */
export function apicurioCases(
  file: 'compat-avro.json' | 'compat-jsonschema.json',
): ApicurioCase[] | undefined {
  const dir = sharedReferenceDir('apicurio');
  if (!dir) return undefined;
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    throw new Error(
      `${full} is missing from Apicurio's compatibility test data`,
    );
  }
  return (
    JSON.parse(fs.readFileSync(full, 'utf8')).tests as ApicurioCase[]
  ).filter(t => t.enabled);
}

/**
 * Without the data: declares that the current test file leaves `what` out,
 * and why (the tests are not registered; `npm test` lists the declaration).
 */
export function apicurioDataAbsent(what: string): void {
  declareNotRun(what, APICURIO_DATA_ABSENT);
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
