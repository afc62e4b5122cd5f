/**
 * Sequential reader for Kafka wire-protocol primitives.
 *
 * All methods throw a ProtocolError when the buffer ends too early, so a
 * malformed frame can be rejected without touching broker state.
 */
export class ProtocolError extends Error {}

const TWO_32 = 4294967296;

export class Reader {
  offset: number;

  constructor(readonly buf: Buffer, offset = 0, readonly end = buf.length) {
    this.offset = offset;
  }

  remaining(): number {
    return this.end - this.offset;
  }

  private need(n: number): number {
    const o = this.offset;
    if (n < 0 || o + n > this.end) {
      throw new ProtocolError(`buffer underflow: need ${n} bytes at ${o}`);
    }
    this.offset = o + n;
    return o;
  }

  bool(): boolean {
    return this.buf[this.need(1)] !== 0;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1));
  }

  int16(): number {
    return this.buf.readInt16BE(this.need(2));
  }

  uint16(): number {
    return this.buf.readUInt16BE(this.need(2));
  }

  int32(): number {
    return this.buf.readInt32BE(this.need(4));
  }

  uint32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }

  /** int64 as a JS number (exact up to 2^53, which covers offsets and timestamps). */
  int64(): number {
    const o = this.need(8);
    return this.buf.readInt32BE(o) * TWO_32 + this.buf.readUInt32BE(o + 4);
  }

  float64(): number {
    return this.buf.readDoubleBE(this.need(8));
  }

  uuid(): string {
    const o = this.need(16);
    return this.buf.toString('hex', o, o + 16);
  }

  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.buf[this.need(1)];
      if (shift < 28) {
        result |= (b & 0x7f) << shift;
      } else {
        result += (b & 0x7f) * 2 ** shift;
      }
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 35) throw new ProtocolError('uvarint too long');
    }
    return result;
  }

  varint(): number {
    const u = this.uvarint();
    return u & 1 ? -((u + 1) / 2) : u / 2;
  }

  /** zig-zag varlong as number (records only). */
  varlong(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.buf[this.need(1)];
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) {
        return result % 2 === 1 ? -(result + 1) / 2 : result / 2;
      }
      mul *= 128;
    }
    throw new ProtocolError('varlong too long');
  }

  private str(len: number): string {
    const o = this.need(len);
    return this.buf.toString('utf8', o, o + len);
  }

  /** int16-length string, null for length -1. */
  string(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    return this.str(len);
  }

  /** uvarint(length + 1) string, null for 0. */
  compactString(): string | null {
    const len = this.uvarint() - 1;
    if (len < 0) return null;
    return this.str(len);
  }

  bytes(): Buffer | null {
    const len = this.int32();
    if (len < 0) return null;
    const o = this.need(len);
    return this.buf.subarray(o, o + len);
  }

  compactBytes(): Buffer | null {
    const len = this.uvarint() - 1;
    if (len < 0) return null;
    const o = this.need(len);
    return this.buf.subarray(o, o + len);
  }

  /** Array length (int32 or compact); -1 means null. Guards against absurd sizes. */
  arrayLength(flexible: boolean): number {
    const n = flexible ? this.uvarint() - 1 : this.int32();
    if (n > this.remaining()) {
      throw new ProtocolError(`array length ${n} exceeds remaining bytes`);
    }
    return n;
  }

  /** Skips a tagged-field section, returning nothing (unknown tags are ignored). */
  skipTaggedFields(): void {
    const n = this.uvarint();
    for (let i = 0; i < n; i++) {
      this.uvarint();
      const size = this.uvarint();
      this.need(size);
    }
  }

  skip(n: number): void {
    this.need(n);
  }
}
