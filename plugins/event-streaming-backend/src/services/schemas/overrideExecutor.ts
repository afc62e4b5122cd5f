import { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  CompatibilityMode,
  SchemaOverridePayload,
} from '@eventport/plugin-event-streaming-common';
import { SchemaRegistry } from '@eventport/plugin-event-streaming-node';
import { ApprovalExecutor } from '../approvals/executors';
import { ClusterRegistry } from '../ClusterRegistry';

/**
 * Label that an override puts on the artifact before it relaxes the rule,
 * holding the artifact's own rule to restore (`none` when it had none). It
 * lives in the registry, so a crash between relaxing and restoring leaves a
 * record there of what to put back.
 */
export const RELAXED_RULE_LABEL = 'eventport.io/relaxed-rule';

/**
 * Executes an approved `schema.override`: registers exactly the approved
 * content with the artifact's COMPATIBILITY rule set to NONE for that one
 * call, then restores the rule, also when registration fails. Each step is
 * audited. A version with the same content is never registered twice, and
 * `isDone` (the reconciler after a crash) restores a rule left relaxed.
 */
export function schemaOverrideExecutor(
  clusters: ClusterRegistry,
  auditor: AuditorService,
): ApprovalExecutor<SchemaOverridePayload> {
  async function audit(
    eventId: string,
    p: SchemaOverridePayload,
    meta: Record<string, string>,
  ) {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'high',
      meta: {
        cluster: p.cluster,
        groupId: p.groupId,
        artifactId: p.artifactId,
        ...meta,
      },
    });
    await event.success();
  }

  /** Puts back the rule the label records; false when nothing was relaxed. */
  async function restore(registry: SchemaRegistry, p: SchemaOverridePayload) {
    const artifact = await registry.getArtifact(p.groupId, p.artifactId);
    const recorded = artifact.labels[RELAXED_RULE_LABEL];
    if (recorded === undefined) return false;
    await registry.setArtifactRule(
      p.groupId,
      p.artifactId,
      recorded === 'none' ? null : (recorded as CompatibilityMode),
    );
    const labels = { ...artifact.labels };
    delete labels[RELAXED_RULE_LABEL];
    await registry.setLabels(p.groupId, p.artifactId, labels);
    await audit('schema-rule-restore', p, { rule: recorded });
    return true;
  }

  /**
   * The approver judged this version against the latest version and the rule
   * of that moment; a version registered since, or another rule, is a check
   * nobody reviewed.
   */
  async function assertAsReviewed(
    registry: SchemaRegistry,
    p: SchemaOverridePayload,
  ) {
    const name = `${p.groupId}/${p.artifactId}`;
    const again =
      'it was not registered. Request the override again if it is still needed.';
    if (!p.latest) {
      throw new ConflictError(
        `This override of ${name} was requested before Eventport recorded the version it was reviewed against; ${again}`,
      );
    }
    const latest = (await registry.listVersions(p.groupId, p.artifactId)).at(
      -1,
    );
    if (latest?.globalId !== p.latest.globalId) {
      throw new ConflictError(
        `The latest version of ${name} is ${
          latest ? `${latest.version} (global id ${latest.globalId})` : 'none'
        } now, not ${p.latest.version} (global id ${
          p.latest.globalId
        }) as when the override was reviewed; ${again}`,
      );
    }
    const rule = await registry.getCompatibilityRule(p.groupId, p.artifactId);
    if (rule.mode !== p.mode) {
      throw new ConflictError(
        `The COMPATIBILITY rule of ${name} is ${rule.mode} now, not ${p.mode} as when the override was reviewed; ${again}`,
      );
    }
  }

  return {
    describe: p =>
      `register a new version of schema ${p.groupId}/${p.artifactId} on cluster '${p.cluster}' that its ${p.mode} rule refused`,

    async execute(p) {
      const registry = clusters.schemaRegistry(p.cluster);
      // A rule left relaxed by an earlier attempt is put back first, so the
      // label below records the real rule.
      await restore(registry, p);
      if (
        await registry.findVersionByContent(p.groupId, p.artifactId, p.content)
      ) {
        return;
      }
      await assertAsReviewed(registry, p);
      const artifact = await registry.getArtifact(p.groupId, p.artifactId);
      const own = await registry.getArtifactRule(p.groupId, p.artifactId);
      await registry.setLabels(p.groupId, p.artifactId, {
        ...artifact.labels,
        [RELAXED_RULE_LABEL]: own ?? 'none',
      });
      await registry.setArtifactRule(p.groupId, p.artifactId, 'NONE');
      await audit('schema-rule-relax', p, {
        rule: own ?? 'none',
        relaxedTo: 'NONE',
      });
      try {
        const outcome = await registry.registerVersion(
          p.groupId,
          p.artifactId,
          p.content,
          {
            artifactType: p.artifactType,
          },
        );
        if (!outcome.registered) {
          throw new Error(
            `The registry refused the version even with its compatibility rule relaxed: ${outcome.violations
              .map(v => v.description)
              .join('; ')}`,
          );
        }
      } finally {
        await restore(registry, p);
      }
    },

    async isDone(p) {
      const registry = clusters.schemaRegistry(p.cluster);
      await restore(registry, p);
      return Boolean(
        await registry.findVersionByContent(p.groupId, p.artifactId, p.content),
      );
    },
  };
}
