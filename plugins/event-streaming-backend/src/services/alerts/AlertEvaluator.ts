import { LoggerService } from '@backstage/backend-plugin-api';
import { AlertSeverity } from '@eventport/plugin-event-streaming-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { GroupIndex } from '../monitoring/GroupIndex';
import { formatDuration, GroupLagResult } from '../monitoring/lagModel';
import { MonitoringService } from '../monitoring/MonitoringService';
import { AlertRuleStore, AlertState, StoredAlertRule } from './AlertRuleStore';

/** The notifications topic users can mute or route in their settings. */
export const ALERT_NOTIFICATION_TOPIC = 'event-streaming-lag-alerts';

/** What one evaluation measured for one group under one rule. */
interface Measurement {
  /** Messages, milliseconds, or 1/0 for stalled; null when unknown. */
  value: number | null;
  holds: boolean;
  /** Why, from the lag model; for the notification's description. */
  reason?: string;
}

/** What one evaluation did, for logs and tests. */
export interface EvaluationReport {
  cluster: string;
  rules: number;
  groups: number;
  fired: number;
  resolved: number;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
/** `1 message`, `2 messages`. */
const messages = (n: number) =>
  `${count(n)} ${Math.round(n) === 1 ? 'message' : 'messages'}`;

/** The measurement of one rule on one group's current lag (absent: the group is gone). */
export function measure(
  rule: Pick<StoredAlertRule, 'kind' | 'threshold' | 'target'>,
  lag: GroupLagResult | undefined,
): Measurement {
  if (!lag) return { value: null, holds: false };
  const partitions =
    rule.target.type === 'topic'
      ? lag.partitions.filter(
          p => rule.target.type === 'topic' && p.topic === rule.target.topic,
        )
      : lag.partitions;
  const threshold = rule.threshold ?? 0;
  if (rule.kind === 'lag-messages') {
    const value = partitions.reduce((sum, p) => sum + p.lag, 0);
    return { value, holds: value > threshold };
  }
  if (rule.kind === 'lag-time') {
    const times = partitions
      .map(p => p.timeLagMs)
      .filter((t): t is number => t !== null);
    const value = times.length ? Math.max(...times) : null;
    return { value, holds: value !== null && value > threshold };
  }
  const stalled = lag.status === 'STALLED' && partitions.some(p => p.lag > 0);
  return {
    value: stalled ? 1 : 0,
    holds: stalled,
    reason: lag.statusReason,
  };
}

/** The sentence of a firing alert, with numbers. */
function firingTitle(
  rule: StoredAlertRule,
  cluster: string,
  group: string,
  value: number | null,
) {
  const where =
    rule.target.type === 'topic'
      ? `on topic ${rule.target.topic} in ${cluster}`
      : `on ${cluster}`;
  const threshold = rule.threshold ?? 0;
  if (rule.kind === 'lag-messages') {
    return `Consumer group ${group} lags ${messages(
      value ?? 0,
    )} ${where} (threshold ${count(threshold)})`;
  }
  if (rule.kind === 'lag-time') {
    return `Consumer group ${group} is ${formatDuration(
      value ?? 0,
    )} behind ${where} (threshold ${formatDuration(threshold)})`;
  }
  return `Consumer group ${group} is stalled ${where}`;
}

function resolvedTitle(
  rule: StoredAlertRule,
  cluster: string,
  group: string,
  m: Measurement,
) {
  const where =
    rule.target.type === 'topic'
      ? `on topic ${rule.target.topic} in ${cluster}`
      : `on ${cluster}`;
  if (m.value === null && rule.kind !== 'lag-time') {
    return `Resolved: consumer group ${group} no longer exists ${where}`;
  }
  const threshold = rule.threshold ?? 0;
  if (rule.kind === 'lag-messages') {
    return `Resolved: consumer group ${group} lags ${messages(
      m.value ?? 0,
    )} ${where}, within the threshold of ${count(threshold)}`;
  }
  if (rule.kind === 'lag-time') {
    return m.value === null
      ? `Resolved: consumer group ${group} has no measurable time lag ${where} any more`
      : `Resolved: consumer group ${group} is ${formatDuration(
          m.value,
        )} behind ${where}, within the threshold of ${formatDuration(
          threshold,
        )}`;
  }
  return `Resolved: consumer group ${group} is no longer stalled ${where}`;
}

/**
 * Evaluates every enabled alert rule against the current lag, after each
 * sampler cycle. A rule's condition must hold for `forSeconds` (pending)
 * before it fires; firing sends one notification to the owner group, and
 * the end of the condition one resolution, under the same notification
 * scope so that Backstage replaces the alert with its resolution.
 *
 * Sending is at most once: the state is written first, and a failed send
 * is logged, not retried.
 */
export class AlertEvaluator {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly store: AlertRuleStore,
    private readonly monitoring: MonitoringService,
    private readonly index: GroupIndex,
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  /** One evaluation of every cluster; a failing cluster does not stop the others. */
  async evaluate(now = Date.now()): Promise<EvaluationReport[]> {
    const reports: EvaluationReport[] = [];
    for (const cluster of this.clusters.list()) {
      try {
        reports.push(await this.evaluateCluster(cluster.name, now));
      } catch (error) {
        this.logger.warn(
          `Evaluating the alert rules of cluster '${cluster.name}' failed: ${
            (error as Error).message
          }`,
        );
      }
    }
    return reports;
  }

