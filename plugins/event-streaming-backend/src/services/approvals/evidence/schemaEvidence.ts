/**
 * Evidence of the schema requests: how the version compares with every
 * registered version, what the registry itself says, what a weaker rule
 * lets through, and who reads the topic the artifact describes.
 */
import {
  CompatibilityMode,
  EvidenceSection,
  SchemaDeletePayload,
  SchemaOverridePayload,
  SchemaRulePayload,
} from '@eventport/plugin-event-streaming-common';
import {
  MAX_TRANSITIVE_VERSIONS,
  parsedAsync,
  versionContents,
} from '../../schemas/checks';
import { SchemaService } from '../../schemas/SchemaService';
import { count, Fact, section } from './facts';
import { TopicFacts } from './TopicFacts';

const directions = (mode: CompatibilityMode) => ({
  backward: mode.startsWith('BACKWARD') || mode.startsWith('FULL'),
  forward: mode.startsWith('FORWARD') || mode.startsWith('FULL'),
  transitive: mode.endsWith('_TRANSITIVE'),
});

/**
 * The mode that compares with every version in the rule's directions; a
 * rule of NONE is compared both ways, so the approver sees every break.
 */
function everyVersionMode(mode: CompatibilityMode): CompatibilityMode {
  if (mode === 'NONE') return 'FULL_TRANSITIVE';
  return mode.endsWith('_TRANSITIVE')
    ? mode
    : (`${mode}_TRANSITIVE` as CompatibilityMode);
}

export class SchemaEvidence {
  constructor(
    private readonly schemas: SchemaService,
    private readonly topics: TopicFacts,
  ) {}

  async override(p: SchemaOverridePayload): Promise<EvidenceSection[]> {
    const topic = await this.topicOf(p.cluster, p.groupId, p.artifactId);
    return Promise.all([
      section(
        'versions',
        `Compared with every version under ${everyVersionMode(p.mode)}`,
        'The artifact has no version yet.',
        () => this.versions(p),
      ),
      section(
        'registry',
        `The registry's verdict under its rule`,
        'The registry now accepts the version under its rule.',
        () => this.registryVerdict(p),
      ),
      this.readers(p.cluster, topic),
    ]);
  }

  async rule(p: SchemaRulePayload): Promise<EvidenceSection[]> {
    const topic = await this.topicOf(p.cluster, p.groupId, p.artifactId);
    return Promise.all([
      section(
        'rule',
        `What ${p.mode} lets through that ${p.previous} refuses`,
        `${p.mode} refuses everything ${p.previous} refuses.`,
        () => weakened(p.previous, p.mode),
      ),
      section(
        'current',
        'The rule now',
        'The artifact has no rule.',
        async () => {
          const rule = await this.schemas
            .registry(p.cluster)
            .getCompatibilityRule(p.groupId, p.artifactId);
          const versions = await this.schemas
            .registry(p.cluster)
            .listVersions(p.groupId, p.artifactId);
          return [
            {
              label: rule.mode,
              detail: `${
                rule.source === 'none'
                  ? 'no rule set'
                  : `set on the ${rule.source}`
              }${
                rule.mode !== p.previous
                  ? `; it was ${p.previous} when the request was made`
                  : ''
              }; ${count(versions.length, 'version')} registered`,
            },
          ];
        },
      ),
      this.readers(p.cluster, topic),
    ]);
  }

  async delete(p: SchemaDeletePayload): Promise<EvidenceSection[]> {
    return [await this.readers(p.cluster, p.topic)];
  }

  /** The artifact's topic, or null when it is not named after one. */
  private async topicOf(cluster: string, groupId: string, artifactId: string) {
    try {
      return this.schemas.describe(
        await this.schemas.registry(cluster).getArtifact(groupId, artifactId),
      ).topic;
    } catch {
      return null;
    }
  }

