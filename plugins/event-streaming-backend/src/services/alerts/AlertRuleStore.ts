import {
  AlertInstance,
  AlertKind,
  AlertSeverity,
  AlertTarget,
} from '@eventport/plugin-event-streaming-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { WatchSource } from '../monitoring/OffsetSampler';

const RULES = 'event_streaming_alert_rules';
const STATES = 'event_streaming_alert_states';
/** Rule ids per `WHERE IN`: SQLite allows 999 bound parameters per statement. */
const ID_CHUNK = 500;

type RuleRow = {
  id: string;
  cluster: string;
  target_type: string;
  target_name: string;
  kind: string;
  threshold: string | number | null;
  for_seconds: number;
  severity: string;
  enabled: boolean | number;
  owner: string;
  created_by: string;
  created_at: string;
  updated_at: string;
};

type StateRow = {
  rule_id: string;
  group_id: string;
  state: string;
  since: string | number | null;
  value: number | null;
  notified_at: string | number | null;
};

/** A stored rule, without the caller-dependent fields of the API. */
export interface StoredAlertRule {
  id: string;
  cluster: string;
  target: AlertTarget;
  kind: AlertKind;
  threshold: number | null;
  forSeconds: number;
  severity: AlertSeverity;
  enabled: boolean;
  owner: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What a rule does, as created or replaced. */
export interface AlertRuleSettings {
  kind: AlertKind;
  threshold: number | null;
  forSeconds: number;
  severity: AlertSeverity;
  enabled: boolean;
}

/** One group's state under a rule; `since` in epoch milliseconds. */
export interface AlertState {
  ruleId: string;
  groupId: string;
  state: AlertInstance['state'];
  since: number | null;
  value: number | null;
  notifiedAt: number | null;
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

function toRule(row: RuleRow): StoredAlertRule {
  return {
    id: row.id,
    cluster: row.cluster,
    target:
      row.target_type === 'topic'
        ? { type: 'topic', topic: row.target_name }
        : { type: 'group', group: row.target_name },
    kind: row.kind as AlertKind,
    threshold: num(row.threshold),
    forSeconds: Number(row.for_seconds),
    severity: row.severity as AlertSeverity,
    enabled: Boolean(row.enabled),
    owner: row.owner,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toState(row: StateRow): AlertState {
  return {
    ruleId: row.rule_id,
    groupId: row.group_id,
    state: row.state as AlertState['state'],
    since: num(row.since),
    value: row.value === null ? null : Number(row.value),
    notifiedAt: num(row.notified_at),
  };
}

const targetName = (t: AlertTarget) => (t.type === 'topic' ? t.topic : t.group);

/**
 * Alert rules and the state of each group under them. Groups with nothing
 * to report have no state row, except the one group of a group rule, whose
 * last measured value is kept as an `ok` row.
 *
 * It is also a source for the offset sampler: the groups of enabled group
 * rules and the topics of enabled topic rules are sampled every cycle.
 */
export class AlertRuleStore implements WatchSource {
  constructor(private readonly db: Knex) {}

  async create(options: {
    cluster: string;
    target: AlertTarget;
    settings: AlertRuleSettings;
    owner: string;
    createdBy: string;
  }): Promise<StoredAlertRule> {
    const now = new Date().toISOString();
    const row: RuleRow = {
      id: randomUUID(),
      cluster: options.cluster,
      target_type: options.target.type,
      target_name: targetName(options.target),
      kind: options.settings.kind,
      threshold: options.settings.threshold,
      for_seconds: options.settings.forSeconds,
      severity: options.settings.severity,
      enabled: options.settings.enabled,
      owner: options.owner,
      created_by: options.createdBy,
      created_at: now,
      updated_at: now,
    };
    await this.db<RuleRow>(RULES).insert(row);
    return toRule(row);
  }

  async get(cluster: string, id: string): Promise<StoredAlertRule | undefined> {
    const row = await this.db<RuleRow>(RULES).where({ cluster, id }).first();
    return row ? toRule(row) : undefined;
  }

  /** How many rules a cluster has, and how many of them one user created. */
  async counts(
    cluster: string,
    createdBy: string,
  ): Promise<{ cluster: number; user: number }> {
    const [all] = await this.db<RuleRow>(RULES)
      .where({ cluster })
      .count({ count: '*' });
    const [mine] = await this.db<RuleRow>(RULES)
      .where({ cluster, created_by: createdBy })
      .count({ count: '*' });
    return { cluster: Number(all.count), user: Number(mine.count) };
  }

  /** Rules of a cluster, oldest first; with filters, those on the group or the topic. */
  /** The rules of a cluster; with filters, those on the group or the topic. */
  private matching(
    cluster: string,
    filter: { group?: string; topic?: string },
  ) {
    const query = this.db<RuleRow>(RULES).where({ cluster });
    if (filter.group !== undefined || filter.topic !== undefined) {
      query.where(q => {
        if (filter.group !== undefined) {
          q.orWhere({ target_type: 'group', target_name: filter.group });
        }
        if (filter.topic !== undefined) {
          q.orWhere({ target_type: 'topic', target_name: filter.topic });
        }
      });
    }
    return query;
  }

  /** How many rules `list` has over all its pages. */
  async count(
    cluster: string,
    filter: { group?: string; topic?: string } = {},
  ): Promise<number> {
    const [{ count }] = await this.matching(cluster, filter).count({
      count: '*',
    });
    return Number(count);
  }

  async list(
    cluster: string,
    filter: { group?: string; topic?: string } = {},
    page?: { offset: number; limit: number },
  ): Promise<StoredAlertRule[]> {
    const query = this.matching(cluster, filter);
    query.orderBy([
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    if (page) query.offset(page.offset).limit(page.limit);
    const rows = await query;
    return rows.map(toRule);
  }

  /** Enabled rules of a cluster, for the evaluator. */
  async enabledRules(cluster: string): Promise<StoredAlertRule[]> {
    const rows = await this.db<RuleRow>(RULES)
      .where({ cluster, enabled: true })
      .orderBy('id');
    return rows.map(toRule);
  }

  /**
   * Replaces what the rule does, and forgets its states: the evaluation
   * starts over under the new settings.
   */
  async update(
    cluster: string,
    id: string,
    settings: AlertRuleSettings,
  ): Promise<StoredAlertRule | undefined> {
    return this.db.transaction(async tx => {
      const updated = await tx<RuleRow>(RULES).where({ cluster, id }).update({
        kind: settings.kind,
        threshold: settings.threshold,
        for_seconds: settings.forSeconds,
        severity: settings.severity,
        enabled: settings.enabled,
        updated_at: new Date().toISOString(),
      });
      if (updated === 0) return undefined;
      await tx<StateRow>(STATES).where({ rule_id: id }).delete();
      const row = await tx<RuleRow>(RULES).where({ id }).first();
      return row ? toRule(row) : undefined;
    });
  }

  /** Deletes the rule and its states; false when there was no such rule. */
  async delete(cluster: string, id: string): Promise<boolean> {
    return this.db.transaction(async tx => {
      const deleted = await tx<RuleRow>(RULES).where({ cluster, id }).delete();
      if (deleted === 0) return false;
      await tx<StateRow>(STATES).where({ rule_id: id }).delete();
      return true;
    });
  }

  /** The states of these rules, by rule id. */
  async statesOf(ruleIds: string[]): Promise<Map<string, AlertState[]>> {
    const result = new Map<string, AlertState[]>();
    for (let i = 0; i < ruleIds.length; i += ID_CHUNK) {
      const rows = await this.db<StateRow>(STATES)
        .whereIn('rule_id', ruleIds.slice(i, i + ID_CHUNK))
        .orderBy('group_id');
      for (const row of rows) {
        const state = toState(row);
        result.set(state.ruleId, [...(result.get(state.ruleId) ?? []), state]);
      }
    }
    return result;
  }

  /** Inserts or replaces one group's state under a rule. */
  async putState(state: AlertState): Promise<void> {
    await this.db<StateRow>(STATES)
      .insert({
        rule_id: state.ruleId,
        group_id: state.groupId,
        state: state.state,
        since: state.since,
        value: state.value,
        notified_at: state.notifiedAt,
      })
      .onConflict(['rule_id', 'group_id'])
      .merge();
  }

  async deleteState(ruleId: string, groupId: string): Promise<void> {
    await this.db<StateRow>(STATES)
      .where({ rule_id: ruleId, group_id: groupId })
      .delete();
  }

  async watched(cluster: string) {
    const rows = await this.db<RuleRow>(RULES)
      .where({ cluster, enabled: true })
      .distinct('target_type', 'target_name');
    const of = (type: string) =>
      rows
        .filter(r => r.target_type === type)
        .map(r => r.target_name)
        .sort();
    return { groups: of('group'), topics: of('topic') };
  }
}
