import { createHash } from 'node:crypto';
import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ApprovalKind,
  approvalKindSchema,
  ApprovalListQuery,
  approvalPayloadSchemas,
  ApprovalRequest,
  ApprovalPayload,
  approvalSubjectOf,
  maskConfig,
} from '@eventport/plugin-event-streaming-common';
import { Request } from 'express';
import { Caller } from '../topics/TopicPolicy';
import { ApprovalExecutor, ApprovalExecutors } from './executors';
import { ApprovalNotifier } from './ApprovalNotifier';
import type { EvidenceSource } from './ApprovalEvidence';
import type { AutoApprover } from './autoApproval';
import { ApprovalStore, OpenRequestExists } from './ApprovalStore';

/**
 * A payload as audit events show it: connector configs masked. Literal
 * secrets are refused before a request is made; this is the second guard.
 */
export function redactPayload(payload: ApprovalPayload): ApprovalPayload {
  const config = (payload as { config?: Record<string, string> }).config;
  return config ? { ...payload, config: maskConfig(config) } : payload;
}

/**
 * Decides whether a caller may decide requests of a kind: the configured
 * approvers, and for `cdc.deploy` only the security reviewers.
 */
export type DeciderCheck = (caller: Caller, kind: ApprovalKind) => boolean;

/** Who decides a kind, for refusals: e.g. `the security reviewers (group:default/security)`. */
export type DeciderNames = (kind: ApprovalKind) => string;

/**
 * The group that owns the resource a request acts on (its members see the
 * request and may cancel it), or undefined when nobody does.
 */
export type OwnerResolver = (
  kind: ApprovalKind,
  payload: ApprovalPayload,
) => Promise<string | undefined>;

/**
 * The execution lease: the process running an `executing` request renews it
 * every third of this while the operation runs (a GitOps publish may take
 * minutes); only once it has run out (the process is gone) may the
 * reconciler of any instance settle the request.
 */
export const DEFAULT_EXECUTION_GRACE_MS = 2 * 60_000;

/** How long a pending request may wait for a decision, by default. */
export const DEFAULT_EXPIRY_MS = 7 * 86_400_000;

/**
 * The resource a request acts on, as one string: while a request is open, no
 * second request may hold the same key (a unique index decides, atomically).
 */
export function openKeyOf(
  kind: ApprovalKind,
  payload: ApprovalPayload,
): string {
  const p = payload as Record<string, unknown>;
  switch (kind) {
    case 'topic.delete':
      return `topic:${p.cluster}/${p.topic}`;
    case 'schema.override':
      // One open override per version (its content), as before.
      return `${kind}:${p.cluster}/${p.groupId}/${p.artifactId}#${createHash(
        'sha256',
      )
        .update(String(p.content))
        .digest('hex')}`;
    case 'schema.rule':
    case 'schema.delete':
      return `${kind}:${p.cluster}/${p.groupId}/${p.artifactId}`;
    case 'connector.create':
    case 'connector.update':
    case 'connector.delete':
      return `connector:${p.cluster}/${p.name}`;
    case 'cdc.deploy':
    case 'cdc.decommission':
    case 'cdc.change':
      // One open request per pipeline name, whichever it is.
      return `cdc:${p.cluster}/${p.name}`;
    default:
      return `${kind}:${JSON.stringify(payload)}`;
  }
}

/**
 * The generic approval engine: a request is a kind plus a validated payload.
 * Approval executes the stored payload exactly once; the reconciler finishes
 * records that a crash left in `approved` or `executing`.
 */
export class ApprovalService {
  constructor(
    private readonly store: ApprovalStore,
    private readonly executors: ApprovalExecutors,
    private readonly isDecider: DeciderCheck,
    private readonly notifier: ApprovalNotifier,
    private readonly auditor: AuditorService,
    private readonly logger: LoggerService,
    private readonly executionGraceMs: number = DEFAULT_EXECUTION_GRACE_MS,
    private readonly deciderNames: DeciderNames = () =>
      'the configured approvers',
    private readonly expiryMs: number = DEFAULT_EXPIRY_MS,
    private readonly ownerOf: OwnerResolver = async () => undefined,
    private readonly evidenceOf?: EvidenceSource,
    private readonly autoApprove?: AutoApprover,
  ) {}

