import { CHECK_BUDGET, withBudget } from './budget';
import { diffAvroSchemas } from './avro';
import { diffJsonSchemas } from './jsonSchema';
import { diffProtobufSchemas } from './protobuf';
import {
  CompatibilityMode,
  CompatibilityReport,
  FormatDiffer,
  SchemaDifference,
  SchemaFormat,
  VersionedDifference,
} from './types';

const DIFFERS: Record<SchemaFormat, FormatDiffer> = {
  AVRO: diffAvroSchemas,
  JSON: diffJsonSchemas,
  CLOUDEVENTS: diffJsonSchemas,
  PROTOBUF: diffProtobufSchemas,
};

/**
 * Input of {@link checkCompatibility}.
 *
 * @public
 */
export interface CompatibilityInput {
  format: SchemaFormat;
  mode: CompatibilityMode;
  /**
   * The registered versions' contents, oldest first. The non-transitive
   * modes need only the latest one.
   */
  existing: string[];
  candidate: string;
  /**
   * The number of the last entry of `existing` (1 = oldest), when fewer
   * than all versions are given; the default is `existing.length`.
   */
  latestVersion?: number;
}

/**
 * Options of {@link checkCompatibility} and {@link diffSchemas}.
 *
 * @public
 */
export interface CheckOptions {
  /**
   * Wall-clock limit of the check (default CHECK_TIME_LIMIT_MS). A caller
   * that runs the check off its event loop (the backend's worker thread)
   * may allow more; the step budget applies either way.
   */
  timeLimitMs?: number;
}

/** Every difference between two versions of one format. @public */
export function diffSchemas(
  format: SchemaFormat,
  previous: string,
  next: string,
  options: CheckOptions = {},
): SchemaDifference[] {
  return withBudget(
    CHECK_BUDGET,
    () => DIFFERS[format](previous, next),
    options.timeLimitMs,
  );
}

function breaks(mode: CompatibilityMode, d: SchemaDifference): boolean {
  if (mode.startsWith('BACKWARD')) return d.breaksBackward;
  if (mode.startsWith('FORWARD')) return d.breaksForward;
  if (mode.startsWith('FULL')) return d.breaksBackward || d.breaksForward;
  return false;
}

/**
 * Checks a candidate version against the registered ones under a
 * compatibility mode, as Apicurio Registry's COMPATIBILITY rule does:
 * the non-transitive modes compare with the latest version only, the
 * transitive ones with every version. NONE lists the differences and
 * accepts them all. Throws SchemaParseError for a schema it cannot parse.
 *
 * @public
 */
export function checkCompatibility(
  input: CompatibilityInput,
  options: CheckOptions = {},
): CompatibilityReport {
  return withBudget(
    CHECK_BUDGET,
    () => checkWithinBudget(input),
    options.timeLimitMs,
  );
}

function checkWithinBudget(input: CompatibilityInput): CompatibilityReport {
  const { format, mode, existing, candidate } = input;
  const differ = DIFFERS[format];
  const first = (input.latestVersion ?? existing.length) - existing.length + 1;
  const numbered = existing.map((content, k) => ({
    content,
    version: first + k,
  }));
  const compared = mode.endsWith('_TRANSITIVE') ? numbered : numbered.slice(-1);
  // With nothing to compare, the candidate must still parse.
  if (compared.length === 0) differ(candidate, candidate);
  const differences: VersionedDifference[] = [];
  for (const { content, version } of compared) {
    for (const d of differ(content, candidate)) {
      differences.push({ ...d, against: version, breaking: breaks(mode, d) });
    }
  }
  const breaking = differences.filter(d => d.breaking);
  const compatible = breaking.length === 0;
  const against =
    compared.length === 1
      ? `version ${compared[0].version}`
      : `${compared.length} versions`;
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? '' : 's'}`;
  let summary: string;
  if (compared.length === 0) {
    summary = 'First version: nothing to compare with.';
  } else if (mode === 'NONE') {
    summary = `Mode NONE accepts every change (${plural(
      differences.length,
      'difference',
    )} from ${against}).`;
  } else if (compatible) {
    summary = `Compatible with ${against} under ${mode}: ${
      differences.length
        ? plural(differences.length, 'non-breaking difference')
        : 'no differences'
    }.`;
  } else {
    summary = `Not compatible with ${against} under ${mode}: ${plural(
      breaking.length,
      'breaking change',
    )}.`;
  }
  return { format, mode, compatible, differences, summary };
}
