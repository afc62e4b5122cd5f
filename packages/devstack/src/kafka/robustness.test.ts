import { ApiKeys } from './protocol/generated';
import { ErrorCode } from './protocol/errors';
import { Reader } from './protocol/reader';
import { Writer } from './protocol/writer';
import { startTestCluster } from './testUtils';

describe('protocol negotiation and robustness', () => {
  let ctx: Awaited<ReturnType<typeof startTestCluster>>;
  beforeAll(async () => {
    ctx = await startTestCluster({ brokers: 1 });
  });
  afterAll(async () => {
    await ctx.broker.close();
  });

  it('advertises only implemented APIs and versions', async () => {
    const client = await ctx.raw();
    const res = await client.request(ApiKeys.ApiVersions, 3, { clientSoftwareName: 'test', clientSoftwareVersion: '1' });
    expect(res.errorCode).toBe(0);
    const byKey = Object.fromEntries(res.apiKeys.map((k: any) => [k.apiKey, [k.minVersion, k.maxVersion]]));
    expect(byKey[ApiKeys.Produce]).toEqual([3, 11]);
    expect(byKey[ApiKeys.Fetch]).toEqual([4, 17]);
    expect(byKey[ApiKeys.ApiVersions]).toEqual([0, 4]);
    expect(byKey[ApiKeys.DeleteRecords]).toBeUndefined();
    client.close();
  });

  it('answers an unsupported ApiVersions version with UNSUPPORTED_VERSION and the list (v0 body)', async () => {
    const client = await ctx.raw();
    const w = new Writer();
    w.int32(0).int16(ApiKeys.ApiVersions).int16(99).int32(42).string('future').uvarint(0).uvarint(0);
    w.patchInt32(0, w.offset - 4);
    const frame = client.nextRawFrame();
    client.writeRaw(w.toBuffer());
    const r = new Reader(await frame);
    expect(r.int32()).toBe(42);
    expect(r.int16()).toBe(ErrorCode.UNSUPPORTED_VERSION);
    const n = r.int32();
    expect(n).toBeGreaterThan(20);
    // the connection stays usable
    const ok = await client.request(ApiKeys.ApiVersions, 2, {});
    expect(ok.errorCode).toBe(0);
    client.close();
  });

  it('closes the connection on unknown API keys, unsupported versions and malformed frames, and keeps serving', async () => {
    const send = async (bytes: Buffer) => {
      const client = await ctx.raw();
      client.writeRaw(bytes);
      expect(await client.waitClosed()).toBe(true);
    };
    const header = (apiKey: number, version: number) => {
      const w = new Writer();
      w.int32(0).int16(apiKey).int16(version).int32(1).string('x');
      w.patchInt32(0, w.offset - 4);
      return w.toBuffer();
    };
    await send(header(999, 0));
    await send(header(ApiKeys.Metadata, 50));
    // Metadata v1 with a topic array claiming 1,000,000 entries
    const w = new Writer();
    w.int32(0).int16(ApiKeys.Metadata).int16(1).int32(1).string('x').int32(1_000_000);
    w.patchInt32(0, w.offset - 4);
    await send(w.toBuffer());
    await send(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    const admin = ctx.kafka().admin();
    await admin.connect();
    expect(await admin.listTopics()).toEqual([]);
    await admin.disconnect();
  });
});