  /** The evidence of a request; a failure leaves the request without it, logged. */
  private async findEvidence(
    kind: ApprovalKind,
    payload: ApprovalPayload,
    credentials?: BackstageCredentials,
  ) {
    if (!this.evidenceOf) return undefined;
    try {
      return await this.evidenceOf(kind, payload, credentials);
    } catch (error) {
      this.logger.warn(
        `The evidence of a ${kind} request could not be read: ${
          (error as Error).message
        }`,
      );
      return undefined;
    }
  }

  /**
   * The evidence of a request as it is now, read with the viewer's
   * credentials; 404 for a request the caller may not see.
   */
  async freshEvidence(
    id: string,
    caller: Caller,
    credentials: BackstageCredentials,
  ) {
    const request = await this.get(id, caller);
    const evidence = await this.findEvidence(
      request.kind,
      request.payload,
      credentials,
    );
    if (!evidence) {
      throw new ServiceUnavailableError(
        `The evidence of request ${id} cannot be read now; see the backend's log`,
      );
    }
    return evidence;
  }

  /** The resource's owner group; a lookup that fails leaves the request the requester's. */
  private async resolveOwner(kind: ApprovalKind, payload: ApprovalPayload) {
    try {
      return await this.ownerOf(kind, payload);
    } catch (error) {
      this.logger.warn(
        `The owner of a ${kind} request could not be found: ${
          (error as Error).message
        }`,
      );
      return undefined;
    }
  }

  /** The requester, the members of the resource's owner group, and the deciders of its kind. */
  private mayView(request: ApprovalRequest, caller: Caller): boolean {
    return (
      request.requestedBy === caller.userEntityRef ||
      this.isTeamMember(request, caller) ||
      this.isDecider(caller, request.kind)
    );
  }

  private isTeamMember(request: ApprovalRequest, caller: Caller): boolean {
    return (
      !!request.owner && caller.ownershipEntityRefs.includes(request.owner)
    );
  }

  /** The kinds the caller may decide. */
  private decidableKinds(caller: Caller): ApprovalKind[] {
    return approvalKindSchema.options.filter(kind =>
      this.isDecider(caller, kind),
    );
  }

  /** The request with no access check, for the services that own its subject. */
  lookup(id: string): Promise<ApprovalRequest | undefined> {
    return this.store.get(id);
  }

  /** The executor of a request's kind; the kind decides the payload's type. */
  private executorOf(kind: ApprovalKind): ApprovalExecutor<ApprovalPayload> {
    return this.executors[kind] as ApprovalExecutor<ApprovalPayload>;
  }

  private describe(request: ApprovalRequest) {
    return this.executorOf(request.kind).describe(request.payload);
  }

