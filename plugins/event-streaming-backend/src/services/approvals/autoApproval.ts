/**
 * Auto-approval by policy: rules in `eventStreaming.approvals.autoApprove`
 * under which the system approves a request at once, because its evidence
 * shows the risk is low (e.g. a dev topic nobody reads or writes, or a
 * connector change of `tasks.max` only). The system's decision is written
 * in the request's history and the audit as such. CDC requests, new
 * connectors and connector deletions are never auto-approved.
 */
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ApprovalEvidence,
  ApprovalKind,
  ApprovalPayload,
  ConnectorUpdatePayload,
  isSecretConfigKey,
} from '@eventport/plugin-event-streaming-common';
import {
  CLASS_KEY,
  CONVERTER_KEY,
  FILE_KEY,
  OVERRIDE_PREFIX,
  TOPIC_KEY,
  TOPIC_PREFIX_KEY,
} from '../connectors/connectorRules';

type ConditionSpec = { section: string; met: string };

const READERS_OF_ITS_TOPIC: ConditionSpec = {
  section: 'readers',
  met: "no consumer group reads the artifact's topic",
};

/** What a rule may require of each kind's evidence; each on by default. */
const CONDITIONS = {
  'topic.delete': {
    noReaders: { section: 'readers', met: 'no consumer group reads it' },
    noRecentWrites: {
      section: 'producers',
      met: 'nothing was written to it in the last hour',
    },
    notDeclared: {
      section: 'catalog',
      met: 'no catalog component declares it',
    },
    noConnectors: { section: 'connectors', met: 'no connector uses it' },
  },
  'schema.override': { noReaders: READERS_OF_ITS_TOPIC },
  'schema.rule': { noReaders: READERS_OF_ITS_TOPIC },
  'schema.delete': { noReaders: READERS_OF_ITS_TOPIC },
  'connector.update': {},
} as const satisfies Partial<
  Record<ApprovalKind, Record<string, ConditionSpec>>
>;
type AutoKind = keyof typeof CONDITIONS;

/** Why the other kinds always wait for a person. */
const NEVER: Partial<Record<ApprovalKind, string>> = {
  'cdc.deploy':
    'a person reviews every change to what a database sends to Kafka',
  'cdc.change':
    'a person reviews every change to what a database sends to Kafka',
  'cdc.decommission':
    'dropping a replication slot and a publication on a source database is decided by a person',
  'connector.create':
    'a new connector runs code on the shared workers; a person reviews it',
  'connector.delete':
    "a connector's offsets cannot be restored once it is deleted; a person decides",
};

/**
 * Connector keys whose change alters what the connector reaches (plugin,
 * topics, files, code, client overrides, secrets), as the config policy
 * names them: never in `onlyKeys`.
 */
function reachesFurther(key: string): boolean {
  return (
    key === 'connector.class' ||
    key === 'topics.regex' ||
    /^(transforms|predicates)(\.|$)/.test(key) ||
    [
      TOPIC_KEY,
      TOPIC_PREFIX_KEY,
      FILE_KEY,
      CLASS_KEY,
      CONVERTER_KEY,
      OVERRIDE_PREFIX,
    ].some(pattern => pattern.test(key)) ||
    isSecretConfigKey(key)
  );
}

export interface AutoApprovalRule {
  name: string;
  kind: AutoKind;
  environments: string[];
  /** Only these names (topic, artifact id, connector), by prefix, when given. */
  namePrefixes?: string[];
  /** Evidence sections that must have been read and be empty. */
  conditions: string[];
  /** connector.update: every changed key must be one of these. */
  onlyKeys?: string[];
}

/** What auto-approves a request: the rule's name and the facts it relied on. */
export type AutoApprover = (
  kind: ApprovalKind,
  payload: ApprovalPayload,
  evidence: ApprovalEvidence | null | undefined,
) => { rule: string; reasons: string[] } | undefined;

/** The name a rule's prefixes match: the topic, the artifact id, the connector. */
function nameOf(kind: AutoKind, payload: ApprovalPayload): string {
  const p = payload as { topic?: string; artifactId?: string; name?: string };
  if (kind === 'topic.delete') return p.topic ?? '';
  if (kind.startsWith('schema.')) return p.artifactId ?? '';
  return p.name ?? '';
}

