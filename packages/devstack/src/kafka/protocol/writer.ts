/** Growable big-endian writer for Kafka wire-protocol primitives. */
const TWO_32 = 4294967296;

export class Writer {
  buf: Buffer;
  offset = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private ensure(n: number): number {
    const o = this.offset;
    if (o + n > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < o + n) size *= 2;
      const next = Buffer.allocUnsafe(size);
      this.buf.copy(next, 0, 0, o);
      this.buf = next;
    }
    this.offset = o + n;
    return o;
  }

  bool(v: boolean): this {
    const o = this.ensure(1);
    this.buf[o] = v ? 1 : 0;
    return this;
  }

  int8(v: number): this {
    const o = this.ensure(1);
    this.buf.writeInt8(v, o);
    return this;
  }

  int16(v: number): this {
    const o = this.ensure(2);
    this.buf.writeInt16BE(v, o);
    return this;
  }

  int32(v: number): this {
    const o = this.ensure(4);
    this.buf.writeInt32BE(v, o);
    return this;
  }

  uint32(v: number): this {
    const o = this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, o);
    return this;
  }

  int64(v: number): this {
    const o = this.ensure(8);
    const hi = Math.floor(v / TWO_32);
    const lo = v - hi * TWO_32;
    this.buf.writeInt32BE(hi, o);
    this.buf.writeUInt32BE(lo, o + 4);
    return this;
  }

  float64(v: number): this {
    const o = this.ensure(8);
    this.buf.writeDoubleBE(v, o);
    return this;
  }

  uuid(hex: string): this {
    const o = this.ensure(16);
    if (hex.length === 32) this.buf.write(hex, o, 16, 'hex');
    else this.buf.fill(0, o, o + 16);
    return this;
  }

  uvarint(v: number): this {
    let n = v;
    while (n >= 0x80) {
      const pos = this.ensure(1);
      this.buf[pos] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    const last = this.ensure(1);
    this.buf[last] = n;
    return this;
  }

  varint(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  varlong(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  raw(b: Buffer): this {
    const o = this.ensure(b.length);
    b.copy(this.buf, o);
    return this;
  }

  string(s: string | null | undefined): this {
    if (s === null || s === undefined) return this.int16(-1);
    const len = Buffer.byteLength(s);
    this.int16(len);
    const o = this.ensure(len);
    this.buf.write(s, o, len, 'utf8');
    return this;
  }

  compactString(s: string | null | undefined): this {
    if (s === null || s === undefined) return this.uvarint(0);
    const len = Buffer.byteLength(s);
    this.uvarint(len + 1);
    const o = this.ensure(len);
    this.buf.write(s, o, len, 'utf8');
    return this;
  }

  bytes(b: Buffer | null | undefined): this {
    if (b === null || b === undefined) return this.int32(-1);
    this.int32(b.length);
    return this.raw(b);
  }

  compactBytes(b: Buffer | null | undefined): this {
    if (b === null || b === undefined) return this.uvarint(0);
    this.uvarint(b.length + 1);
    return this.raw(b);
  }

  arrayLength(n: number | null, flexible: boolean): this {
    if (flexible) return this.uvarint(n === null ? 0 : n + 1);
    return this.int32(n === null ? -1 : n);
  }

  /** Patches an int32 at a position written earlier (e.g. a size prefix). */
  patchInt32(pos: number, v: number): void {
    this.buf.writeInt32BE(v, pos);
  }

  toBuffer(): Buffer {
    return this.buf.subarray(0, this.offset);
  }
}
