/** FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup. */
import { ErrorCode } from '../../protocol/errors';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from '../../protocol/generated/findCoordinator';
import type { HeartbeatRequest, HeartbeatResponse } from '../../protocol/generated/heartbeat';
import type { JoinGroupRequest, JoinGroupResponse } from '../../protocol/generated/joinGroup';
import type { LeaveGroupRequest, LeaveGroupResponse } from '../../protocol/generated/leaveGroup';
import type { SyncGroupRequest, SyncGroupResponse } from '../../protocol/generated/syncGroup';
import type { RequestContext } from '../context';

export const KEY_TYPE_GROUP = 0;
export const KEY_TYPE_TRANSACTION = 1;

export function isCoordinator(ctx: RequestContext, groupId: string): boolean {
  return ctx.cluster.groups.coordinatorFor(groupId) === ctx.broker.nodeId;
}

function locate(ctx: RequestContext, key: string, keyType: number) {
  if (keyType === KEY_TYPE_TRANSACTION) {
    return {
      errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
      errorMessage: 'Transactions are not supported by the devstack broker',
      nodeId: -1,
      host: '',
      port: -1,
    };
  }
  if (keyType !== KEY_TYPE_GROUP) {
    return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported key type ${keyType}`, nodeId: -1, host: '', port: -1 };
  }
  const b = ctx.cluster.broker(ctx.cluster.groups.coordinatorFor(key))!;
  return { errorCode: ErrorCode.NONE, errorMessage: null, nodeId: b.nodeId, host: b.host, port: b.port };
}

export function handleFindCoordinator(ctx: RequestContext, req: FindCoordinatorRequest): FindCoordinatorResponse {
  const keyType = req.keyType ?? 0;
  if (ctx.apiVersion >= 4) {
    const coordinators = (req.coordinatorKeys ?? []).map(key => ({ key, ...locate(ctx, key, keyType) }));
    return { throttleTimeMs: 0, coordinators };
  }
  return { throttleTimeMs: 0, ...locate(ctx, req.key ?? '', keyType) };
}

export async function handleJoinGroup(ctx: RequestContext, req: JoinGroupRequest): Promise<JoinGroupResponse> {
  if (!isCoordinator(ctx, req.groupId)) {
    return { errorCode: ErrorCode.NOT_COORDINATOR, generationId: -1, protocolName: null, leader: '', memberId: req.memberId, members: [] };
  }
  const res = await ctx.cluster.groups.join({
    groupId: req.groupId,
    memberId: req.memberId,
    groupInstanceId: req.groupInstanceId ?? null,
    clientId: ctx.clientId ?? '',
    clientHost: ctx.clientHost,
    sessionTimeoutMs: req.sessionTimeoutMs,
    rebalanceTimeoutMs: ctx.apiVersion >= 1 ? req.rebalanceTimeoutMs ?? req.sessionTimeoutMs : req.sessionTimeoutMs,
    protocolType: req.protocolType,
    protocols: req.protocols,
    requireKnownMemberId: ctx.apiVersion >= 4,
  });
  return {
    throttleTimeMs: 0,
    errorCode: res.errorCode,
    generationId: res.generationId,
    protocolType: res.protocolType,
    protocolName: ctx.apiVersion < 7 ? res.protocolName ?? '' : res.protocolName,
    leader: res.leader,
    skipAssignment: false,
    memberId: res.memberId,
    members: res.members,
  };
}

export async function handleSyncGroup(ctx: RequestContext, req: SyncGroupRequest): Promise<SyncGroupResponse> {
  if (!isCoordinator(ctx, req.groupId)) {
    return { errorCode: ErrorCode.NOT_COORDINATOR, assignment: Buffer.alloc(0) };
  }
  const res = await ctx.cluster.groups.sync(
    req.groupId,
    req.memberId,
    req.generationId,
    req.protocolType,
    req.protocolName,
    req.assignments,
  );
  return { throttleTimeMs: 0, ...res };
}

export function handleHeartbeat(ctx: RequestContext, req: HeartbeatRequest): HeartbeatResponse {
  if (!isCoordinator(ctx, req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR };
  return { throttleTimeMs: 0, errorCode: ctx.cluster.groups.heartbeat(req.groupId, req.memberId, req.generationId) };
}

export function handleLeaveGroup(ctx: RequestContext, req: LeaveGroupRequest): LeaveGroupResponse {
  if (!isCoordinator(ctx, req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR, members: [] };
  const group = ctx.cluster.groups.groups.get(req.groupId);
  const identities =
    ctx.apiVersion >= 3
      ? (req.members ?? []).map(m => ({ memberId: m.memberId ?? '', groupInstanceId: m.groupInstanceId ?? null }))
      : [{ memberId: req.memberId ?? '', groupInstanceId: null }];
  // leaving by group.instance.id alone: find the member that registered it
  const ids = identities.map(i => {
    if (i.memberId !== '' || !i.groupInstanceId || !group) return i.memberId;
    for (const m of group.members.values()) if (m.groupInstanceId === i.groupInstanceId) return m.memberId;
    return '';
  });
  const res = ctx.cluster.groups.leave(req.groupId, ids);
  if (ctx.apiVersion < 3) return { throttleTimeMs: 0, errorCode: res.members[0] };
  return {
    throttleTimeMs: 0,
    errorCode: res.group,
    members: identities.map((i, n) => ({ memberId: i.memberId, groupInstanceId: i.groupInstanceId, errorCode: res.members[n] })),
  };
}