/** Reads the enabled rules; refuses a rule that could not be honoured. */
export function readAutoApprovalRules(root: Config): AutoApprovalRule[] {
  const rules =
    root.getOptionalConfigArray('eventStreaming.approvals.autoApprove') ?? [];
  return rules.flatMap((rule, i) => {
    const at = `eventStreaming.approvals.autoApprove[${i}]`;
    if (rule.getOptionalBoolean('enabled') === false) return [];
    const name = rule.getString('name');
    const kind = rule.getString('kind') as ApprovalKind;
    const never = NEVER[kind];
    if (never) {
      throw new InputError(
        `${at} (${name}): ${kind} requests are never approved automatically: ${never}`,
      );
    }
    if (!(kind in CONDITIONS)) {
      throw new InputError(
        `${at} (${name}): unknown kind '${kind}' (one of ${Object.keys(
          CONDITIONS,
        ).join(', ')})`,
      );
    }
    const autoKind = kind as AutoKind;
    const environments = rule.getStringArray('environments');
    if (environments.length === 0) {
      throw new InputError(`${at} (${name}): name at least one environment`);
    }
    const known = Object.keys(CONDITIONS[autoKind]);
    const when = rule.getOptionalConfig('when');
    for (const key of when?.keys() ?? []) {
      if (!known.includes(key)) {
        throw new InputError(
          `${at} (${name}): '${key}' is not a condition of ${kind} (${
            known.join(', ') || 'it has none; use onlyKeys'
          })`,
        );
      }
    }
    const conditions = known.filter(c => when?.getOptionalBoolean(c) ?? true);
    const onlyKeys = rule.getOptionalStringArray('onlyKeys');
    if (autoKind === 'connector.update') {
      if (!onlyKeys?.length) {
        throw new InputError(
          `${at} (${name}): a connector.update rule names the keys it may approve changes of in onlyKeys, e.g. [tasks.max]`,
        );
      }
      const reaching = onlyKeys.filter(reachesFurther);
      if (reaching.length) {
        throw new InputError(
          `${at} (${name}): ${reaching.join(
            ', ',
          )} change what the connector reaches (plugin, topics, files, code, client overrides or secrets); a person reviews those`,
        );
      }
    } else if (onlyKeys) {
      throw new InputError(
        `${at} (${name}): onlyKeys applies to connector.update rules only`,
      );
    } else if (conditions.length === 0) {
      throw new InputError(
        `${at} (${name}): a rule without any condition would approve every ${kind} request; keep at least one of ${known.join(
          ', ',
        )}`,
      );
    }
    const topicPrefixes = rule.getOptionalStringArray('topicPrefixes');
    if (topicPrefixes && autoKind !== 'topic.delete') {
      throw new InputError(
        `${at} (${name}): topicPrefixes applies to topic.delete rules; use namePrefixes`,
      );
    }
    const namePrefixes =
      rule.getOptionalStringArray('namePrefixes') ?? topicPrefixes;
    return [
      {
        name,
        kind: autoKind,
        environments,
        ...(namePrefixes && { namePrefixes }),
        conditions,
        ...(onlyKeys && { onlyKeys }),
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
    if (!evidence || !(kind in CONDITIONS)) return undefined;
    const autoKind = kind as AutoKind;
    const environment = environmentOf((payload as { cluster: string }).cluster);
    const name = nameOf(autoKind, payload);
    for (const rule of rules) {
      if (rule.kind !== kind) continue;
      if (!environment || !rule.environments.includes(environment)) continue;
      if (
        rule.namePrefixes &&
        !rule.namePrefixes.some(prefix => name.startsWith(prefix))
      ) {
        continue;
      }
      const specs = CONDITIONS[autoKind] as Record<string, ConditionSpec>;
      const holds = rule.conditions.every(c => {
        const part = evidence.sections.find(s => s.id === specs[c].section);
        return !!part && !part.problem && part.items.length === 0;
      });
      if (!holds) continue;
      const reasons = [
        `environment ${environment}`,
        ...rule.conditions.map(c => specs[c].met),
      ];
      if (rule.onlyKeys) {
        const changed = (payload as ConnectorUpdatePayload).changes.map(
          c => c.key,
        );
        if (
          !changed.length ||
          !changed.every(k => rule.onlyKeys!.includes(k))
        ) {
          continue;
        }
        reasons.push(`it changes only ${changed.join(', ')}`);
      }
      return { rule: rule.name, reasons };
    }
    return undefined;
  };
}
