import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  cloudEventsEnvelopeProblems,
  CompatibilityMode,
  CompatibilityReport,
  diffSchemas,
  SchemaArtifact,
  SchemaDetailResponse,
  SchemaDiffResponse,
  SchemaFormat,
  SchemaListQuery,
  SchemaListResponse,
  SchemaOverridePayload,
  SchemaValidateResponse,
} from '@eventport/plugin-event-streaming-common';
import {
  SchemaArtifactSummary,
  SchemaRegistry,
  SchemaRuleViolation,
  SchemaVersionSummary,
} from '@eventport/plugin-event-streaming-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { Caller, TopicPolicy } from '../topics/TopicPolicy';
import {
  FORMAT_LABEL,
  formatOf,
  OWNER_LABEL,
  topicOfArtifact,
} from './artifacts';
import { checkAgainstVersions, parsed } from './checks';

/** Artifacts read when a filter needs more than one registry page. */
const FILTER_SCAN_LIMIT = 5000;
const SCAN_PAGE = 500;

export type Registration =
  | {
      registered: true;
      artifact: SchemaArtifact;
      version: SchemaVersionSummary;
      report: CompatibilityReport;
    }
  | {
      registered: false;
      report: CompatibilityReport;
      registryViolations: SchemaRuleViolation[];
      message: string;
    };

/**
 * Schema artifacts of each cluster's registry: lists with owners, details,
 * diffs, dry runs and registration. Compatibility is explained by the
 * checker in -common; the registry's own rule decides registration.
 */
export class SchemaService {
  static fromConfig(
    config: RootConfigService,
    deps: {
      clusters: ClusterRegistry;
      policy: TopicPolicy;
      logger: LoggerService;
    },
  ): SchemaService {
    const owners = config.getOptionalConfig(
      'eventStreaming.schemaRegistry.groupOwners',
    );
    const groupOwners = Object.fromEntries(
      (owners?.keys() ?? []).map(k => [k, owners!.getString(k)]),
    );
    return new SchemaService(
      deps.clusters,
      deps.policy,
      groupOwners,
      deps.logger,
    );
  }

  private constructor(
    private readonly clusters: ClusterRegistry,
    private readonly policy: TopicPolicy,
    private readonly groupOwners: Record<string, string>,
    private readonly logger: LoggerService,
  ) {}

  private registry(cluster: string): SchemaRegistry {
    return this.clusters.schemaRegistry(cluster);
  }

  /** An artifact with its format, topic and owner. */
  describe(a: SchemaArtifactSummary): SchemaArtifact {
    const topic = topicOfArtifact(a.artifactId);
    const owner =
      (topic ? this.policy.namespaceOf(topic)?.owner : undefined) ??
      a.labels[OWNER_LABEL] ??
      this.groupOwners[a.groupId] ??
      null;
    return {
      ...a,
      format: formatOf(a.artifactType, a.labels),
      topic,
      owner,
    };
  }

  async list(
    cluster: string,
    query: SchemaListQuery,
  ): Promise<SchemaListResponse> {
    const registry = this.registry(cluster);
    const artifactType = query.type === 'CLOUDEVENTS' ? 'JSON' : query.type;
    const filtered = Boolean(
      query.q ||
        query.owner ||
        query.type === 'CLOUDEVENTS' ||
        query.type === 'JSON',
    );
    if (!filtered) {
      const page = await registry.searchArtifacts({
        artifactType,
        offset: query.offset,
        limit: query.limit,
      });
      return {
        items: page.artifacts.map(a => this.describe(a)),
        totalCount: page.totalCount,
        offset: query.offset,
        limit: query.limit,
      };
    }
    // Owners and CloudEvents are ours, not the registry's: read and filter here.
    const all: SchemaArtifact[] = [];
    for (let offset = 0; offset < FILTER_SCAN_LIMIT; offset += SCAN_PAGE) {
      const page = await registry.searchArtifacts({
        artifactType,
        offset,
        limit: SCAN_PAGE,
      });
      all.push(...page.artifacts.map(a => this.describe(a)));
      if (
        page.artifacts.length < SCAN_PAGE ||
        offset + SCAN_PAGE >= page.totalCount
      )
        break;
    }
    const q = query.q?.toLowerCase();
    const items = all.filter(
      a =>
        (!q ||
          a.artifactId.toLowerCase().includes(q) ||
          (a.name ?? '').toLowerCase().includes(q)) &&
        (!query.owner || a.owner === query.owner) &&
        (!query.type || a.format === query.type),
    );
    return {
      items: items.slice(query.offset, query.offset + query.limit),
      totalCount: items.length,
      offset: query.offset,
      limit: query.limit,
    };
  }

