import type { CompatibilityMode } from '@eventport/plugin-event-streaming-common';

/**
 * One artifact of the registry, as lists and details show it.
 *
 * @public
 */
export interface SchemaArtifactSummary {
  groupId: string;
  artifactId: string;
  /** AVRO, JSON, PROTOBUF, … as the registry names them. */
  artifactType: string;
  name?: string;
  description?: string;
  labels: Record<string, string>;
  createdOn?: string;
  modifiedOn?: string;
}

/**
 * One page of artifacts.
 *
 * @public
 */
export interface SchemaArtifactPage {
  artifacts: SchemaArtifactSummary[];
  totalCount: number;
}

/**
 * One version of an artifact.
 *
 * @public
 */
export interface SchemaVersionSummary {
  version: string;
  globalId: number;
  contentId: number;
  createdOn?: string;
  state?: string;
}

/**
 * Why the registry refused a version: one entry per cause it gave.
 *
 * @public
 */
export interface SchemaRuleViolation {
  description: string;
  context?: string;
}

/**
 * The answer to a registration: the new version, or the registry's refusal.
 *
 * @public
 */
export type SchemaRegistration =
  | { registered: true; version: SchemaVersionSummary }
  | { registered: false; rule?: string; violations: SchemaRuleViolation[] };

/**
 * Where an artifact's COMPATIBILITY rule comes from: the artifact, its group,
 * or the registry's global rule.
 *
 * @public
 */
export interface EffectiveCompatibilityRule {
  mode: CompatibilityMode;
  source: 'artifact' | 'group' | 'global' | 'none';
}

/**
 * A cluster's schema registry (Apicurio Registry 3). Every call has a
 * timeout. Failures are `@backstage/errors` types: NotFoundError for an
 * unknown artifact or version, ServiceUnavailableError (503) when the
 * registry cannot be reached, a 502 error for other failed requests. A
 * refused registration is not an error: see {@link SchemaRegistration}.
 *
 * @public
 */
export interface SchemaRegistry {
  searchArtifacts(query: {
    name?: string;
    artifactType?: string;
    offset: number;
    limit: number;
  }): Promise<SchemaArtifactPage>;
  getArtifact(
    groupId: string,
    artifactId: string,
  ): Promise<SchemaArtifactSummary>;
  /** Oldest first. */
  listVersions(
    groupId: string,
    artifactId: string,
  ): Promise<SchemaVersionSummary[]>;
  getContent(
    groupId: string,
    artifactId: string,
    version: string,
  ): Promise<string>;
  getCompatibilityRule(
    groupId: string,
    artifactId: string,
  ): Promise<EffectiveCompatibilityRule>;
  createArtifact(input: {
    groupId: string;
    artifactId: string;
    artifactType: string;
    content: string;
    labels?: Record<string, string>;
  }): Promise<SchemaVersionSummary>;
  /** The artifact's own COMPATIBILITY rule, without the group's or global one. */
  getArtifactRule(groupId: string, artifactId: string): Promise<CompatibilityMode | undefined>;
  /** Sets the artifact's own COMPATIBILITY rule; `null` removes it. */
  setArtifactRule(groupId: string, artifactId: string, mode: CompatibilityMode | null): Promise<void>;
  /** Replaces the artifact's labels (name and description are kept). */
  setLabels(groupId: string, artifactId: string, labels: Record<string, string>): Promise<void>;
  /**
   * Sets one version's state: `DEPRECATED` (serdes are told), `DISABLED`
   * (no longer served, nor chosen as latest) or `ENABLED` again.
   */
  setVersionState(
    groupId: string,
    artifactId: string,
    version: string,
    state: 'ENABLED' | 'DEPRECATED' | 'DISABLED',
  ): Promise<void>;
  /** Deletes the artifact and all its versions; false when there was none. */
  deleteArtifact(groupId: string, artifactId: string): Promise<boolean>;
  /** The version whose content is exactly `content`, if any. */
  findVersionByContent(
    groupId: string,
    artifactId: string,
    content: string,
  ): Promise<SchemaVersionSummary | undefined>;
  registerVersion(
    groupId: string,
    artifactId: string,
    content: string,
    /** `artifactType` saves a lookup of the artifact's type. */
    options?: { dryRun?: boolean; artifactType?: string },
  ): Promise<SchemaRegistration>;
}