  async request(options: {
    kind: ApprovalKind;
    payload: ApprovalPayload;
    reason: string;
    caller: Caller;
    httpRequest?: Request;
    /** The requester's, for the parts of the evidence read on their behalf. */
    credentials?: BackstageCredentials;
  }): Promise<ApprovalRequest> {
    const payload = approvalPayloadSchemas[options.kind].parse(options.payload);
    const audit = await this.auditor.createEvent({
      eventId: 'approval-request',
      severityLevel: 'medium',
      request: options.httpRequest,
      meta: {
        kind: options.kind,
        payload: redactPayload(payload),
        actor: options.caller.userEntityRef,
      },
    });
    let created: ApprovalRequest;
    try {
      created = await this.store.create({
        kind: options.kind,
        payload,
        requestedBy: options.caller.userEntityRef,
        reason: options.reason,
        openKey: openKeyOf(options.kind, payload),
        expiresAt: new Date(Date.now() + this.expiryMs),
        owner: await this.resolveOwner(options.kind, payload),
        subject: approvalSubjectOf(options.kind, payload),
        evidence: await this.findEvidence(
          options.kind,
          payload,
          options.credentials,
        ),
      });
    } catch (error) {
      if (!(error instanceof OpenRequestExists)) throw error;
      const open = await this.store.findByOpenKey(error.openKey);
      const conflict = new ConflictError(
        open
          ? `A request for the same resource is already open (${open.kind}, ${open.id}, ${open.status}); wait for its decision or cancel it.`
          : 'A request for the same resource is already open; wait for its decision or cancel it.',
      );
      await audit.fail({ error: conflict });
      throw conflict;
    }
    await audit.success({ meta: { id: created.id } });
    const auto = this.autoApprove?.(options.kind, payload, created.evidence);
    if (auto) return this.approveByRule(created, auto);
    await this.notifier.requested(created, this.describe(created));
    return created;
  }

  /**
   * The system approves a request that a configured rule covers, saying so
   * in its history and the audit, and runs it as any approved request.
   */
  private async approveByRule(
    request: ApprovalRequest,
    auto: { rule: string; reasons: string[] },
  ): Promise<ApprovalRequest> {
    const comment = `Approved automatically by rule '${
      auto.rule
    }': ${auto.reasons.join(', ')}.`;
    const audit = await this.auditor.createEvent({
      eventId: 'approval-decision',
      severityLevel: 'medium',
      meta: {
        id: request.id,
        kind: request.kind,
        payload: redactPayload(request.payload),
        decision: 'approved',
        actor: 'system',
        rule: auto.rule,
      },
    });
    const moved = await this.store.transition(request.id, {
      from: ['pending'],
      to: 'approved',
      actor: 'system',
      action: 'approved',
      comment,
      decidedBy: 'system',
    });
    if (!moved) {
      await audit.fail({
        error: new ConflictError(`Request ${request.id} was decided already`),
      });
      return (await this.store.get(request.id))!;
    }
    await audit.success();
    await this.execute(request.id);
    const final = (await this.store.get(request.id))!;
    await this.notifier.decided(final, this.describe(final), 'system');
    return final;
  }

  findOpen(kind: ApprovalKind, payload: ApprovalPayload) {
    return this.store.findOpen(
      kind,
      approvalPayloadSchemas[kind].parse(payload),
    );
  }

  /** The first open request of a kind whose payload matches. */
  async findOpenWhere(
    kind: ApprovalKind,
    match: (payload: ApprovalPayload) => boolean,
  ): Promise<ApprovalRequest | undefined> {
    return (await this.store.listOpen(kind)).find(r => match(r.payload));
  }

  /**
   * Requests the caller may see: their own, those on resources their groups
   * own, and every request of a kind they decide; `mine`, `team`,
   * `subject` and `open` narrow that down.
   */
  async list(query: ApprovalListQuery, caller: Caller) {
    const kinds = this.decidableKinds(caller);
    const result = await this.store.list({
      status: query.status,
      open: query.open,
      subject: query.subject,
      visibleTo: {
        requestedBy: caller.userEntityRef,
        kinds,
        owners: caller.ownershipEntityRefs,
      },
      ...(query.mine ? { requestedBy: caller.userEntityRef } : {}),
      ...(query.team ? { owners: caller.ownershipEntityRefs } : {}),
      offset: query.offset,
      limit: query.limit,
    });
    return { ...result, canDecide: kinds.length > 0 };
  }

  async get(id: string, caller: Caller): Promise<ApprovalRequest> {
    const request = await this.store.get(id);
    if (!request || !this.mayView(request, caller)) {
      throw new NotFoundError(`No approval request ${id}`);
    }
    return request;
  }

