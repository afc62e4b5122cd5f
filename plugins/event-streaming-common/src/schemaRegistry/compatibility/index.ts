export { checkCompatibility, diffSchemas } from './check';
export type { CheckOptions, CompatibilityInput } from './check';
export { cloudEventsEnvelopeProblems } from './cloudEvents';
export { SchemaParseError } from './types';
export type {
  CompatibilityMode,
  CompatibilityReport,
  SchemaDifference,
  SchemaFormat,
  VersionedDifference,
} from './types';
export { describeMode, isAtLeastAsStrict } from './modes';
export {
  CHECK_BUDGET,
  CHECK_TIME_LIMIT_MS,
  SchemaTooComplexError,
} from './budget';
