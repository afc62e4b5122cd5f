import {
  CommittedOffset,
  ConsumerGroupDescription,
  ConsumerGroupListResult,
  ConsumerGroupMember,
  EndOffsets,
  TopicMetadata,
} from '@eventport/plugin-event-streaming-node';
import { AssignerProtocol } from 'kafkajs';
import { InternalGroupRequests, KafkaBrokers } from './kafkajsBrokers';

/** Coordinator lookups are remembered this long; a moved group is looked up again on error. */
const COORDINATOR_TTL_MS = 60_000;
/** Groups per DescribeGroups request. */
const DESCRIBE_BATCH = 500;

/** Errors that say the asked broker no longer coordinates the group. */
const NOT_COORDINATOR = new Set([
  'NOT_COORDINATOR',
  'NOT_COORDINATOR_FOR_GROUP',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
]);

function decodeAssignments(
  protocolType: string,
  assignment: Buffer | null,
): ConsumerGroupMember['assignments'] {
  if (protocolType !== 'consumer' || !assignment || assignment.length === 0) {
    return [];
  }
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(assignment);
    return Object.entries(decoded?.assignment ?? {})
      .map(([topic, partitions]) => ({
        topic,
        partitions: [...partitions].sort((a, b) => a - b),
      }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    // A client with its own assignment format: show the member without it.
    return [];
  }
}

/**
 * Consumer-group requests over kafkajs's connections: ListGroups to every
 * broker, DescribeGroups and OffsetFetch to each group's coordinator, and
 * ListOffsets for many topics at once to each leader.
 */
export class KafkajsGroups {
  private readonly coordinators = new Map<
    string,
    { nodeId: number; until: number }
  >();

  constructor(private readonly brokers: KafkaBrokers) {}

  async listGroups(): Promise<ConsumerGroupListResult> {
    const ids = await this.brokers.nodeIds();
    const answers = await this.brokers.eachBroker(broker =>
      broker.listGroups(),
    );
    const until = Date.now() + COORDINATOR_TTL_MS;
    const result: ConsumerGroupListResult = {
      groups: [],
      unreachableBrokers: [],
    };
    answers.forEach((answer, i) => {
      if (answer === 'unreachable') {
        result.unreachableBrokers.push(ids[i]);
        return;
      }
      for (const group of answer.groups) {
        result.groups.push({
          groupId: group.groupId,
          protocolType: group.protocolType ?? '',
          coordinator: ids[i],
        });
        this.coordinators.set(group.groupId, { nodeId: ids[i], until });
      }
    });
    // Code-unit order, the same on every machine.
    result.groups.sort((a, b) => {
      if (a.groupId === b.groupId) return 0;
      return a.groupId < b.groupId ? -1 : 1;
    });
    return result;
  }

  private async coordinatorOf(groupId: string, fresh = false) {
    const known = this.coordinators.get(groupId);
    if (known && !fresh && known.until > Date.now()) return known.nodeId;
    const answer = await this.brokers.anyBroker(broker =>
      broker.findGroupCoordinator({ groupId, coordinatorType: 0 }),
    );
    const nodeId = answer.coordinator.nodeId;
    this.coordinators.set(groupId, {
      nodeId,
      until: Date.now() + COORDINATOR_TTL_MS,
    });
    return nodeId;
  }

  /** Sends to the group's coordinator; once more after a fresh lookup when it moved. */
  private async toCoordinator<T>(
    groupId: string,
    send: (broker: InternalGroupRequests) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.brokers.broker(await this.coordinatorOf(groupId), send);
    } catch (error) {
      const type = (error as { type?: string })?.type ?? '';
      const moved =
        NOT_COORDINATOR.has(type) ||
        (error as Error)?.name === 'KafkaJSBrokerNotFound' ||
        (error as Error)?.name === 'KafkaJSConnectionError';
      if (!moved) throw error;
      return this.brokers.broker(await this.coordinatorOf(groupId, true), send);
    }
  }

  async describeGroups(
    groupIds: string[],
  ): Promise<ConsumerGroupDescription[]> {
    const byCoordinator = new Map<number, string[]>();
    await Promise.all(
      [...new Set(groupIds)].map(async groupId => {
        const nodeId = await this.coordinatorOf(groupId);
        byCoordinator.set(nodeId, [
          ...(byCoordinator.get(nodeId) ?? []),
          groupId,
        ]);
      }),
    );
    const described = new Map<string, ConsumerGroupDescription>();
    const requests: Array<Promise<void>> = [];
    for (const [nodeId, ids] of byCoordinator) {
      for (let i = 0; i < ids.length; i += DESCRIBE_BATCH) {
        const batch = ids.slice(i, i + DESCRIBE_BATCH);
        requests.push(
          this.brokers
            .broker(nodeId, broker =>
              broker.describeGroups({ groupIds: batch }),
            )
            .catch(async error => {
              // A coordinator that moved: ask group by group, with fresh lookups.
              const type = (error as { type?: string })?.type ?? '';
              if (!NOT_COORDINATOR.has(type)) throw error;
              const groups = [];
              for (const groupId of batch) {
                this.coordinators.delete(groupId);
                const one = await this.toCoordinator(groupId, broker =>
                  broker.describeGroups({ groupIds: [groupId] }),
                );
                groups.push(...one.groups);
              }
              return { groups };
            })
            .then(answer => {
              for (const group of answer.groups) {
                described.set(group.groupId, {
                  groupId: group.groupId,
                  state: group.state || 'Dead',
                  protocolType: group.protocolType ?? '',
                  members: group.members.map(member => ({
                    memberId: member.memberId,
                    clientId: member.clientId,
                    clientHost: member.clientHost,
                    assignments: decodeAssignments(
                      group.protocolType,
                      member.memberAssignment,
                    ),
                  })),
                });
              }
            }),
        );
      }
    }
    await Promise.all(requests);
    return groupIds.map(
      groupId =>
        described.get(groupId) ?? {
          groupId,
          state: 'Dead',
          protocolType: '',
          members: [],
        },
    );
  }

  async fetchCommittedOffsets(groupId: string): Promise<CommittedOffset[]> {
    // An empty topic list is sent as null: every committed offset.
    const answer = await this.toCoordinator(groupId, broker =>
      broker.offsetFetch({ groupId, topics: [] }),
    );
    const offsets: CommittedOffset[] = [];
    for (const response of answer.responses) {
      for (const p of response.partitions) {
        if (p.offset === '-1' || p.offset === undefined) continue;
        offsets.push({
          topic: response.topic,
          partition: p.partition,
          offset: p.offset,
        });
      }
    }
    return offsets.sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition,
    );
  }

  async fetchEndOffsets(
    topics: TopicMetadata[],
  ): Promise<{ offsets: EndOffsets; failed: number[] }> {
    const byLeader = new Map<number, Map<string, number[]>>();
    for (const topic of topics) {
      for (const p of topic.partitions) {
        if (p.leader < 0) continue;
        let ofLeader = byLeader.get(p.leader);
        if (!ofLeader) {
          ofLeader = new Map();
          byLeader.set(p.leader, ofLeader);
        }
        const ids = ofLeader.get(topic.name) ?? [];
        ids.push(p.partition);
        ofLeader.set(topic.name, ids);
      }
    }
    return this.brokers.latestOffsetsByLeader(byLeader);
  }
}
