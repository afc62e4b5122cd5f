/**
 * Record batch (magic v2) header handling. The broker stores batches exactly
 * as produced; it only reads the fixed 61-byte header, rewrites baseOffset
 * (and partitionLeaderEpoch), neither of which is covered by the CRC32C, which
 * spans the bytes from `attributes` to the end of the batch.
 */
import { crc32c } from './crc32c';
import { Reader } from './reader';

export const BATCH_HEADER_SIZE = 61;
export const OFF_BASE_OFFSET = 0;
export const OFF_BATCH_LENGTH = 8;
export const OFF_LEADER_EPOCH = 12;
export const OFF_MAGIC = 16;
export const OFF_CRC = 17;
export const OFF_ATTRIBUTES = 21;
export const OFF_LAST_OFFSET_DELTA = 23;
export const OFF_BASE_TIMESTAMP = 27;
export const OFF_MAX_TIMESTAMP = 35;
export const OFF_PRODUCER_ID = 43;
export const OFF_PRODUCER_EPOCH = 51;
export const OFF_BASE_SEQUENCE = 53;
export const OFF_RECORDS_COUNT = 57;

export const COMPRESSION_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export interface BatchHeader {
  /** byte offset of the batch inside the containing buffer */
  position: number;
  /** total size in bytes (12 + batchLength) */
  size: number;
  baseOffset: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordsCount: number;
}

export class BatchFormatError extends Error {}

function int64At(buf: Buffer, o: number): number {
  return buf.readInt32BE(o) * 4294967296 + buf.readUInt32BE(o + 4);
}

export function writeInt64At(buf: Buffer, o: number, v: number): void {
  const hi = Math.floor(v / 4294967296);
  buf.writeInt32BE(hi, o);
  buf.writeUInt32BE(v - hi * 4294967296, o + 4);
}

/** Parses the headers of all batches in a produce/fetch `records` blob. */
export function parseBatches(buf: Buffer): BatchHeader[] {
  const out: BatchHeader[] = [];
  let pos = 0;
  while (pos < buf.length) {
    if (buf.length - pos < BATCH_HEADER_SIZE) {
      throw new BatchFormatError('truncated record batch header');
    }
    const batchLength = buf.readInt32BE(pos + OFF_BATCH_LENGTH);
    const size = 12 + batchLength;
    if (batchLength < BATCH_HEADER_SIZE - 12 || pos + size > buf.length) {
      throw new BatchFormatError(`invalid batch length ${batchLength}`);
    }
    const magic = buf.readInt8(pos + OFF_MAGIC);
    out.push({
      position: pos,
      size,
      baseOffset: int64At(buf, pos + OFF_BASE_OFFSET),
      magic,
      crc: buf.readUInt32BE(pos + OFF_CRC),
      attributes: buf.readInt16BE(pos + OFF_ATTRIBUTES),
      lastOffsetDelta: buf.readInt32BE(pos + OFF_LAST_OFFSET_DELTA),
      baseTimestamp: int64At(buf, pos + OFF_BASE_TIMESTAMP),
      maxTimestamp: int64At(buf, pos + OFF_MAX_TIMESTAMP),
      producerId: int64At(buf, pos + OFF_PRODUCER_ID),
      producerEpoch: buf.readInt16BE(pos + OFF_PRODUCER_EPOCH),
      baseSequence: buf.readInt32BE(pos + OFF_BASE_SEQUENCE),
      recordsCount: buf.readInt32BE(pos + OFF_RECORDS_COUNT),
    });
    pos += size;
  }
  return out;
}

/** Verifies the CRC32C of a batch that starts at `pos`. */
export function batchCrcValid(buf: Buffer, h: BatchHeader): boolean {
  return crc32c(buf, h.position + OFF_ATTRIBUTES, h.position + h.size) === h.crc;
}

/** Recomputes and stores the CRC of a standalone batch buffer. */
export function updateBatchCrc(batch: Buffer): void {
  batch.writeUInt32BE(crc32c(batch, OFF_ATTRIBUTES, batch.length), OFF_CRC);
}

export const compressionOf = (attributes: number) => attributes & 0x07;
export const isTransactional = (attributes: number) => (attributes & 0x10) !== 0;
export const isControl = (attributes: number) => (attributes & 0x20) !== 0;
export const TIMESTAMP_TYPE_LOG_APPEND = 0x08;

export interface RecordTimestamp {
  offset: number;
  timestamp: number;
}

/**
 * Lists the offset and timestamp of each record of an uncompressed batch
 * (used for exact by-timestamp lookups). Returns null for compressed batches.
 */
export function recordTimestamps(batch: Buffer, h: BatchHeader): RecordTimestamp[] | null {
  if (compressionOf(h.attributes) !== 0) return null;
  const r = new Reader(batch, BATCH_HEADER_SIZE, h.size);
  const out: RecordTimestamp[] = [];
  for (let i = 0; i < h.recordsCount; i++) {
    const len = r.varint();
    const end = r.offset + len;
    r.int8(); // attributes
    const tsDelta = r.varlong();
    const offDelta = r.varint();
    out.push({ offset: h.baseOffset + offDelta, timestamp: h.baseTimestamp + tsDelta });
    r.offset = end;
  }
  return out;
}