  /**
   * Readers of the artifact's topic: the consumers a break would reach.
   * Unknown (a problem, never "nobody") when the artifact is not named after
   * a topic, so no auto-approval rule reads it as "no readers".
   */
  private async readers(
    cluster: string,
    topic: string | null,
  ): Promise<EvidenceSection> {
    let missing = false;
    const read = await section(
      'readers',
      topic
        ? `Consumer groups reading ${topic}`
        : 'Consumer groups reading its topic',
      topic
        ? `No consumer group has committed offsets on ${topic}.`
        : 'No consumer group reads it.',
      async () => {
        if (!topic) {
          throw new Error(
            'the artifact is not named after a topic (<topic>-key or <topic>-value), so its readers are unknown',
          );
        }
        try {
          return await this.topics.readers(cluster, topic);
        } catch (error) {
          if ((error as Error).name !== 'NotFoundError') throw error;
          missing = true;
          return [];
        }
      },
    );
    // A topic that does not exist has no readers: a fact, not a problem.
    return missing
      ? {
          ...read,
          empty: `Topic ${topic} does not exist, so no consumer group reads it.`,
        }
      : read;
  }

  /**
   * The version against each registered one (the latest
   * MAX_TRANSITIVE_VERSIONS), newest first: compatible, or its first
   * breaking change and what it breaks.
   */
  private async versions(p: SchemaOverridePayload): Promise<Fact[]> {
    const registry = this.schemas.registry(p.cluster);
    const artifact = this.schemas.describe(
      await registry.getArtifact(p.groupId, p.artifactId),
    );
    if (!artifact.format) {
      throw new Error(
        `the checker does not compare ${artifact.artifactType} schemas; the registry's verdict below still applies`,
      );
    }
    const versions = await registry.listVersions(p.groupId, p.artifactId);
    const compared = versions.slice(-MAX_TRANSITIVE_VERSIONS);
    const contents = await versionContents(
      registry,
      p.groupId,
      p.artifactId,
      compared.map(v => v.version),
    );
    const report = await parsedAsync(
      this.schemas.checker.check({
        format: artifact.format,
        mode: everyVersionMode(p.mode),
        existing: contents,
        candidate: p.content,
        latestVersion: versions.length,
      }),
    );
    const facts = compared.map((v, i) => {
      const position = versions.length - compared.length + i + 1;
      const breaking = report.differences.filter(
        d => d.against === position && d.breaking,
      );
      if (!breaking.length) {
        return { label: `version ${v.version}`, detail: 'compatible' };
      }
      const first = breaking[0];
      const what = [
        first.breaksBackward &&
          `a reader on the new version cannot read records written with version ${v.version}`,
        first.breaksForward &&
          `a reader on version ${v.version} cannot read records written with the new one`,
      ]
        .filter(Boolean)
        .join('; ');
      return {
        label: `version ${v.version}: ${count(
          breaking.length,
          'breaking change',
        )}`,
        detail: `${first.path}: ${first.change} (${what})`,
      };
    });
    facts.reverse();
    if (versions.length > compared.length) {
      facts.push({
        label: `${
          versions.length - compared.length
        } older versions not compared`,
        detail: `only the latest ${compared.length} are compared here`,
      });
    }
    return facts;
  }

  /** A dry run of the registration: the registry's own rule, as it is now. */
  private async registryVerdict(p: SchemaOverridePayload): Promise<Fact[]> {
    const answer = await this.schemas
      .registry(p.cluster)
      .registerVersion(p.groupId, p.artifactId, p.content, {
        dryRun: true,
        artifactType: p.artifactType,
      });
    if (answer.registered) return [];
    if (!answer.violations.length) {
      return [
        { label: `refused${answer.rule ? ` by its ${answer.rule} rule` : ''}` },
      ];
    }
    return answer.violations.map(v => ({
      label: v.description,
      ...(v.context && { detail: v.context }),
    }));
  }
}

/** What moving from one rule to a weaker one stops checking, in words. */
function weakened(from: CompatibilityMode, to: CompatibilityMode): Fact[] {
  const a = directions(from);
  const b = directions(to);
  const facts: Fact[] = [];
  if (a.backward && !b.backward) {
    facts.push({
      label: 'Backward checks stop',
      detail:
        'a new version may remove or retype fields that records already in the topic carry: a consumer that upgrades can fail on older records',
    });
  }
  if (a.forward && !b.forward) {
    facts.push({
      label: 'Forward checks stop',
      detail:
        'a new version may add required fields or retype fields: consumers still on an older version can fail on new records',
    });
  }
  if (a.transitive && !b.transitive && (b.backward || b.forward)) {
    facts.push({
      label: 'Only the latest version is compared',
      detail:
        'a new version may break versions older than the latest, whose records a topic with long retention still holds',
    });
  }
  return facts;
}
