/**
 * The data of the classic consumer-group protocol: a group, its members, and
 * what JoinGroup and SyncGroup answer. The state machine that moves groups
 * between states lives in ./groups (GroupCoordinator).
 */

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

export interface SyncResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export interface Member {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: { name: string; metadata: Buffer }[];
  assignment: Buffer;
  joinResolve?: (r: JoinResult) => void;
  syncResolve?: (r: SyncResult) => void;
  sessionTimer?: NodeJS.Timeout;
}

export interface JoinRequest {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
  /** JoinGroup v4+: a new member first gets MEMBER_ID_REQUIRED */
  requireKnownMemberId: boolean;
}

export class Group {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  readonly pendingMembers = new Map<string, NodeJS.Timeout>();
  joinTimer?: NodeJS.Timeout;
  initialDelayActive = false;

  constructor(readonly groupId: string) {}
}

/** Java's String.hashCode, as Kafka uses to place a group on a coordinator. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
