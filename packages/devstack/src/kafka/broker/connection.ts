/**
 * One client connection: size-prefixed framing, request header parsing,
 * SASL gating and in-order, one-at-a-time request processing (like Kafka,
 * which mutes a channel while a request is in flight).
 */
import type { Socket } from 'node:net';
import { API_CODECS } from '../protocol/generated';
import { ErrorCode } from '../protocol/errors';
import { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import type { BrokerNode, HandlerEntry, RequestContext, SaslState } from './context';
import { advertisedVersions } from './handlers/apiVersions';
import { authenticatePlain } from './handlers/sasl';

const MAX_FRAME = 100 * 1024 * 1024;
const API_VERSIONS = 18;
const SASL_HANDSHAKE = 17;
const SASL_AUTHENTICATE = 36;

export class Connection {
  private pending: Buffer[] = [];
  private queue: Buffer[] = [];
  private processing = false;
  private closed = false;
  private readonly sasl: SaslState;

  constructor(
    private readonly socket: Socket,
    private readonly broker: BrokerNode,
    private readonly handlers: Map<number, HandlerEntry>,
    private readonly onClose: (c: Connection) => void,
  ) {
    this.sasl = { authenticated: !broker.cluster.options.sasl };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  /** Closes the connection; `graceful` flushes already written responses first. */
  close(graceful = false): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    if (graceful) {
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    } else {
      this.socket.destroy();
    }
    this.onClose(this);
  }

  private onData(chunk: Buffer): void {
    this.pending.push(chunk);
    let buf = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    let pos = 0;
    while (buf.length - pos >= 4) {
      const size = buf.readInt32BE(pos);
      if (size < 0 || size > MAX_FRAME) {
        this.broker.logger.warn(`closing connection: invalid frame size ${size}`);
        this.close();
        return;
      }
      if (buf.length - pos - 4 < size) break;
      this.queue.push(buf.subarray(pos + 4, pos + 4 + size));
      pos += 4 + size;
    }
    buf = buf.subarray(pos);
    this.pending = buf.length ? [buf] : [];
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (!this.closed && this.queue.length) {
        const frame = this.queue.shift()!;
        await this.processFrame(frame);
      }
    } catch (e) {
      this.broker.logger.warn(`closing connection after error: ${(e as Error).stack ?? e}`);
      this.close();
    } finally {
      this.processing = false;
    }
  }

  private send(frame: Writer): void {
    if (this.closed) return;
    frame.patchInt32(0, frame.offset - 4);
    this.socket.write(frame.toBuffer());
  }

  private async processFrame(frame: Buffer): Promise<void> {
    if (this.sasl.rawTokenNext) {
      // SaslHandshake v0: the token is sent without a Kafka request header.
      this.sasl.rawTokenNext = false;
      if (!authenticatePlain(this.broker.cluster, frame)) {
        this.broker.logger.info('SASL/PLAIN authentication failed (raw token)');
        this.close();
        return;
      }
      this.sasl.authenticated = true;
      this.socket.write(Buffer.alloc(4));
      return;
    }
    const r = new Reader(frame);
    const apiKey = r.int16();
    const apiVersion = r.int16();
    const correlationId = r.int32();
    const codec = API_CODECS[apiKey];
    const entry = this.handlers.get(apiKey);
    const range = entry && codec ? advertisedVersions(entry, codec) : undefined;
    if (!codec || !entry || !range) {
      this.broker.logger.warn(`closing connection: unsupported API key ${apiKey}`);
      this.close();
      return;
    }
    if (apiVersion < range.min || apiVersion > range.max) {
      if (apiKey === API_VERSIONS) {
        // KIP-511: answer with a v0 body carrying UNSUPPORTED_VERSION and our ranges
        const w = new Writer(512);
        w.int32(0).int32(correlationId);
        codec.encodeResponse(w, 0, {
          errorCode: ErrorCode.UNSUPPORTED_VERSION,
          apiKeys: this.apiVersionsList(),
        });
        this.send(w);
        return;
      }
      this.broker.logger.warn(
        `closing connection: unsupported version ${apiVersion} of API ${codec.name}`,
      );
      this.close();
      return;
    }
    const flexible = codec.flexibleMin >= 0 && apiVersion >= codec.flexibleMin;
    const clientId = r.string();
    if (flexible) r.skipTaggedFields();
    if (!this.sasl.authenticated && apiKey !== API_VERSIONS && apiKey !== SASL_HANDSHAKE && apiKey !== SASL_AUTHENTICATE) {
      this.broker.logger.warn(`closing connection: ${codec.name} before SASL authentication`);
      this.close();
      return;
    }
    const request = codec.decodeRequest(r, apiVersion);
    const ctx: RequestContext = {
      broker: this.broker,
      cluster: this.broker.cluster,
      apiKey,
      apiVersion,
      correlationId,
      clientId,
      clientHost: `/${this.socket.remoteAddress ?? '127.0.0.1'}`,
      sasl: this.sasl,
    };
    const response = await entry.handle(ctx, request);
    if (response === undefined) return;
    const w = new Writer(1024);
    w.int32(0).int32(correlationId);
    if (flexible && apiKey !== API_VERSIONS) w.uvarint(0);
    codec.encodeResponse(w, apiVersion, response);
    this.send(w);
    if (this.sasl.closeAfterResponse) this.close(true);
  }

  private apiVersionsList() {
    const out: { apiKey: number; minVersion: number; maxVersion: number }[] = [];
    for (const entry of this.handlers.values()) {
      const range = advertisedVersions(entry, API_CODECS[entry.apiKey]);
      if (range) out.push({ apiKey: entry.apiKey, minVersion: range.min, maxVersion: range.max });
    }
    return out.sort((a, b) => a.apiKey - b.apiKey);
  }
}