  private async evaluateCluster(
    cluster: string,
    now: number,
  ): Promise<EvaluationReport> {
    const report = { cluster, rules: 0, groups: 0, fired: 0, resolved: 0 };
    const rules = await this.store.enabledRules(cluster);
    report.rules = rules.length;
    if (rules.length === 0) return report;
    const states = await this.store.statesOf(rules.map(r => r.id));
    // The groups of each rule: its group, or the topic's readers, plus
    // groups that still have a state (they may have stopped reading).
    const groupsOf = new Map<string, string[]>();
    for (const rule of rules) {
      const current =
        rule.target.type === 'group'
          ? [rule.target.group]
          : await this.index.groupsReading(cluster, rule.target.topic);
      const stated = (states.get(rule.id) ?? []).map(s => s.groupId);
      groupsOf.set(rule.id, [...new Set([...current, ...stated])].sort());
    }
    const all = [...new Set([...groupsOf.values()].flat())].sort();
    report.groups = all.length;
    const lags = all.length
      ? await this.monitoring.lagOfGroups(cluster, all)
      : new Map();
    for (const rule of rules) {
      const byGroup = new Map(
        (states.get(rule.id) ?? []).map(s => [s.groupId, s]),
      );
      for (const group of groupsOf.get(rule.id) ?? []) {
        const found = lags.get(group);
        // A group without members or offsets is gone: never a condition.
        const gone =
          !found || (found.members === 0 && found.topics.length === 0);
        const m = measure(rule, gone ? undefined : found.lag);
        const outcome = await this.step(
          rule,
          cluster,
          group,
          byGroup.get(group),
          m,
          now,
        );
        if (outcome === 'fired') report.fired++;
        if (outcome === 'resolved') report.resolved++;
      }
    }
    return report;
  }

  /** Moves one group's state under one rule; says whether it fired or resolved. */
  private async step(
    rule: StoredAlertRule,
    cluster: string,
    group: string,
    state: AlertState | undefined,
    m: Measurement,
    now: number,
  ): Promise<'fired' | 'resolved' | undefined> {
    const base = { ruleId: rule.id, groupId: group, value: m.value };
    const active = state && state.state !== 'ok' ? state : undefined;
    if (!m.holds) {
      if (rule.target.type === 'group') {
        if (state?.state !== 'ok' || state.value !== m.value) {
          await this.store.putState({
            ...base,
            state: 'ok',
            since: null,
            notifiedAt: null,
          });
        }
      } else if (state) {
        await this.store.deleteState(rule.id, group);
      }
      if (active?.state !== 'firing') return undefined;
      await this.send(
        rule,
        cluster,
        group,
        'low',
        resolvedTitle(rule, cluster, group, m),
        this.describe(rule, cluster, group, m, active.since),
      );
      return 'resolved';
    }
    const since = active?.since ?? now;
    if (active?.state === 'firing') {
      await this.store.putState({ ...active, value: m.value });
      return undefined;
    }
    if (now - since < rule.forSeconds * 1000) {
      await this.store.putState({
        ...base,
        state: 'pending',
        since,
        notifiedAt: null,
      });
      return undefined;
    }
    await this.store.putState({
      ...base,
      state: 'firing',
      since,
      notifiedAt: now,
    });
    await this.send(
      rule,
      cluster,
      group,
      rule.severity,
      firingTitle(rule, cluster, group, m.value),
      this.describe(rule, cluster, group, m, since),
    );
    return 'fired';
  }

  private describe(
    rule: StoredAlertRule,
    cluster: string,
    group: string,
    m: Measurement,
    since: number | null,
  ) {
    const target =
      rule.target.type === 'topic'
        ? `every consumer group reading topic ${rule.target.topic}`
        : `consumer group ${group}`;
    const condition = {
      'lag-messages': `more than ${messages(rule.threshold ?? 0)} of lag`,
      'lag-time': `more than ${formatDuration(
        rule.threshold ?? 0,
      )} of time lag`,
      stalled: 'a stalled status',
    }[rule.kind];
    const held =
      since === null
        ? ''
        : ` The condition started at ${new Date(since).toISOString()}.`;
    const reason = m.reason ? ` ${m.reason}` : '';
    return `Alert rule ${
      rule.id
    } on ${cluster} watches ${target} for ${condition}${
      rule.forSeconds
        ? ` held for ${formatDuration(rule.forSeconds * 1000)}`
        : ''
    }.${held}${reason} Owner: ${rule.owner}.`;
  }

  private async send(
    rule: StoredAlertRule,
    cluster: string,
    group: string,
    severity: AlertSeverity,
    title: string,
    description: string,
  ) {
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: rule.owner },
        payload: {
          title,
          description,
          link: `/event-streaming/clusters/${encodeURIComponent(
            cluster,
          )}/consumer-groups/${encodeURIComponent(group)}`,
          topic: ALERT_NOTIFICATION_TOPIC,
          severity,
          scope: `event-streaming-alert:${rule.id}:${group}`,
        },
      });
    } catch (error) {
      this.logger.warn(`Could not send notification '${title}': ${error}`);
    }
  }
}
