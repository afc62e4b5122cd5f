/** OffsetCommit, OffsetFetch, ListGroups, DescribeGroups, DeleteGroups. */
import { ErrorCode } from '../../protocol/errors';
import type { DeleteGroupsRequest, DeleteGroupsResponse } from '../../protocol/generated/deleteGroups';
import type { DescribeGroupsRequest, DescribeGroupsResponse, DescribedGroup } from '../../protocol/generated/describeGroups';
import type { ListGroupsRequest, ListGroupsResponse } from '../../protocol/generated/listGroups';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../../protocol/generated/offsetCommit';
import type {
  OffsetFetchRequest,
  OffsetFetchResponse,
  OffsetFetchResponsePartition,
  OffsetFetchResponseTopic,
} from '../../protocol/generated/offsetFetch';
import type { RequestContext } from '../context';
import { isCoordinator } from './groups';

const MAX_METADATA = 4096;

export function handleOffsetCommit(ctx: RequestContext, req: OffsetCommitRequest): OffsetCommitResponse {
  const { cluster } = ctx;
  const generation = ctx.apiVersion >= 1 ? req.generationIdOrMemberEpoch ?? -1 : -1;
  const memberId = ctx.apiVersion >= 1 ? req.memberId ?? '' : '';
  const groupError = !isCoordinator(ctx, req.groupId)
    ? ErrorCode.NOT_COORDINATOR
    : cluster.groups.commitAllowed(req.groupId, memberId, generation);
  const now = Date.now();
  const topics = req.topics.map(t => {
    const topic = cluster.topics.get(t.name);
    return {
      name: t.name,
      partitions: t.partitions.map(p => {
        let errorCode: number = groupError;
        if (!errorCode && !topic?.partitions[p.partitionIndex]) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        if (!errorCode && (p.committedMetadata ?? '').length > MAX_METADATA) errorCode = ErrorCode.OFFSET_METADATA_TOO_LARGE;
        if (!errorCode) {
          cluster.groups.offsets.commit(req.groupId, t.name, p.partitionIndex, {
            offset: p.committedOffset,
            leaderEpoch: p.committedLeaderEpoch ?? -1,
            metadata: p.committedMetadata ?? '',
            commitTimestamp: p.commitTimestamp !== undefined && p.commitTimestamp >= 0 ? p.commitTimestamp : now,
          });
        }
        return { partitionIndex: p.partitionIndex, errorCode };
      }),
    };
  });
  return { throttleTimeMs: 0, topics };
}

function fetchGroupOffsets(
  ctx: RequestContext,
  groupId: string,
  topics: { name?: string; partitionIndexes?: number[] }[] | null | undefined,
): OffsetFetchResponseTopic[] {
  const store = ctx.cluster.groups.offsets;
  const part = (topic: string, index: number): OffsetFetchResponsePartition => {
    const c = store.get(groupId, topic, index);
    return {
      partitionIndex: index,
      committedOffset: c ? c.offset : -1,
      committedLeaderEpoch: c ? c.leaderEpoch : -1,
      metadata: c ? c.metadata : '',
      errorCode: ErrorCode.NONE,
    };
  };
  if (!topics) {
    return [...store.topics(groupId)].map(([name, partitions]) => ({
      name,
      partitions: [...partitions.keys()].sort((a, b) => a - b).map(i => part(name, i)),
    }));
  }
  return topics.map(t => ({
    name: t.name,
    partitions: (t.partitionIndexes ?? []).map(i => part(t.name ?? '', i)),
  }));
}

export function handleOffsetFetch(ctx: RequestContext, req: OffsetFetchRequest): OffsetFetchResponse {
  if (ctx.apiVersion >= 8) {
    const groups = (req.groups ?? []).map(g => {
      const groupId = g.groupId ?? '';
      if (!isCoordinator(ctx, groupId)) return { groupId, topics: [], errorCode: ErrorCode.NOT_COORDINATOR };
      return { groupId, topics: fetchGroupOffsets(ctx, groupId, g.topics), errorCode: ErrorCode.NONE };
    });
    return { throttleTimeMs: 0, groups };
  }
  const groupId = req.groupId ?? '';
  if (!isCoordinator(ctx, groupId)) {
    const topics = (req.topics ?? []).map(t => ({
      name: t.name,
      partitions: (t.partitionIndexes ?? []).map(i => ({
        partitionIndex: i,
        committedOffset: -1,
        metadata: '',
        errorCode: ErrorCode.NOT_COORDINATOR,
      })),
    }));
    return { throttleTimeMs: 0, topics, errorCode: ErrorCode.NOT_COORDINATOR };
  }
  return { throttleTimeMs: 0, topics: fetchGroupOffsets(ctx, groupId, req.topics), errorCode: ErrorCode.NONE };
}

export function handleListGroups(ctx: RequestContext, req: ListGroupsRequest): ListGroupsResponse {
  const states = new Set((req.statesFilter ?? []).map(s => s.toLowerCase()));
  const types = new Set((req.typesFilter ?? []).map(s => s.toLowerCase()));
  const groups = [];
  for (const g of ctx.cluster.groups.groups.values()) {
    if (!isCoordinator(ctx, g.groupId)) continue;
    if (states.size && !states.has(g.state.toLowerCase())) continue;
    if (types.size && !types.has('classic')) continue;
    groups.push({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state, groupType: 'classic' });
  }
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, groups };
}

export function handleDescribeGroups(ctx: RequestContext, req: DescribeGroupsRequest): DescribeGroupsResponse {
  const groups = req.groups.map((groupId): DescribedGroup => {
    const base = { groupId, protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648 };
    if (!isCoordinator(ctx, groupId)) return { ...base, errorCode: ErrorCode.NOT_COORDINATOR, groupState: '' };
    const g = ctx.cluster.groups.groups.get(groupId);
    if (!g) return { ...base, errorCode: ErrorCode.NONE, groupState: 'Dead' };
    const stable = g.state === 'Stable';
    return {
      ...base,
      errorCode: ErrorCode.NONE,
      groupState: g.state,
      protocolType: g.protocolType ?? '',
      protocolData: stable ? g.protocolName ?? '' : '',
      members: [...g.members.values()].map(m => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable ? m.protocols.find(p => p.name === g.protocolName)?.metadata ?? Buffer.alloc(0) : Buffer.alloc(0),
        memberAssignment: stable ? m.assignment : Buffer.alloc(0),
      })),
    };
  });
  return { throttleTimeMs: 0, groups };
}

export function handleDeleteGroups(ctx: RequestContext, req: DeleteGroupsRequest): DeleteGroupsResponse {
  const results = req.groupsNames.map(groupId => ({
    groupId,
    errorCode: isCoordinator(ctx, groupId) ? ctx.cluster.groups.delete(groupId) : ErrorCode.NOT_COORDINATOR,
  }));
  return { throttleTimeMs: 0, results };
}
