import type { MonitoringLimits } from '@eventport/plugin-event-streaming-node';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AlertInstance,
  AlertRule,
  AlertRuleListResponse,
  AlertTarget,
  CreateAlertRuleRequest,
  UpdateAlertRuleRequest,
} from '@eventport/plugin-event-streaming-common';
import { ClusterRegistry } from '../ClusterRegistry';
import { inBatches } from '../monitoring/batches';
import { MonitoringService } from '../monitoring/MonitoringService';
import { Caller, TopicPolicy } from '../topics/TopicPolicy';
import {
  AlertRuleSettings,
  AlertRuleStore,
  AlertState,
  StoredAlertRule,
} from './AlertRuleStore';

/** Groups whose topics are read at a time while listing rules. */
const LIST_CONCURRENCY = 8;

const targetLabel = (t: AlertTarget) =>
  t.type === 'topic' ? `topic '${t.topic}'` : `consumer group '${t.group}'`;

function instanceOf(state: AlertState): AlertInstance {
  return {
    groupId: state.groupId,
    state: state.state,
    since: state.since === null ? null : new Date(state.since).toISOString(),
    value: state.value,
  };
}

function settingsOf(
  body: Pick<
    CreateAlertRuleRequest,
    'kind' | 'threshold' | 'forSeconds' | 'severity'
  > & { enabled?: boolean },
): AlertRuleSettings {
  return {
    kind: body.kind,
    // A stalled rule has no threshold; one sent along is not kept.
    threshold: body.kind === 'stalled' ? null : body.threshold ?? null,
    forSeconds: body.forSeconds,
    severity: body.severity,
    enabled: body.enabled ?? true,
  };
}

/**
 * Lag alert rules: who may set them, and whom they notify. A rule belongs
 * to the owner group of its target: the topic's namespace owner, or the
 * group id's namespace owner, or else the namespace owner of the first
 * owned topic the group reads. Members of that group, owners of a topic the
 * group reads, and platform approvers may manage it.
 */
/** A per-user or per-cluster limit is reached: HTTP 429 with the limit's key. */
export class TooManyRequestsError extends Error {
  readonly name = 'TooManyRequestsError';
  readonly statusCode = 429;
}

