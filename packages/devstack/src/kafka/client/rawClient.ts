/**
 * Minimal Kafka client over one socket, built on the generated codecs. Used
 * by tests (APIs kafkajs lacks, raw-frame checks) and the benchmark.
 */
import net from 'node:net';
import { API_CODECS } from '../protocol/generated';
import { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';

interface Pending {
  apiKey: number;
  version: number;
  resolve: (v: any) => void;
  reject: (e: Error) => void;
}

export class RawKafkaClient {
  private socket!: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private correlationId = 0;
  private readonly pending = new Map<number, Pending>();
  private rawWaiters: ((frame: Buffer) => void)[] = [];
  closed = false;

  static async connect(host: string, port: number, clientId = 'raw-client'): Promise<RawKafkaClient> {
    const c = new RawKafkaClient(clientId);
    await new Promise<void>((resolve, reject) => {
      c.socket = net.connect(port, host, () => resolve());
      c.socket.once('error', reject);
    });
    c.socket.on('data', (d: Buffer) => c.onData(d));
    c.socket.on('close', () => c.onClose());
    c.socket.on('error', () => {});
    return c;
  }

  private constructor(private readonly clientId: string) {}

  private onClose(): void {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error('connection closed'));
    this.pending.clear();
  }

  private onData(d: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d;
    while (this.buffer.length >= 4) {
      const size = this.buffer.readInt32BE(0);
      if (this.buffer.length < 4 + size) break;
      const frame = this.buffer.subarray(4, 4 + size);
      this.buffer = this.buffer.subarray(4 + size);
      const waiter = this.rawWaiters.shift();
      if (waiter) {
        waiter(frame);
        continue;
      }
      this.onFrame(frame);
    }
  }

  private onFrame(frame: Buffer): void {
    const r = new Reader(frame);
    const id = r.int32();
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    try {
      const codec = API_CODECS[p.apiKey];
      const flexible = codec.flexibleMin >= 0 && p.version >= codec.flexibleMin && p.apiKey !== 18;
      if (flexible) r.skipTaggedFields();
      p.resolve(codec.decodeResponse(r, p.version));
    } catch (e) {
      p.reject(e as Error);
    }
  }

  /** Sends a request and decodes the response with the generated codec. */
  request<T = any>(apiKey: number, version: number, body: unknown): Promise<T> {
    const codec = API_CODECS[apiKey];
    const id = ++this.correlationId;
    const w = new Writer(256);
    w.int32(0).int16(apiKey).int16(version).int32(id).string(this.clientId);
    if (codec.flexibleMin >= 0 && version >= codec.flexibleMin) w.uvarint(0);
    codec.encodeRequest(w, version, body);
    w.patchInt32(0, w.offset - 4);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { apiKey, version, resolve, reject });
      this.socket.write(w.toBuffer());
    });
  }

  /** Writes bytes as-is (for malformed-frame tests). */
  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves with the next response frame, undecoded. */
  nextRawFrame(): Promise<Buffer> {
    return new Promise(resolve => this.rawWaiters.push(resolve));
  }

  /** Resolves when the server closes the connection. */
  waitClosed(timeoutMs = 5000): Promise<boolean> {
    if (this.closed) return Promise.resolve(true);
    return new Promise(resolve => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
