import { InputError } from '@backstage/errors';
import {
  CompatibilityMode,
  EffectiveRule,
  isAtLeastAsStrict,
  SchemaRulePayload,
} from '@eventport/plugin-event-streaming-common';
import { Caller } from '../topics/TopicPolicy';
import { SchemaService } from './SchemaService';

/** What asking for a rule means: applied at once, or an approval request. */
export type RuleChangePlan =
  | { immediate: true; previous: CompatibilityMode }
  | { immediate: false; payload: SchemaRulePayload; reason: string };

/**
 * Changes to an artifact's COMPATIBILITY rule. A rule at least as strict as
 * the effective one applies at once; a weaker one needs a reason and an
 * approval (`schema.rule`), since it lets through versions that break
 * consumers.
 */
export class SchemaRules {
  constructor(private readonly schemas: SchemaService) {}

  /**
   * Checks that the artifact exists (404) and that the caller owns it
   * (403), and decides by the artifact's effective rule: stricter or the
   * same applies at once, weaker without a reason is a 400.
   */
  async plan(
    cluster: string,
    groupId: string,
    artifactId: string,
    input: { mode: CompatibilityMode; reason?: string },
    caller: Caller,
  ): Promise<RuleChangePlan> {
    const registry = this.schemas.registry(cluster);
    const artifact = this.schemas.describe(
      await registry.getArtifact(groupId, artifactId),
    );
    this.schemas.assertOwns(caller, artifact, 'change its rule');
    const current = await registry.getCompatibilityRule(groupId, artifactId);
    if (isAtLeastAsStrict(input.mode, current.mode)) {
      return { immediate: true, previous: current.mode };
    }
    if (!input.reason) {
      throw new InputError(
        `Weakening the rule of ${groupId}/${artifactId} from ${current.mode} to ${input.mode} needs an approval: give a reason (at least 10 characters)`,
      );
    }
    return {
      immediate: false,
      reason: input.reason,
      payload: {
        cluster,
        groupId,
        artifactId,
        mode: input.mode,
        previous: current.mode,
      },
    };
  }

  /** Sets the artifact's own rule; answers the effective rule afterwards. */
  async apply(
    cluster: string,
    groupId: string,
    artifactId: string,
    mode: CompatibilityMode,
  ): Promise<EffectiveRule> {
    const registry = this.schemas.registry(cluster);
    if ((await registry.getArtifactRule(groupId, artifactId)) !== mode) {
      await registry.setArtifactRule(groupId, artifactId, mode);
    }
    return registry.getCompatibilityRule(groupId, artifactId);
  }
}
