import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  cloudEventsEnvelopeProblems,
  CompatibilityReport,
  SchemaArtifact,
  SchemaFormat,
  SchemaOverridePayload,
} from '@eventport/plugin-event-streaming-common';
import {
  SchemaRuleViolation,
  SchemaVersionSummary,
} from '@eventport/plugin-event-streaming-node';
import { Caller } from '../topics/TopicPolicy';
import { FORMAT_LABEL, OWNER_LABEL } from './artifacts';
import { checkAgainstVersions, parsed } from './checks';
import { SchemaService } from './SchemaService';

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
 * Registration of schema versions: at once when the registry's rule allows
 * it, and the checks behind an override request when it does not.
 */
export class SchemaRegistrar {
  constructor(
    private readonly schemas: SchemaService,
    private readonly logger: LoggerService,
  ) {}

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
    const registry = this.schemas.registry(cluster);
    const found = await this.schemas.existing(registry, groupId, artifactId);
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
      const prospective = this.schemas.describe({
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
    this.schemas.assertOwns(caller, artifact, 'register its versions');
    const format = this.schemas.requireFormat(artifact);
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
      this.schemas.checker,
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
    const registry = this.schemas.registry(cluster);
    const artifact = this.schemas.describe(
      await registry.getArtifact(groupId, artifactId),
    );
    this.schemas.assertOwns(caller, artifact, 'ask for overrides');
    const format = this.schemas.requireFormat(artifact);
    const rule = await registry.getCompatibilityRule(groupId, artifactId);
    const report = await checkAgainstVersions(
      this.schemas.checker,
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
    const latest = (await registry.listVersions(groupId, artifactId)).at(-1);
    return {
      payload: {
        cluster,
        groupId,
        artifactId,
        artifactType: artifact.artifactType,
        content,
        mode: rule.mode,
        ...(latest && {
          latest: { version: latest.version, globalId: latest.globalId },
        }),
      },
      report,
    };
  }
}