  private async decide(
    id: string,
    caller: Caller,
    decision: 'approved' | 'rejected',
    comment: string | undefined,
    httpRequest?: Request,
  ): Promise<ApprovalRequest> {
    if (this.decidableKinds(caller).length === 0) {
      throw new NotAllowedError(
        'Only the configured approvers, and for CDC pipelines the security reviewers, may decide approval requests.',
      );
    }
    // A request of a kind the caller does not decide stays hidden (404).
    const request = await this.get(id, caller);
    if (!this.isDecider(caller, request.kind)) {
      throw new NotAllowedError(
        `Only ${this.deciderNames(request.kind)} may decide ${
          request.kind
        } requests.`,
      );
    }
    const audit = await this.auditor.createEvent({
      eventId: 'approval-decision',
      severityLevel: 'medium',
      request: httpRequest,
      meta: {
        id,
        kind: request.kind,
        payload: redactPayload(request.payload),
        decision,
        actor: caller.userEntityRef,
      },
    });
    try {
      if (await this.expireIfDue(request)) {
        throw new ConflictError(
          `Request ${id} expired at ${request.expiresAt} without a decision; the requester may ask again.`,
        );
      }
      if (request.requestedBy === caller.userEntityRef) {
        throw new NotAllowedError(
          'Nobody approves or rejects their own request: another approver must decide it.',
        );
      }
      const moved = await this.store.transition(id, {
        from: ['pending'],
        to: decision,
        actor: caller.userEntityRef,
        action: decision,
        comment,
        decidedBy: caller.userEntityRef,
      });
      if (!moved) {
        const now = await this.store.get(id);
        throw new ConflictError(
          `Request ${id} is ${now?.status}; only pending requests can be decided.`,
        );
      }
      await audit.success();
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
    if (decision === 'approved') {
      await this.execute(id);
    }
    const final = (await this.store.get(id))!;
    await this.notifier.decided(final, this.describe(final));
    return final;
  }

  approve(id: string, caller: Caller, comment?: string, httpRequest?: Request) {
    return this.decide(id, caller, 'approved', comment, httpRequest);
  }

  reject(id: string, caller: Caller, comment: string, httpRequest?: Request) {
    return this.decide(id, caller, 'rejected', comment, httpRequest);
  }

  async cancel(id: string, caller: Caller, httpRequest?: Request) {
    const request = await this.get(id, caller);
    const team = this.isTeamMember(request, caller);
    if (request.requestedBy !== caller.userEntityRef && !team) {
      throw new NotAllowedError(
        `Only the requester${
          request.owner ? ` and the members of ${request.owner}` : ''
        } may cancel this request.`,
      );
    }
    const moved = await this.store.transition(id, {
      from: ['pending'],
      to: 'cancelled',
      actor: caller.userEntityRef,
      action: 'cancelled',
      ...(request.requestedBy !== caller.userEntityRef
        ? {
            comment: `Cancelled by ${caller.userEntityRef} for ${request.owner}`,
          }
        : {}),
    });
    if (!moved) {
      throw new ConflictError(
        `Request ${id} is ${request.status}; only pending requests can be cancelled.`,
      );
    }
    const audit = await this.auditor.createEvent({
      eventId: 'approval-cancel',
      severityLevel: 'low',
      request: httpRequest,
      meta: { id, actor: caller.userEntityRef },
    });
    await audit.success();
    const cancelled = (await this.store.get(id))!;
    await this.notifier.decided(
      cancelled,
      this.describe(cancelled),
      caller.userEntityRef,
    );
    return cancelled;
  }

  /** Moves a pending request past its expiry to `expired`; true when it did. */
  private async expireIfDue(request: ApprovalRequest): Promise<boolean> {
    const now = new Date();
    if (
      request.status !== 'pending' ||
      !request.expiresAt ||
      new Date(request.expiresAt) >= now
    ) {
      return false;
    }
    const moved = await this.store.transition(request.id, {
      from: ['pending'],
      to: 'expired',
      actor: 'system',
      action: 'expired',
      comment: `No decision before ${request.expiresAt}.`,
      onlyIfExpiredBy: now,
    });
    if (moved) {
      const audit = await this.auditor.createEvent({
        eventId: 'approval-expired',
        severityLevel: 'low',
        meta: { id: request.id, kind: request.kind },
      });
      await audit.success();
      const expired = (await this.store.get(request.id))!;
      await this.notifier.decided(expired, this.describe(expired), 'system');
    }
    return moved;
  }

  /**
   * Runs the stored payload of an approved request. Only the caller that
   * moves the request from `approved` to `executing` runs it, under a lease
   * it renews until the operation ends.
   */
  private async execute(id: string): Promise<void> {
    const leaseMs = this.executionGraceMs;
    const won = await this.store.transition(id, {
      from: ['approved'],
      to: 'executing',
      actor: 'system',
      action: 'executing',
      lease: new Date(Date.now() + leaseMs),
    });
    if (!won) return;
    const heartbeat = setInterval(() => {
      this.store
        .renewLease(id, new Date(Date.now() + leaseMs))
        .catch(error =>
          this.logger.warn(
            `Cannot renew the lease of approval ${id}: ${error}`,
          ),
        );
    }, Math.max(1000, Math.floor(leaseMs / 3)));
    heartbeat.unref?.();
    try {
      await this.runExecution(id);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async runExecution(id: string): Promise<void> {
    const request = (await this.store.get(id))!;
    const executor = this.executorOf(request.kind);
    const audit = await this.auditor.createEvent({
      eventId: 'approval-execution',
      severityLevel: 'high',
      meta: { id, kind: request.kind, payload: redactPayload(request.payload) },
    });
    let outcome: string | void;
    try {
      outcome = await executor.execute(request.payload);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.store.transition(id, {
        from: ['executing'],
        to: 'failed',
        actor: 'system',
        action: 'failed',
        error: message,
        comment: message,
      });
      await audit.fail({ error: error as Error });
      this.logger.warn(`Approval ${id} failed: ${message}`);
      return;
    }
    await this.store.transition(id, {
      from: ['executing'],
      to: 'executed',
      actor: 'system',
      action: 'executed',
      ...(outcome ? { comment: outcome } : {}),
    });
    await audit.success();
  }

  /**
   * Finishes requests a crash left behind; runs at start-up and on a
   * schedule. `approved` ones never started, so they run now (the conditional
   * move to `executing` lets only one process run each). `executing` ones
   * whose lease ran out are settled by looking at the real state, and
   * are never run a second time.
   */
  async reconcile(): Promise<void> {
    for (const request of await this.store.listExpired(new Date())) {
      await this.expireIfDue(request);
    }
    for (const request of await this.store.listByStatus('approved')) {
      await this.execute(request.id);
    }
    // Only executions whose lease ran out: their process is gone.
    for (const request of await this.store.listLeaseExpired(new Date())) {
      const executor = this.executorOf(request.kind);
      let done: boolean;
      try {
        done = await executor.isDone(request.payload);
      } catch (error) {
        this.logger.warn(
          `Cannot reconcile approval ${request.id} yet: ${error}. It stays executing until the next start.`,
        );
        continue;
      }
      const summary = executor.describe(request.payload);
      await this.store.transition(request.id, {
        from: ['executing'],
        to: done ? 'executed' : 'failed',
        actor: 'system',
        action: 'reconciled',
        ...(done
          ? { comment: `Found done after a restart: ${summary}.` }
          : {
              error: `The backend stopped while executing and the operation is not done (${summary}). It was not retried; request it again if still needed.`,
              comment: 'Interrupted by a restart; not retried.',
            }),
      });
      const audit = await this.auditor.createEvent({
        eventId: 'approval-reconcile',
        severityLevel: 'high',
        meta: { id: request.id, outcome: done ? 'executed' : 'failed' },
      });
      await audit.success();
      this.logger.info(
        `Reconciled approval ${request.id}: ${done ? 'executed' : 'failed'}`,
      );
    }
  }
}
