/**
 * Auto-approval by policy: rules in `eventStreaming.approvals.autoApprove`
 * under which the system approves a request at once, because its evidence
 * shows the risk is low (e.g. a dev topic nobody reads or writes). The
 * system's decision is written in the request's history and the audit as
 * such. CDC requests are never auto-approved.
 */
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ApprovalEvidence,
  ApprovalKind,
  ApprovalPayload,
} from '@eventport/plugin-event-streaming-common';

/** What a rule requires of a topic deletion's evidence, each on by default. */
const CONDITIONS = {
  noReaders: {
    section: 'readers',
    met: 'no consumer group reads it',
  },
  noRecentWrites: {
    section: 'producers',
    met: 'nothing was written to it in the last hour',
  },
  notDeclared: {
    section: 'catalog',
    met: 'no catalog component declares it',
  },
  noConnectors: {
    section: 'connectors',
    met: 'no connector uses it',
  },
} as const;
type Condition = keyof typeof CONDITIONS;

export interface AutoApprovalRule {
  name: string;
  kind: 'topic.delete';
  environments: string[];
  /** Only topics whose name starts with one of these, when given. */
  topicPrefixes?: string[];
  conditions: Condition[];
}

/** What auto-approves a request: the rule's name and the facts it relied on. */
export type AutoApprover = (
  kind: ApprovalKind,
  payload: ApprovalPayload,
  evidence: ApprovalEvidence | null | undefined,
) => { rule: string; reasons: string[] } | undefined;

const NEVER: ApprovalKind[] = ['cdc.deploy', 'cdc.change', 'cdc.decommission'];

/** Reads the enabled rules; refuses a rule that could not be honoured. */
export function readAutoApprovalRules(root: Config): AutoApprovalRule[] {
  const rules =
    root.getOptionalConfigArray('eventStreaming.approvals.autoApprove') ?? [];
  return rules.flatMap((rule, i) => {
    const at = `eventStreaming.approvals.autoApprove[${i}]`;
    if (rule.getOptionalBoolean('enabled') === false) return [];
    const name = rule.getString('name');
    const kind = rule.getString('kind') as ApprovalKind;
    if (NEVER.includes(kind)) {
      throw new InputError(
        `${at} (${name}): ${kind} requests are never approved automatically; a person reviews every change to what a database sends to Kafka`,
      );
    }
    if (kind !== 'topic.delete') {
      throw new InputError(
        `${at} (${name}): kind '${kind}' cannot be approved automatically yet; only topic.delete, whose evidence the rules read`,
      );
    }
    const environments = rule.getStringArray('environments');
    if (environments.length === 0) {
      throw new InputError(`${at} (${name}): name at least one environment`);
    }
    const when = rule.getOptionalConfig('when');
    const conditions = (Object.keys(CONDITIONS) as Condition[]).filter(
      c => when?.getOptionalBoolean(c) ?? true,
    );
    if (conditions.length === 0) {
      throw new InputError(
        `${at} (${name}): a rule without any condition would approve every deletion; keep at least one of ${Object.keys(
          CONDITIONS,
        ).join(', ')}`,
      );
    }
    return [
      {
        name,
        kind,
        environments,
        topicPrefixes: rule.getOptionalStringArray('topicPrefixes'),
        conditions,
      },
    ];
  });
}

/**
 * The first rule a request meets. A condition holds only when its part of
 * the evidence was read and is empty: evidence that could not be read
 * never approves anything.
 */
export function autoApprover(
  rules: AutoApprovalRule[],
  environmentOf: (cluster: string) => string | undefined,
): AutoApprover {
  return (kind, payload, evidence) => {
    if (!evidence || kind !== 'topic.delete') return undefined;
    const p = payload as { cluster: string; topic: string };
    const environment = environmentOf(p.cluster);
    for (const rule of rules) {
      if (rule.kind !== kind) continue;
      if (!environment || !rule.environments.includes(environment)) continue;
      if (
        rule.topicPrefixes &&
        !rule.topicPrefixes.some(prefix => p.topic.startsWith(prefix))
      ) {
        continue;
      }
      const holds = rule.conditions.every(c => {
        const part = evidence.sections.find(
          s => s.id === CONDITIONS[c].section,
        );
        return !!part && !part.problem && part.items.length === 0;
      });
      if (holds) {
        return {
          rule: rule.name,
          reasons: [
            `environment ${environment}`,
            ...rule.conditions.map(c => CONDITIONS[c].met),
          ],
        };
      }
    }
    return undefined;
  };
}
