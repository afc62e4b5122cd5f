import { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { SchemaRulePayload } from '@eventport/plugin-event-streaming-common';
import { ApprovalExecutor } from '../approvals/executors';
import { ClusterRegistry } from '../ClusterRegistry';

/**
 * Executes an approved `schema.rule`: sets the artifact's own COMPATIBILITY
 * rule to the approved (weaker) mode, as an audit event. Setting it again
 * is harmless, and `isDone` reads the artifact's own rule.
 */
export function schemaRuleExecutor(
  clusters: ClusterRegistry,
  auditor: AuditorService,
): ApprovalExecutor<SchemaRulePayload> {
  return {
    describe: p =>
      `weaken the COMPATIBILITY rule of schema ${p.groupId}/${p.artifactId} on cluster '${p.cluster}' from ${p.previous} to ${p.mode}`,

    async execute(p) {
      const registry = clusters.schemaRegistry(p.cluster);
      const before = await registry.getCompatibilityRule(
        p.groupId,
        p.artifactId,
      );
      const event = await auditor.createEvent({
        eventId: 'schema-rule-change',
        severityLevel: 'high',
        meta: {
          cluster: p.cluster,
          groupId: p.groupId,
          artifactId: p.artifactId,
          from: before.mode,
          to: p.mode,
          approved: true,
        },
      });
      try {
        // Bound to the rule that was reviewed: if it changed since the
        // request (tightened at once, say), the weakening is not applied.
        // Finding the approved mode already set is a retry, and harmless.
        if (before.mode !== p.previous && before.mode !== p.mode) {
          throw new ConflictError(
            `The COMPATIBILITY rule of ${p.groupId}/${p.artifactId} is ${before.mode} now, not ${p.previous} as when this change was requested; it was not applied. Request it again if still needed.`,
          );
        }
        await registry.setArtifactRule(p.groupId, p.artifactId, p.mode);
        await event.success();
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },

    async isDone(p) {
      const registry = clusters.schemaRegistry(p.cluster);
      return (
        (await registry.getArtifactRule(p.groupId, p.artifactId)) === p.mode
      );
    },
  };
}