  /** Whether the caller owns an artifact (existing or to be). */
  owns(caller: Caller, artifact: SchemaArtifact): boolean {
    return (
      artifact.owner !== null &&
      caller.ownershipEntityRefs.includes(artifact.owner)
    );
  }

  async detail(
    cluster: string,
    groupId: string,
    artifactId: string,
    caller: Caller,
  ): Promise<SchemaDetailResponse> {
    const registry = this.registry(cluster);
    const [artifact, versions, rule] = await Promise.all([
      registry.getArtifact(groupId, artifactId),
      registry.listVersions(groupId, artifactId),
      registry.getCompatibilityRule(groupId, artifactId),
    ]);
    const described = this.describe(artifact);
    return {
      artifact: described,
      versions,
      rule,
      canRegister: this.owns(caller, described),
    };
  }

  async content(
    cluster: string,
    groupId: string,
    artifactId: string,
    version: string,
  ) {
    return {
      version,
      content: await this.registry(cluster).getContent(
        groupId,
        artifactId,
        version,
      ),
    };
  }

  private requireFormat(artifact: SchemaArtifact): SchemaFormat {
    if (!artifact.format) {
      throw new InputError(
        `Artifact ${artifact.groupId}/${artifact.artifactId} is of type ${artifact.artifactType}; Eventport checks AVRO, JSON (and CloudEvents) and PROTOBUF`,
      );
    }
    return artifact.format;
  }

  async diff(
    cluster: string,
    groupId: string,
    artifactId: string,
    from: string,
    to: string,
  ): Promise<SchemaDiffResponse> {
    const registry = this.registry(cluster);
    const artifact = this.describe(
      await registry.getArtifact(groupId, artifactId),
    );
    const format = this.requireFormat(artifact);
    const [a, b] = await Promise.all([
      registry.getContent(groupId, artifactId, from),
      registry.getContent(groupId, artifactId, to),
    ]);
    const differences = parsed(() => diffSchemas(format, a, b));
    return {
      from,
      to,
      differences,
      backwardCompatible: !differences.some(d => d.breaksBackward),
      forwardCompatible: !differences.some(d => d.breaksForward),
    };
  }

  /** The artifact, or null when it does not exist yet. */
  private async existing(
    registry: SchemaRegistry,
    groupId: string,
    artifactId: string,
  ) {
    try {
      return this.describe(await registry.getArtifact(groupId, artifactId));
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') return null;
      throw error;
    }
  }

  async validate(
    cluster: string,
    groupId: string,
    artifactId: string,
    input: { content: string; mode?: CompatibilityMode; format?: SchemaFormat },
  ): Promise<SchemaValidateResponse> {
    const registry = this.registry(cluster);
    const artifact = await this.existing(registry, groupId, artifactId);
    const format = artifact ? this.requireFormat(artifact) : input.format;
    if (!format) {
      throw new InputError(
        `Artifact ${groupId}/${artifactId} does not exist yet: say which format the schema is in ("format")`,
      );
    }
    const rule = artifact
      ? await registry.getCompatibilityRule(groupId, artifactId)
      : { mode: 'NONE' as const, source: 'none' as const };
    const mode = input.mode ?? rule.mode;
    const report = await checkAgainstVersions(
      registry,
      artifact,
      format,
      mode,
      input.content,
    );
    return {
      report,
      ruleSource: input.mode ? 'request' : rule.source,
      envelopeProblems:
        format === 'CLOUDEVENTS'
          ? parsed(() => cloudEventsEnvelopeProblems(input.content))
          : [],
    };
  }

