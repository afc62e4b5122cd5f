import {
  ApprovalEvidence,
  ApprovalHistoryEntry,
  ApprovalKind,
  ApprovalRequest,
  ApprovalStatus,
  ApprovalPayload,
} from '@eventport/plugin-event-streaming-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';

const REQUESTS = 'event_streaming_approvals';
const HISTORY = 'event_streaming_approval_history';

type Row = {
  id: string;
  kind: string;
  payload: string;
  status: string;
  requested_by: string;
  reason: string;
  decided_by: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  open_key: string | null;
  lease_until: string | null;
  expires_at: string | null;
  owner: string | null;
  subject: string | null;
  evidence: string | null;
};

/** Statuses in which a request holds its resource (`open_key`). */
const OPEN: ApprovalStatus[] = ['pending', 'approved', 'executing'];

/** True for the database's answer to a second open request on a resource. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' || // PostgreSQL
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed|duplicate key|ER_DUP_ENTRY/i.test(e.message ?? '')
  );
}

/** Another request already holds the resource; `open` is that request. */
export class OpenRequestExists extends Error {
  readonly name = 'OpenRequestExists';
  constructor(readonly openKey: string) {
    super(`An open request already exists for ${openKey}`);
  }
}

type HistoryRow = {
  approval_id: string;
  at: string;
  actor: string;
  action: string;
  status: string;
  comment: string | null;
};

export interface ApprovalListFilter {
  status?: ApprovalStatus;
  /** Only open requests (pending, approved, executing). */
  open?: boolean;
  /** Only requests on this resource. */
  subject?: string;
  /**
   * Who may see: requests by this user, or of these kinds, or on resources
   * these groups own (any of the three). Absent: no restriction.
   */
  visibleTo?: { requestedBy: string; kinds: ApprovalKind[]; owners: string[] };
  /** Narrows further: only requests by this user. */
  requestedBy?: string;
  /** Narrows further: only requests on resources these groups own. */
  owners?: string[];
  offset: number;
  limit: number;
}

export interface Transition {
  from: ApprovalStatus[];
  to: ApprovalStatus;
  actor: string;
  action: ApprovalHistoryEntry['action'];
  comment?: string;
  decidedBy?: string;
  error?: string;
  /** With `to: 'executing'`: the first lease. */
  lease?: Date;
  /** Only if still unchanged since (an expiry must not race a decision). */
  onlyIfExpiredBy?: Date;
}

/**
 * Approval requests in the plugin's database. Every status change is a
 * conditional update (`WHERE status IN (...)`) in one transaction with its
 * history entry, so two deciders or two executors can never both win.
 */
export class ApprovalStore {
  constructor(private readonly db: Knex) {}

