/**
 * In-memory partition log: a list of record batches stored as produced
 * (baseOffset rewritten), plus per-producer idempotence state.
 * Retention and compaction of data are not implemented.
 */
import { ErrorCode } from '../protocol/errors';
import {
  BatchHeader,
  OFF_ATTRIBUTES,
  OFF_LEADER_EPOCH,
  OFF_MAX_TIMESTAMP,
  TIMESTAMP_TYPE_LOG_APPEND,
  recordTimestamps,
  updateBatchCrc,
  writeInt64At,
} from '../protocol/recordBatch';

export interface StoredBatch {
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  baseTimestamp: number;
  header: BatchHeader;
  data: Buffer;
}

interface ProducerBatch {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface ProducerState {
  epoch: number;
  /** the last few batches (Kafka keeps five) for duplicate detection */
  recent: ProducerBatch[];
}

export interface AppendResult {
  errorCode: number;
  baseOffset: number;
  logAppendTime: number;
  errorMessage?: string;
}

const MAX_CACHED_BATCHES = 5;

export class PartitionLog {
  readonly batches: StoredBatch[] = [];
  logStartOffset = 0;
  nextOffset = 0;
  sizeBytes = 0;
  private producers?: Map<number, ProducerState>;
  private waiters?: Set<() => void>;

  get highWatermark(): number {
    return this.nextOffset;
  }

  /** Checks idempotent-producer sequence numbers; returns an error, a duplicate, or null to append. */
  private checkProducer(h: BatchHeader): AppendResult | null {
    if (h.producerId < 0 || h.baseSequence < 0) return null;
    const state = this.producers?.get(h.producerId);
    if (!state) return null;
    if (h.producerEpoch < state.epoch) {
      return { errorCode: ErrorCode.INVALID_PRODUCER_EPOCH, baseOffset: -1, logAppendTime: -1 };
    }
    if (h.producerEpoch > state.epoch) {
      if (h.baseSequence !== 0) {
        return { errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, baseOffset: -1, logAppendTime: -1 };
      }
      return null;
    }
    const lastSeq = h.baseSequence + h.lastOffsetDelta;
    const dup = state.recent.find(b => b.firstSeq === h.baseSequence && b.lastSeq === lastSeq);
    if (dup) return { errorCode: ErrorCode.NONE, baseOffset: dup.baseOffset, logAppendTime: -1 };
    const last = state.recent[state.recent.length - 1];
    if (last && h.baseSequence !== ((last.lastSeq + 1) | 0) && h.baseSequence !== 0) {
      return {
        errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        baseOffset: -1,
        logAppendTime: -1,
        errorMessage: `expected sequence ${last.lastSeq + 1}, got ${h.baseSequence}`,
      };
    }
    return null;
  }

  private recordProducer(h: BatchHeader, baseOffset: number): void {
    if (h.producerId < 0 || h.baseSequence < 0) return;
    this.producers ??= new Map();
    let state = this.producers.get(h.producerId);
    if (!state || h.producerEpoch > state.epoch) {
      state = { epoch: h.producerEpoch, recent: [] };
      this.producers.set(h.producerId, state);
    }
    state.recent.push({ firstSeq: h.baseSequence, lastSeq: h.baseSequence + h.lastOffsetDelta, baseOffset });
    if (state.recent.length > MAX_CACHED_BATCHES) state.recent.shift();
  }

  /**
   * Appends one validated batch (a slice of the request buffer; it is copied).
   * `logAppendTime` is set when the topic uses LogAppendTime timestamps.
   */
  append(src: Buffer, h: BatchHeader, leaderEpoch: number, logAppendTime: boolean): AppendResult {
    const check = this.checkProducer(h);
    if (check) return check;
    const data = Buffer.from(src.subarray(h.position, h.position + h.size));
    const baseOffset = this.nextOffset;
    const lastOffset = baseOffset + h.lastOffsetDelta;
    writeInt64At(data, 0, baseOffset);
    data.writeInt32BE(leaderEpoch, OFF_LEADER_EPOCH);
    let maxTimestamp = h.maxTimestamp;
    let appendTime = -1;
    if (logAppendTime) {
      appendTime = Date.now();
      maxTimestamp = appendTime;
      data.writeInt16BE(h.attributes | TIMESTAMP_TYPE_LOG_APPEND, OFF_ATTRIBUTES);
      writeInt64At(data, OFF_MAX_TIMESTAMP, appendTime);
      updateBatchCrc(data);
    }
    const header = { ...h, position: 0, baseOffset, maxTimestamp };
    this.batches.push({ baseOffset, lastOffset, maxTimestamp, baseTimestamp: h.baseTimestamp, header, data });
    this.nextOffset = lastOffset + 1;
    this.sizeBytes += data.length;
    this.recordProducer(h, baseOffset);
    this.notify();
    return { errorCode: ErrorCode.NONE, baseOffset, logAppendTime: appendTime };
  }

  /** Index of the first batch whose lastOffset >= offset. */
  private findBatch(offset: number): number {
    let lo = 0;
    let hi = this.batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.batches[mid].lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Reads whole batches from `offset`. At least one batch is returned when
   * `mustReturnOne` (KIP-74) even if it exceeds `maxBytes`.
   */
  read(offset: number, maxBytes: number, mustReturnOne: boolean): Buffer[] {
    const out: Buffer[] = [];
    let size = 0;
    for (let i = this.findBatch(offset); i < this.batches.length; i++) {
      const b = this.batches[i].data;
      if (size + b.length > maxBytes && !(mustReturnOne && out.length === 0)) break;
      out.push(b);
      size += b.length;
    }
    return out;
  }

  /** Bytes available from `offset` (used to decide whether minBytes is satisfied). */
  bytesFrom(offset: number): number {
    let size = 0;
    for (let i = this.findBatch(offset); i < this.batches.length; i++) size += this.batches[i].data.length;
    return size;
  }

  /** First offset whose timestamp >= ts, with that timestamp; null if none. */
  offsetForTimestamp(ts: number): { offset: number; timestamp: number } | null {
    for (const b of this.batches) {
      if (b.maxTimestamp < ts) continue;
      const records = b.header.attributes & TIMESTAMP_TYPE_LOG_APPEND ? null : recordTimestamps(b.data, b.header);
      if (records) {
        const hit = records.find(r => r.timestamp >= ts);
        if (hit) return hit;
      }
      return { offset: b.baseOffset, timestamp: b.maxTimestamp };
    }
    return null;
  }

  /** Offset and timestamp of the record with the largest timestamp (ListOffsets -3). */
  maxTimestampOffset(): { offset: number; timestamp: number } | null {
    let best: StoredBatch | undefined;
    for (const b of this.batches) if (!best || b.maxTimestamp > best.maxTimestamp) best = b;
    if (!best) return null;
    const records = recordTimestamps(best.data, best.header);
    const hit = records?.find(r => r.timestamp === best!.maxTimestamp);
    return { offset: hit ? hit.offset : best.lastOffset, timestamp: best.maxTimestamp };
  }

  onAppend(waiter: () => void): () => void {
    this.waiters ??= new Set();
    this.waiters.add(waiter);
    return () => this.waiters?.delete(waiter);
  }

  notify(): void {
    if (!this.waiters || this.waiters.size === 0) return;
    for (const w of [...this.waiters]) w();
  }
}
