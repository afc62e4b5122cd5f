import {
  CdcIntrospection,
  CdcPreflightCheck,
  CdcSourceSummary,
  CdcTableRef,
} from '@eventport/plugin-event-streaming-common';
import type {
  CdcReplicationDrop,
  CdcSlotState,
  CdcSourceInspector,
} from './CdcSourceInspector';

/** At most this many connections to one source database at a time. */
export const MAX_CONNECTIONS_PER_SOURCE = 2;
/** Calls that may wait for a connection; past this the answer is 429. */
export const MAX_WAITING_PER_SOURCE = 8;
/** How long an answer is served again without asking the database. */
export const CACHE_MS = { introspect: 30_000, preflight: 30_000, slot: 5_000 };
const MAX_CACHED_PREFLIGHTS = 50;

/** Too many calls wait for the same source database: try again shortly. */
export class SourceBusyError extends Error {
  readonly name = 'SourceBusyError';
  readonly statusCode = 429;
}

type Cached<T> = { at: number; value: Promise<T> };

/**
 * One source's inspector behind a small pool: at most
 * MAX_CONNECTIONS_PER_SOURCE connections at once, a bounded queue (429 past
 * it), and answers cached for a short time (introspection and pre-flight 30
 * s, the replication slot 5 s), shared by concurrent callers. So no loop of
 * calls can exhaust the source database's connections. Failures are not
 * cached.
 */
export class GuardedInspector implements CdcSourceInspector {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private introspection?: Cached<CdcIntrospection>;
  private readonly preflights = new Map<string, Cached<CdcPreflightCheck[]>>();
  private readonly slots = new Map<string, Cached<CdcSlotState | undefined>>();

  constructor(
    private readonly inner: CdcSourceInspector,
    private readonly now: () => number = Date.now,
  ) {}

  get source(): CdcSourceSummary {
    return this.inner.source;
  }

  /** Runs `fn` when a connection slot is free. */
  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_CONNECTIONS_PER_SOURCE) {
      if (this.waiting.length >= MAX_WAITING_PER_SOURCE) {
        throw new SourceBusyError(
          `CDC source '${this.source.id}' is busy (${MAX_CONNECTIONS_PER_SOURCE} connections in use, ${MAX_WAITING_PER_SOURCE} calls waiting): try again in a few seconds.`,
        );
      }
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    this.running += 1;
    try {
      return await fn();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private cached<T>(
    entry: Cached<T> | undefined,
    ttlMs: number,
    load: () => Promise<T>,
    store: (c: Cached<T> | undefined) => void,
  ): Promise<T> {
    if (entry && this.now() - entry.at < ttlMs) return entry.value;
    const value = this.limited(load);
    const fresh = { at: this.now(), value };
    store(fresh);
    value.catch(() => store(undefined));
    return value;
  }

  introspect(): Promise<CdcIntrospection> {
    return this.cached(
      this.introspection,
      CACHE_MS.introspect,
      () => this.inner.introspect(),
      c => {
        this.introspection = c;
      },
    );
  }

  preflight(tables: CdcTableRef[]): Promise<CdcPreflightCheck[]> {
    const key = JSON.stringify(tables);
    return this.cached(
      this.preflights.get(key),
      CACHE_MS.preflight,
      () => this.inner.preflight(tables),
      c => {
        if (!c) {
          this.preflights.delete(key);
          return;
        }
        if (this.preflights.size >= MAX_CACHED_PREFLIGHTS) {
          this.preflights.delete(this.preflights.keys().next().value!);
        }
        this.preflights.set(key, c);
      },
    );
  }

  replicationSlot(name: string): Promise<CdcSlotState | undefined> {
    return this.cached(
      this.slots.get(name),
      CACHE_MS.slot,
      () => this.inner.replicationSlot(name),
      c => {
        if (c) this.slots.set(name, c);
        else this.slots.delete(name);
      },
    );
  }

  /** Never cached; the slot's cached state is dropped with it. */
  /** Not cached: the guard asks on its schedule. */
  eventportSlots(): Promise<CdcSlotState[]> {
    return this.limited(() => this.inner.eventportSlots());
  }

  publicationExists(name: string): Promise<boolean> {
    return this.limited(() => this.inner.publicationExists(name));
  }

  async dropReplication(names: {
    slot: string;
    publication: string;
  }): Promise<CdcReplicationDrop> {
    try {
      return await this.limited(() => this.inner.dropReplication(names));
    } finally {
      this.slots.delete(names.slot);
    }
  }
}
