import { AuditorService } from '@backstage/backend-plugin-api';
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
