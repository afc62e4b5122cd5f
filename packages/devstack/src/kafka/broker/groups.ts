/**
 * Classic consumer-group coordinator: group state machine (Empty,
 * PreparingRebalance, CompletingRebalance, Stable, Dead), JoinGroup/SyncGroup
 * rebalances, heartbeats and session expiry. Static membership
 * (group.instance.id) is accepted on the wire but treated like dynamic
 * membership. Committed offsets live in ./offsetStore.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/errors';
import type { ClusterState } from './cluster';
import { OffsetStore } from './offsetStore';

import {
  Group,
  JoinRequest,
  JoinResult,
  Member,
  SyncResult,
  javaStringHash,
} from './groupModel';

const EMPTY: Buffer = Buffer.alloc(0);
/** __consumer_offsets partitions (offsets.topic.num.partitions default) */
const OFFSETS_PARTITIONS = 50;

export class GroupCoordinator {
  readonly groups = new Map<string, Group>();
  readonly offsets = new OffsetStore();

  constructor(
    private readonly cluster: ClusterState,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Node id of the coordinator: leader of the group's __consumer_offsets partition. */
  coordinatorFor(groupId: string): number {
    const partition = (javaStringHash(groupId) & 0x7fffffff) % OFFSETS_PARTITIONS;
    const brokers = this.cluster.brokers;
    return brokers[partition % brokers.length].nodeId;
  }

  private opts() {
    return this.cluster.options;
  }

  private result(group: Group, memberId: string, errorCode: number): JoinResult {
    return {
      errorCode,
      generationId: errorCode ? -1 : group.generationId,
      protocolType: group.protocolType,
      protocolName: errorCode ? null : group.protocolName,
      leader: errorCode ? '' : group.leaderId ?? '',
      memberId,
      members: [],
    };
  }

  private joinError(memberId: string, errorCode: number): JoinResult {
    return { errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [] };
  }

  join(req: JoinRequest): Promise<JoinResult> | JoinResult {
    const { groupMinSessionTimeoutMs: min, groupMaxSessionTimeoutMs: max } = this.opts();
    if (req.groupId === '') return this.joinError(req.memberId, ErrorCode.INVALID_GROUP_ID);
    if (req.sessionTimeoutMs < min || req.sessionTimeoutMs > max) {
      return this.joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT);
    }
    let group = this.groups.get(req.groupId);
    if (!group) {
      if (req.memberId !== '') return this.joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID);
      group = new Group(req.groupId);
      this.groups.set(req.groupId, group);
    }
    if (group.state === 'Dead') return this.joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (group.members.size > 0) {
      const common = req.protocols.some(p => this.allSupport(group!, p.name));
      if (req.protocolType !== group.protocolType || !common) {
        return this.joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      }
    } else if (req.protocols.length === 0) {
      return this.joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    let memberId = req.memberId;
    let member: Member | undefined;
    if (memberId === '') {
      memberId = `${req.clientId}-${randomUUID()}`;
      if (req.requireKnownMemberId) {
        const timer = setTimeout(() => group!.pendingMembers.delete(memberId), req.sessionTimeoutMs);
        timer.unref();
        group.pendingMembers.set(memberId, timer);
        return this.joinError(memberId, ErrorCode.MEMBER_ID_REQUIRED);
      }
    } else if (group.pendingMembers.has(memberId)) {
      clearTimeout(group.pendingMembers.get(memberId));
      group.pendingMembers.delete(memberId);
    } else {
      member = group.members.get(memberId);
      if (!member) return this.joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID);
    }
    const sameProtocols =
      !!member &&
      member.protocols.length === req.protocols.length &&
      member.protocols.every((p, i) => p.name === req.protocols[i].name && p.metadata.equals(req.protocols[i].metadata));
    if (!member) {
      member = {
        memberId,
        groupInstanceId: req.groupInstanceId,
        clientId: req.clientId,
        clientHost: req.clientHost,
        sessionTimeoutMs: req.sessionTimeoutMs,
        rebalanceTimeoutMs: req.rebalanceTimeoutMs,
        protocols: req.protocols,
        assignment: EMPTY,
      };
      group.members.set(memberId, member);
      if (group.members.size === 1) group.protocolType = req.protocolType;
    } else {
      member.protocols = req.protocols;
      member.sessionTimeoutMs = req.sessionTimeoutMs;
      member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    }
    const m = member;
    const g = group;
    if (sameProtocols && (g.state === 'CompletingRebalance' || (g.state === 'Stable' && memberId !== g.leaderId))) {
      // a rejoin with unchanged metadata: return the current generation
      this.resetSession(g, m);
      const res = this.result(g, memberId, ErrorCode.NONE);
      if (memberId === g.leaderId) res.members = this.memberList(g);
      return res;
    }
    return new Promise<JoinResult>(resolve => {
      m.joinResolve = resolve;
      if (m.sessionTimer) clearTimeout(m.sessionTimer);
      if (g.state !== 'PreparingRebalance') this.prepareRebalance(g);
      this.maybeCompleteJoin(g);
    });
  }

  private allSupport(group: Group, protocol: string): boolean {
    for (const m of group.members.values()) if (!m.protocols.some(p => p.name === protocol)) return false;
    return true;
  }

  private memberList(group: Group) {
    return [...group.members.values()].map(m => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.protocols.find(p => p.name === group.protocolName)?.metadata ?? EMPTY,
    }));
  }

  private prepareRebalance(group: Group): void {
    if (group.state === 'CompletingRebalance') {
      for (const m of group.members.values()) this.resolveSync(group, m, ErrorCode.REBALANCE_IN_PROGRESS);
    }
    const wasEmpty = group.state === 'Empty';
    group.state = 'PreparingRebalance';
    const initialDelay = this.opts().groupInitialRebalanceDelayMs;
    let delay = 0;
    for (const m of group.members.values()) delay = Math.max(delay, m.rebalanceTimeoutMs);
    group.initialDelayActive = wasEmpty && initialDelay > 0;
    if (group.initialDelayActive) delay = Math.min(initialDelay, delay || initialDelay);
    if (group.joinTimer) clearTimeout(group.joinTimer);
    group.joinTimer = setTimeout(() => {
      group.initialDelayActive = false;
      this.completeJoin(group);
    }, delay);
  }

  private maybeCompleteJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance' || group.initialDelayActive) return;
    for (const m of group.members.values()) if (!m.joinResolve) return;
    this.completeJoin(group);
  }

  private completeJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance') return;
    if (group.joinTimer) clearTimeout(group.joinTimer);
    group.joinTimer = undefined;
    for (const m of [...group.members.values()]) if (!m.joinResolve) this.removeMember(group, m);
    group.generationId++;
    if (group.members.size === 0) {
      group.state = 'Empty';
      group.protocolName = null;
      group.leaderId = null;
      return;
    }
    const first = group.members.values().next().value as Member;
    const candidates = first.protocols.map(p => p.name).filter(name => this.allSupport(group, name));
    group.protocolName = candidates[0] ?? null;
    if (!group.leaderId || !group.members.has(group.leaderId)) group.leaderId = first.memberId;
    group.state = 'CompletingRebalance';
    const list = this.memberList(group);
    for (const m of group.members.values()) {
      const res = this.result(group, m.memberId, ErrorCode.NONE);
      if (m.memberId === group.leaderId) res.members = list;
      const resolve = m.joinResolve!;
      m.joinResolve = undefined;
      this.resetSession(group, m);
      resolve(res);
    }
  }

  private resetSession(group: Group, m: Member): void {
    if (m.sessionTimer) clearTimeout(m.sessionTimer);
    m.sessionTimer = setTimeout(() => this.expire(group, m), m.sessionTimeoutMs);
  }

  private expire(group: Group, m: Member): void {
    if (group.members.get(m.memberId) !== m || m.joinResolve) return;
    this.log(`group ${group.groupId}: member ${m.memberId} session expired`);
    this.removeMember(group, m);
    this.afterMembershipChange(group);
  }

  private removeMember(group: Group, m: Member): void {
    if (m.sessionTimer) clearTimeout(m.sessionTimer);
    group.members.delete(m.memberId);
    if (m.joinResolve) {
      m.joinResolve(this.joinError(m.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      m.joinResolve = undefined;
    }
    this.resolveSync(group, m, ErrorCode.UNKNOWN_MEMBER_ID);
    if (group.leaderId === m.memberId) group.leaderId = null;
  }

  private afterMembershipChange(group: Group): void {
    if (group.state === 'Stable' || group.state === 'CompletingRebalance') this.prepareRebalance(group);
    this.maybeCompleteJoin(group);
  }

  private resolveSync(group: Group, m: Member, errorCode: number, assignment: Buffer = EMPTY): void {
    const resolve = m.syncResolve;
    if (!resolve) return;
    m.syncResolve = undefined;
    resolve({ errorCode, protocolType: group.protocolType, protocolName: group.protocolName, assignment });
  }

  sync(
    groupId: string,
    memberId: string,
    generationId: number,
    protocolType: string | null | undefined,
    protocolName: string | null | undefined,
    assignments: { memberId: string; assignment: Buffer }[],
  ): SyncResult | Promise<SyncResult> {
    const group = this.groups.get(groupId);
    const err = (errorCode: number): SyncResult => ({ errorCode, protocolType: null, protocolName: null, assignment: EMPTY });
    const member = group?.members.get(memberId);
    if (!group || !member) return err(ErrorCode.UNKNOWN_MEMBER_ID);
    if (generationId !== group.generationId) return err(ErrorCode.ILLEGAL_GENERATION);
    if ((protocolType && protocolType !== group.protocolType) || (protocolName && protocolName !== group.protocolName)) {
      return err(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    if (group.state === 'PreparingRebalance') return err(ErrorCode.REBALANCE_IN_PROGRESS);
    if (group.state === 'Stable') {
      this.resetSession(group, member);
      return { errorCode: 0, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment };
    }
    if (group.state !== 'CompletingRebalance') return err(ErrorCode.UNKNOWN_MEMBER_ID);
    this.resetSession(group, member);
    return new Promise<SyncResult>(resolve => {
      member.syncResolve = resolve;
      if (memberId !== group.leaderId) return;
      const byMember = new Map(assignments.map(a => [a.memberId, a.assignment]));
      group.state = 'Stable';
      for (const m of group.members.values()) {
        m.assignment = byMember.get(m.memberId) ?? EMPTY;
        this.resolveSync(group, m, ErrorCode.NONE, m.assignment);
      }
    });
  }

  heartbeat(groupId: string, memberId: string, generationId: number): number {
    const group = this.groups.get(groupId);
    if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const member = group.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.resetSession(group, member);
    if (group.state === 'PreparingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    return ErrorCode.NONE;
  }

  /** Removes members (LeaveGroup); returns an error code per member id. */
  leave(groupId: string, memberIds: string[]): { group: number; members: number[] } {
    const group = this.groups.get(groupId);
    if (!group || group.state === 'Dead') {
      return { group: ErrorCode.UNKNOWN_MEMBER_ID, members: memberIds.map(() => ErrorCode.UNKNOWN_MEMBER_ID) };
    }
    const codes = memberIds.map(id => {
      const m = group.members.get(id);
      if (!m) return ErrorCode.UNKNOWN_MEMBER_ID;
      this.removeMember(group, m);
      return ErrorCode.NONE;
    });
    if (codes.some(c => c === ErrorCode.NONE)) this.afterMembershipChange(group);
    return { group: ErrorCode.NONE, members: codes };
  }

  /** Checks whether an OffsetCommit from this member/generation may be applied. */
  commitAllowed(groupId: string, memberId: string, generationId: number): number {
    let group = this.groups.get(groupId);
    if (groupId === '') return ErrorCode.INVALID_GROUP_ID;
    if (!group) {
      if (generationId >= 0) return ErrorCode.ILLEGAL_GENERATION;
      group = new Group(groupId);
      this.groups.set(groupId, group);
    }
    if (group.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (generationId < 0 && group.state === 'Empty') return ErrorCode.NONE;
    const member = group.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (group.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    this.resetSession(group, member);
    return ErrorCode.NONE;
  }

  delete(groupId: string): number {
    const group = this.groups.get(groupId);
    if (!group || group.state === 'Dead') return ErrorCode.GROUP_ID_NOT_FOUND;
    if (group.state !== 'Empty') return ErrorCode.NON_EMPTY_GROUP;
    group.state = 'Dead';
    this.groups.delete(groupId);
    this.offsets.deleteGroup(groupId);
    return ErrorCode.NONE;
  }

  onTopicDeleted(topic: string): void {
    this.offsets.deleteTopic(topic);
  }

  close(): void {
    for (const group of this.groups.values()) {
      if (group.joinTimer) clearTimeout(group.joinTimer);
      for (const t of group.pendingMembers.values()) clearTimeout(t);
      for (const m of group.members.values()) {
        if (m.sessionTimer) clearTimeout(m.sessionTimer);
        m.joinResolve?.(this.joinError(m.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
        this.resolveSync(group, m, ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
    }
  }
}