  /**
   * Registers a version, or creates the artifact with its first version. The
   * caller must own the artifact: by its topic's namespace, its owner label,
   * or the group's owner from config. A new artifact that none of these
   * assigns gets the caller's first group as its owner label.
   */
  async register(
    cluster: string,
    groupId: string,
    artifactId: string,
    input: { content: string; format?: SchemaFormat },
    caller: Caller,
  ): Promise<Registration> {
    const registry = this.registry(cluster);
    const found = await this.existing(registry, groupId, artifactId);
    const labels: Record<string, string> = {};
    let artifact: SchemaArtifact;
    if (found) {
      if (input.format && input.format !== found.format) {
        throw new InputError(
          `Artifact ${groupId}/${artifactId} holds ${
            found.format ?? found.artifactType
          } schemas, not ${input.format}`,
        );
      }
      artifact = found;
    } else {
      if (!input.format) {
        throw new InputError(
          `Artifact ${groupId}/${artifactId} does not exist yet: say which format the schema is in ("format")`,
        );
      }
      if (input.format === 'CLOUDEVENTS') labels[FORMAT_LABEL] = 'cloudevents';
      const prospective = this.describe({
        groupId,
        artifactId,
        artifactType: input.format === 'CLOUDEVENTS' ? 'JSON' : input.format,
        labels: { ...labels },
      });
      if (!prospective.owner) {
        const team = caller.ownershipEntityRefs.find(r =>
          r.startsWith('group:'),
        );
        if (!team) {
          throw new NotAllowedError(
            `Nobody owns ${groupId}/${artifactId} and you belong to no group that could: name it after a topic of your namespace (<topic>-value)`,
          );
        }
        labels[OWNER_LABEL] = team;
      }
      artifact = {
        ...prospective,
        labels,
        owner: prospective.owner ?? labels[OWNER_LABEL],
      };
    }
    if (!this.owns(caller, artifact)) {
      throw new NotAllowedError(
        `You do not own ${groupId}/${artifactId}${
          artifact.owner ? ` (owner: ${artifact.owner})` : ' (nobody does)'
        }; its owners register its versions`,
      );
    }
    const format = this.requireFormat(artifact);
    if (format === 'CLOUDEVENTS') {
      const problems = parsed(() => cloudEventsEnvelopeProblems(input.content));
      if (problems.length)
        throw new InputError(
          `Not a valid CloudEvents envelope schema: ${problems.join('; ')}`,
        );
    }
    const exists = found !== null;
    const rule = exists
      ? await registry.getCompatibilityRule(groupId, artifactId)
      : { mode: 'NONE' as const, source: 'none' as const };
    const report = await checkAgainstVersions(
      registry,
      exists ? artifact : null,
      format,
      rule.mode,
      input.content,
    );

    if (!exists) {
      const version = await registry.createArtifact({
        groupId,
        artifactId,
        artifactType: artifact.artifactType,
        content: input.content,
        labels: Object.keys(labels).length ? labels : undefined,
      });
      return { registered: true, artifact, version, report };
    }
    const outcome = await registry.registerVersion(
      groupId,
      artifactId,
      input.content,
      {
        artifactType: artifact.artifactType,
      },
    );
    if (outcome.registered) {
      if (!report.compatible) {
        this.logger.warn(
          `The registry of cluster ${cluster} accepted ${groupId}/${artifactId} under ${rule.mode} although the checker found breaking changes`,
        );
      }
      return { registered: true, artifact, version: outcome.version, report };
    }
    const breaking = report.differences.filter(d => d.breaking);
    return {
      registered: false,
      report,
      registryViolations: outcome.violations,
      message: `The registry refused the new version of ${groupId}/${artifactId} under its ${
        outcome.rule ?? 'COMPATIBILITY'
      } rule (${rule.mode}): ${
        breaking.length
          ? breaking.map(d => `${d.path}: ${d.change}`).join('; ')
          : outcome.violations.map(v => v.description).join('; ')
      }`,
    };
  }

  /**
   * Checks an override request and returns its approval payload: the
   * artifact exists, the caller owns it, and its rule really refuses the
   * version (a dry run in the registry); otherwise a 4xx that says why.
   */
  async prepareOverride(
    cluster: string,
    groupId: string,
    artifactId: string,
    content: string,
    caller: Caller,
  ): Promise<{ payload: SchemaOverridePayload; report: CompatibilityReport }> {
    const registry = this.registry(cluster);
    const artifact = this.describe(
      await registry.getArtifact(groupId, artifactId),
    );
    if (!this.owns(caller, artifact)) {
      throw new NotAllowedError(
        `You do not own ${groupId}/${artifactId}${
          artifact.owner ? ` (owner: ${artifact.owner})` : ' (nobody does)'
        }; its owners ask for overrides`,
      );
    }
    const format = this.requireFormat(artifact);
    const rule = await registry.getCompatibilityRule(groupId, artifactId);
    const report = await checkAgainstVersions(
      registry,
      artifact,
      format,
      rule.mode,
      content,
    );
    const dryRun = await registry.registerVersion(
      groupId,
      artifactId,
      content,
      {
        dryRun: true,
        artifactType: artifact.artifactType,
      },
    );
    if (dryRun.registered) {
      throw new InputError(
        `The registry accepts this version of ${groupId}/${artifactId} under its ${rule.mode} rule: register it without an override`,
      );
    }
    return {
      payload: {
        cluster,
        groupId,
        artifactId,
        artifactType: artifact.artifactType,
        content,
        mode: rule.mode,
      },
      report,
    };
  }
}