export class AlertService {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly policy: TopicPolicy,
    private readonly monitoring: MonitoringService,
    private readonly store: AlertRuleStore,
    private readonly limits: MonitoringLimits = {
      watchedGroupsPerCluster: 2_000,
      alertRulesPerUser: 50,
      alertRulesPerCluster: 1_000,
    },
  ) {}

  /** The topics a group has committed offsets on; `NotFoundError` for an unknown group. */
  private async groupTopics(cluster: string, groupId: string) {
    const admin = this.clusters.admin(cluster);
    const [[group], committed] = await Promise.all([
      admin.describeGroups([groupId]),
      admin.fetchCommittedOffsets(groupId),
    ]);
    if ((!group || group.state === 'Dead') && committed.length === 0) {
      throw new NotFoundError(
        `Consumer group '${groupId}' does not exist in cluster '${cluster}': it has no members and no committed offsets.`,
      );
    }
    return [...new Set(committed.map(c => c.topic))].sort();
  }

  /** Checks the target exists and the caller may manage it; returns the owner group. */
  private async ownerFor(
    cluster: string,
    target: AlertTarget,
    caller: Caller,
  ): Promise<string> {
    if (target.type === 'topic') {
      await this.clusters.admin(cluster).describeTopic(target.topic);
      const owner = this.policy.namespaceOf(target.topic)?.owner;
      if (
        !this.policy.owns(caller, target.topic) &&
        !this.policy.isApprover(caller)
      ) {
        throw new NotAllowedError(
          owner
            ? `Topic '${target.topic}' is owned by ${owner}; only its members and platform approvers may set alert rules on it.`
            : `Topic '${target.topic}' is outside every namespace; only platform approvers may set alert rules on it.`,
        );
      }
      if (!owner) throw this.noOwner(target);
      return owner;
    }
    const topics = await this.groupTopics(cluster, target.group);
    const groupOwner = await this.monitoring.owners.ownerOf(
      cluster,
      target.group,
    );
    if (
      !(await this.monitoring.canManageGroup(
        cluster,
        caller,
        target.group,
        topics,
      ))
    ) {
      const owner = groupOwner;
      throw new NotAllowedError(
        `You may not set alert rules on consumer group '${target.group}': ${
          owner ? `it belongs to ${owner}` : 'its id is outside every namespace'
        }, and you own none of the topics it reads (${
          topics.join(', ') || 'none'
        }). Platform approvers may set rules on any group.`,
      );
    }
    const owner =
      groupOwner ??
      topics
        .map(t => this.policy.namespaceOf(t)?.owner)
        .find((o): o is string => !!o);
    if (!owner) throw this.noOwner(target);
    return owner;
  }

  private noOwner(target: AlertTarget) {
    return new InputError(
      `Alerts need an owner group to notify, and ${targetLabel(
        target,
      )} has none: ${
        target.type === 'topic'
          ? 'the topic is outside every namespace'
          : 'neither the group id nor any topic it reads falls in a namespace'
      } (eventStreaming.namespaces). Put it under a team's namespace first.`,
    );
  }

  /**
   * Whether the caller may change the rule. Cheap checks first; the topics a
   * group reads are only read from Kafka when they decide it.
   */
  private async mayEdit(
    rule: StoredAlertRule,
    caller: Caller,
    topicsOf?: (group: string) => Promise<string[]>,
  ): Promise<boolean> {
    if (this.policy.isApprover(caller)) return true;
    if (caller.ownershipEntityRefs.includes(rule.owner)) return true;
    if (rule.target.type === 'topic') {
      return this.policy.owns(caller, rule.target.topic);
    }
    const group = rule.target.group;
    if (await this.monitoring.canManageGroup(rule.cluster, caller, group, [])) {
      return true;
    }
    const topics = topicsOf
      ? await topicsOf(group)
      : await this.groupTopics(rule.cluster, group).catch(error => {
          if (error instanceof NotFoundError) return [];
          throw error;
        });
    return this.monitoring.canManageGroup(rule.cluster, caller, group, topics);
  }

  private toApi(
    rule: StoredAlertRule,
    states: AlertState[],
    canEdit: boolean,
  ): AlertRule {
    return { ...rule, instances: states.map(instanceOf), canEdit };
  }

  private async existing(cluster: string, id: string) {
    const rule = await this.store.get(cluster, id);
    if (!rule) {
      throw new NotFoundError(`No alert rule '${id}' in cluster '${cluster}'`);
    }
    return rule;
  }

  async create(
    cluster: string,
    body: CreateAlertRuleRequest,
    caller: Caller,
  ): Promise<AlertRule> {
    const name = this.clusters.get(cluster).name;
    const owner = await this.ownerFor(name, body.target, caller);
    const counts = await this.store.counts(name, caller.userEntityRef);
    if (counts.user >= this.limits.alertRulesPerUser) {
      throw new TooManyRequestsError(
        `You have ${counts.user} alert rules on cluster '${name}', the most one user may have (eventStreaming.monitoring.limits.alertRulesPerUser = ${this.limits.alertRulesPerUser}). Delete one you no longer need.`,
      );
    }
    if (counts.cluster >= this.limits.alertRulesPerCluster) {
      throw new TooManyRequestsError(
        `Cluster '${name}' has ${counts.cluster} alert rules, the most it may have (eventStreaming.monitoring.limits.alertRulesPerCluster = ${this.limits.alertRulesPerCluster}). Ask the platform team.`,
      );
    }
    const rule = await this.store.create({
      cluster: name,
      target: body.target,
      settings: settingsOf(body),
      owner,
      createdBy: caller.userEntityRef,
    });
    return this.toApi(rule, [], true);
  }

  async list(
    cluster: string,
    filter: {
      group?: string;
      topic?: string;
      offset?: number;
      limit?: number;
    },
    caller: Caller,
  ): Promise<AlertRuleListResponse> {
    const name = this.clusters.get(cluster).name;
    const { offset = 0, limit = 100, ...targets } = filter;
    const [rules, totalCount] = await Promise.all([
      this.store.list(name, targets, { offset, limit }),
      this.store.count(name, targets),
    ]);
    const states = await this.store.statesOf(rules.map(r => r.id));
    // Each group's topics are read at most once per list, and a group or
    // cluster Kafka cannot answer for leaves the rule read-only.
    const topics = new Map<string, Promise<string[]>>();
    const topicsOf = (group: string) => {
      let found = topics.get(group);
      if (!found) {
        found = this.groupTopics(name, group).catch(() => []);
        topics.set(group, found);
      }
      return found;
    };
    const items = await inBatches(rules, LIST_CONCURRENCY, async rule =>
      this.toApi(
        rule,
        states.get(rule.id) ?? [],
        await this.mayEdit(rule, caller, topicsOf),
      ),
    );
    return { items, totalCount };
  }

  private async assertMayEdit(
    rule: StoredAlertRule,
    caller: Caller,
    action: string,
  ) {
    if (await this.mayEdit(rule, caller)) return;
    throw new NotAllowedError(
      `Alert rule '${rule.id}' on ${targetLabel(rule.target)} belongs to ${
        rule.owner
      }; only its members, owners of the target, and platform approvers may ${action} it.`,
    );
  }

  async update(
    cluster: string,
    id: string,
    body: UpdateAlertRuleRequest,
    caller: Caller,
  ): Promise<AlertRule> {
    const name = this.clusters.get(cluster).name;
    const rule = await this.existing(name, id);
    await this.assertMayEdit(rule, caller, 'change');
    const updated = await this.store.update(name, id, settingsOf(body));
    if (!updated)
      throw new NotFoundError(`No alert rule '${id}' in cluster '${name}'`);
    return this.toApi(updated, [], true);
  }

  async delete(cluster: string, id: string, caller: Caller): Promise<void> {
    const name = this.clusters.get(cluster).name;
    const rule = await this.existing(name, id);
    await this.assertMayEdit(rule, caller, 'delete');
    if (!(await this.store.delete(name, id))) {
      throw new NotFoundError(`No alert rule '${id}' in cluster '${name}'`);
    }
  }
}
