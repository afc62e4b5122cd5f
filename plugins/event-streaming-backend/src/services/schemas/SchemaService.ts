import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  cloudEventsEnvelopeProblems,
  CompatibilityMode,
  SchemaArtifact,
  SchemaDetailResponse,
  SchemaDiffResponse,
  SchemaFormat,
  SchemaListQuery,
  SchemaListResponse,
  SchemaValidateResponse,
} from '@eventport/plugin-event-streaming-common';
import {
  SchemaArtifactSummary,
  SchemaRegistry,
} from '@eventport/plugin-event-streaming-node';
import { TopicResource } from '../../permissions/resources';
import { ClusterRegistry } from '../ClusterRegistry';
import { Caller, TopicPolicy } from '../topics/TopicPolicy';
import { formatOf, OWNER_LABEL, topicOfArtifact } from './artifacts';
import { checkAgainstVersions, parsed, parsedAsync } from './checks';
import { SchemaChecker, sharedSchemaChecker } from './SchemaChecker';

/** Artifacts read when a filter needs more than one registry page. */
const FILTER_SCAN_LIMIT = 5000;
const SCAN_PAGE = 500;

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
      checker?: SchemaChecker;
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
      deps.checker ?? sharedSchemaChecker(),
    );
  }

  private constructor(
    private readonly clusters: ClusterRegistry,
    private readonly policy: TopicPolicy,
    private readonly groupOwners: Record<string, string>,
    /** Compares schemas off the event loop (see SchemaChecker). */
    readonly checker: SchemaChecker,
  ) {}

  registry(cluster: string): SchemaRegistry {
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

  /**
   * One page of artifacts. With `visible`, artifacts of a topic it refuses
   * are left out (artifacts named after no topic stay).
   */
  async list(
    cluster: string,
    query: SchemaListQuery,
    visible?: (topic: TopicResource) => boolean,
    /** With `query.owned`: the caller's groups (and user) that may own. */
    ownerRefs: readonly string[] = [],
  ): Promise<SchemaListResponse> {
    const registry = this.registry(cluster);
    const artifactType = query.type === 'CLOUDEVENTS' ? 'JSON' : query.type;
    const filtered = Boolean(
      visible ||
        query.q ||
        query.owner ||
        query.owned ||
        query.topic ||
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
    // Owners, topics and CloudEvents are ours, not the registry's: read and filter here.
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
        (!visible ||
          !a.topic ||
          visible({
            cluster,
            name: a.topic,
            owner: this.policy.namespaceOf(a.topic)?.owner ?? null,
          })) &&
        (!query.owner || a.owner === query.owner) &&
        (!query.owned || (a.owner !== null && ownerRefs.includes(a.owner))) &&
        (!query.topic || a.topic === query.topic) &&
        (!query.type || a.format === query.type),
    );
    return {
      items: items.slice(query.offset, query.offset + query.limit),
      totalCount: items.length,
      offset: query.offset,
      limit: query.limit,
    };
  }

  assertOwns(caller: Caller, artifact: SchemaArtifact, what: string) {
    if (this.owns(caller, artifact)) return;
    throw new NotAllowedError(
      `You do not own ${artifact.groupId}/${artifact.artifactId}${
        artifact.owner ? ` (owner: ${artifact.owner})` : ' (nobody does)'
      }; its owners ${what}`,
    );
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

  requireFormat(artifact: SchemaArtifact): SchemaFormat {
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
    const differences = await parsedAsync(this.checker.diff(format, a, b));
    return {
      from,
      to,
      differences,
      backwardCompatible: !differences.some(d => d.breaksBackward),
      forwardCompatible: !differences.some(d => d.breaksForward),
    };
  }

  /** The artifact, or null when it does not exist yet. */
  async existing(
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
      this.checker,
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
}
