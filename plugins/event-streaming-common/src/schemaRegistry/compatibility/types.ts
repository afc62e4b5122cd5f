/**
 * Schema formats the compatibility checker understands. CloudEvents
 * artifacts are JSON Schemas of the CloudEvents envelope.
 *
 * @public
 */
export type SchemaFormat = 'AVRO' | 'JSON' | 'PROTOBUF' | 'CLOUDEVENTS';

/**
 * Compatibility modes, as Apicurio Registry's COMPATIBILITY rule names them.
 *
 * @public
 */
export type CompatibilityMode =
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE'
  | 'NONE';

/**
 * One change between two schema versions.
 *
 * - `breaksBackward`: consumers on the new schema can no longer read some
 *   data written with the old one.
 * - `breaksForward`: consumers on the old schema cannot read some data
 *   written with the new one.
 *
 * @public
 */
export interface SchemaDifference {
  /** Where the change is: a JSON pointer (`/properties/amount`) or a name path (`Order.amount`). */
  path: string;
  /** What changed, in words. */
  change: string;
  breaksBackward: boolean;
  breaksForward: boolean;
}

/**
 * A difference found against one existing version.
 *
 * @public
 */
export interface VersionedDifference extends SchemaDifference {
  /** The existing version compared with (1 = oldest), as given to the checker. */
  against: number;
  /** True when this difference breaks the mode asked for. */
  breaking: boolean;
}

/**
 * The checker's answer.
 *
 * @public
 */
export interface CompatibilityReport {
  format: SchemaFormat;
  mode: CompatibilityMode;
  compatible: boolean;
  /** Every difference, breaking or not, oldest compared version first. */
  differences: VersionedDifference[];
  /** A one-sentence verdict for people. */
  summary: string;
}

/** Compares two parsed versions of one format. @internal */
export type FormatDiffer = (
  previous: string,
  next: string,
) => SchemaDifference[];

/**
 * Thrown for a schema the checker cannot parse; `message` says where.
 *
 * @public
 */
export class SchemaParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaParseError';
  }
}