  /**
   * Stores a pending request. With `openKey`, the database refuses a second
   * open request on the same resource (OpenRequestExists), atomically.
   */
  async create(options: {
    kind: ApprovalKind;
    payload: ApprovalPayload;
    requestedBy: string;
    reason: string;
    openKey?: string;
    expiresAt?: Date;
    owner?: string;
    subject?: string;
    evidence?: ApprovalEvidence;
  }): Promise<ApprovalRequest> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.db
      .transaction(async tx => {
        await tx<Row>(REQUESTS).insert({
          id,
          kind: options.kind,
          payload: JSON.stringify(options.payload),
          status: 'pending',
          requested_by: options.requestedBy,
          reason: options.reason,
          decided_by: null,
          error: null,
          created_at: now,
          updated_at: now,
          open_key: options.openKey ?? null,
          lease_until: null,
          expires_at: options.expiresAt?.toISOString() ?? null,
          owner: options.owner ?? null,
          subject: options.subject ?? null,
          evidence: options.evidence ? JSON.stringify(options.evidence) : null,
        });
        await tx<HistoryRow>(HISTORY).insert({
          approval_id: id,
          at: now,
          actor: options.requestedBy,
          action: 'requested',
          status: 'pending',
          comment: options.reason,
        });
      })
      .catch(error => {
        if (options.openKey && isUniqueViolation(error)) {
          throw new OpenRequestExists(options.openKey);
        }
        throw error;
      });
    return (await this.get(id))!;
  }

  /** The open request holding a resource, if any. */
  async findByOpenKey(openKey: string): Promise<ApprovalRequest | undefined> {
    const row = await this.db<Row>(REQUESTS)
      .where({ open_key: openKey })
      .first();
    return row ? (await this.withHistory([row]))[0] : undefined;
  }

  /** Sets (or renews) the execution lease of an executing request. */
  async renewLease(id: string, until: Date): Promise<boolean> {
    const updated = await this.db<Row>(REQUESTS)
      .where({ id, status: 'executing' })
      .update({ lease_until: until.toISOString() });
    return updated === 1;
  }

  /** Executing requests whose lease ran out (their process is gone). */
  async listLeaseExpired(now: Date): Promise<ApprovalRequest[]> {
    const rows = await this.db<Row>(REQUESTS)
      .where({ status: 'executing' })
      .where(builder =>
        builder
          .where('lease_until', '<', now.toISOString())
          .orWhereNull('lease_until'),
      );
    return this.withHistory(rows);
  }

  /** Pending requests past their expiry. */
  async listExpired(now: Date): Promise<ApprovalRequest[]> {
    const rows = await this.db<Row>(REQUESTS)
      .where({ status: 'pending' })
      .whereNotNull('expires_at')
      .where('expires_at', '<', now.toISOString());
    return this.withHistory(rows);
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const row = await this.db<Row>(REQUESTS).where({ id }).first();
    if (!row) return undefined;
    const [request] = await this.withHistory([row]);
    return request;
  }

  async list(
    filter: ApprovalListFilter,
  ): Promise<{ items: ApprovalRequest[]; totalCount: number }> {
    const base = this.db<Row>(REQUESTS).where(builder => {
      if (filter.status) builder.where('status', filter.status);
      if (filter.open) builder.whereIn('status', OPEN);
      if (filter.subject) builder.where('subject', filter.subject);
      if (filter.requestedBy) {
        builder.where('requested_by', filter.requestedBy);
      }
      if (filter.owners) builder.whereIn('owner', filter.owners);
      const visible = filter.visibleTo;
      if (visible) {
        builder.where(inner => {
          inner.where('requested_by', visible.requestedBy);
          if (visible.kinds.length) inner.orWhereIn('kind', visible.kinds);
          if (visible.owners.length) inner.orWhereIn('owner', visible.owners);
        });
      }
    });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .offset(filter.offset)
      .limit(filter.limit);
    return { items: await this.withHistory(rows), totalCount: Number(count) };
  }

  /** An open (pending, approved or executing) request for the same payload. */
  async findOpen(
    kind: ApprovalKind,
    payload: ApprovalPayload,
  ): Promise<ApprovalRequest | undefined> {
    const row = await this.db<Row>(REQUESTS)
      .where({ kind, payload: JSON.stringify(payload) })
      .whereIn('status', ['pending', 'approved', 'executing'])
      .first();
    return row ? (await this.withHistory([row]))[0] : undefined;
  }

  /** Open requests (pending, approved, executing) of one kind. */
  async listOpen(kind: ApprovalKind): Promise<ApprovalRequest[]> {
    const rows = await this.db<Row>(REQUESTS)
      .where({ kind })
      .whereIn('status', ['pending', 'approved', 'executing']);
    return this.withHistory(rows);
  }

  /** Requests in `status`, optionally only those unchanged since `updatedBefore`. */
  async listByStatus(
    status: ApprovalStatus,
    updatedBefore?: Date,
  ): Promise<ApprovalRequest[]> {
    const rows = await this.db<Row>(REQUESTS)
      .where({ status })
      .where(builder => {
        if (updatedBefore) {
          builder.where('updated_at', '<', updatedBefore.toISOString());
        }
      });
    return this.withHistory(rows);
  }

  /** Applies the transition if the request is in one of `from`; true when it did. */
  async transition(id: string, t: Transition): Promise<boolean> {
    const now = new Date().toISOString();
    return this.db.transaction(async tx => {
      const changes: Partial<Row> = { status: t.to, updated_at: now };
      // Leaving the open statuses frees the resource for a new request.
      if (!OPEN.includes(t.to)) changes.open_key = null;
      if (t.to !== 'executing') changes.lease_until = null;
      if (t.lease) changes.lease_until = t.lease.toISOString();
      if (t.decidedBy !== undefined) changes.decided_by = t.decidedBy;
      if (t.error !== undefined) changes.error = t.error;
      const updated = await tx<Row>(REQUESTS)
        .where({ id })
        .whereIn('status', t.from)
        .where(builder => {
          if (t.onlyIfExpiredBy) {
            builder.where('expires_at', '<', t.onlyIfExpiredBy.toISOString());
          }
        })
        .update(changes);
      if (updated !== 1) return false;
      await tx<HistoryRow>(HISTORY).insert({
        approval_id: id,
        at: now,
        actor: t.actor,
        action: t.action,
        status: t.to,
        comment: t.comment ?? null,
      });
      return true;
    });
  }

  private async withHistory(rows: Row[]): Promise<ApprovalRequest[]> {
    if (rows.length === 0) return [];
    const history = await this.db<HistoryRow>(HISTORY)
      .whereIn(
        'approval_id',
        rows.map(r => r.id),
      )
      .orderBy('seq', 'asc');
    return rows.map(row => ({
      id: row.id,
      kind: row.kind as ApprovalKind,
      payload: JSON.parse(row.payload),
      status: row.status as ApprovalStatus,
      requestedBy: row.requested_by,
      reason: row.reason,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      decidedBy: row.decided_by,
      error: row.error,
      expiresAt: row.expires_at ?? null,
      owner: row.owner ?? null,
      subject: row.subject ?? null,
      evidence: row.evidence ? JSON.parse(row.evidence) : null,
      history: history
        .filter(h => h.approval_id === row.id)
        .map(h => ({
          at: h.at,
          actor: h.actor,
          action: h.action as ApprovalHistoryEntry['action'],
          status: h.status as ApprovalStatus,
          ...(h.comment !== null ? { comment: h.comment } : {}),
        })),
    }));
  }
}
