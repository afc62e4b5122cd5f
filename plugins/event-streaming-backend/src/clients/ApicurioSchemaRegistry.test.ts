import net from 'node:net';
import { startTestStack, StackHandle } from '@eventport/devstack';
import { ApicurioSchemaRegistry } from './ApicurioSchemaRegistry';

const order = (fields: unknown[]) =>
  JSON.stringify({ type: 'record', name: 'Order', namespace: 'shop', fields });
const V1 = order([{ name: 'id', type: 'string' }]);
const COMPATIBLE = order([
  { name: 'id', type: 'string' },
  { name: 'note', type: 'string', default: '' },
]);
const INCOMPATIBLE = order([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'long' },
]);

/** A port nothing listens on (fetch refuses some well-known ports outright). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(r => server.close(r));
  return port;
}

describe('ApicurioSchemaRegistry against the real Apicurio Registry', () => {
  let stack: StackHandle;
  let registry: ApicurioSchemaRegistry;

  beforeAll(async () => {
    stack = await startTestStack({ registry: true });
    registry = new ApicurioSchemaRegistry({
      cluster: 'test',
      url: stack.registry!.url,
    });
  }, 600_000);

  afterAll(async () => {
    await stack?.stop();
  }, 120_000);

  async function setRule(artifactId: string, mode: string) {
    const res = await fetch(
      `${stack.registry!.url}/groups/shop/artifacts/${artifactId}/rules`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ruleType: 'COMPATIBILITY', config: mode }),
      },
    );
    expect(res.status).toBe(204);
  }

  it('creates an artifact and reads it, its versions and content back', async () => {
    const v1 = await registry.createArtifact({
      groupId: 'shop',
      artifactId: 'orders-value',
      artifactType: 'AVRO',
      content: V1,
      labels: { owner: 'group:default/team-a' },
    });
    expect(v1.version).toBe('1');
    await expect(
      registry.getArtifact('shop', 'orders-value'),
    ).resolves.toMatchObject({
      groupId: 'shop',
      artifactId: 'orders-value',
      artifactType: 'AVRO',
      labels: { owner: 'group:default/team-a' },
    });
    expect(
      JSON.parse(await registry.getContent('shop', 'orders-value', '1')),
    ).toEqual(JSON.parse(V1));
    await expect(
      registry.getCompatibilityRule('shop', 'orders-value'),
    ).resolves.toEqual({
      mode: 'NONE',
      source: 'none',
    });
  });

  it('registers a compatible version, and refuses an incompatible one with the causes (409 or 400 alike)', async () => {
    await setRule('orders-value', 'BACKWARD');
    await expect(
      registry.getCompatibilityRule('shop', 'orders-value'),
    ).resolves.toEqual({
      mode: 'BACKWARD',
      source: 'artifact',
    });
    const ok = await registry.registerVersion(
      'shop',
      'orders-value',
      COMPATIBLE,
    );
    expect(ok).toMatchObject({ registered: true, version: { version: '2' } });

    const refused = await registry.registerVersion(
      'shop',
      'orders-value',
      INCOMPATIBLE,
    );
    expect(refused.registered).toBe(false);
    if (refused.registered) throw new Error('unreachable');
    expect(refused.violations.length).toBeGreaterThan(0);
    expect(
      refused.violations
        .map(v => `${v.description} ${v.context ?? ''}`)
        .join(' '),
    ).toMatch(/amount/);
    expect(
      (await registry.listVersions('shop', 'orders-value')).map(v => v.version),
    ).toEqual(['1', '2']);
  });

  it('answers a dry run without registering', async () => {
    const tried = await registry.registerVersion(
      'shop',
      'orders-value',
      order([
        { name: 'id', type: 'string' },
        { name: 'note', type: 'string', default: '' },
        { name: 'tag', type: 'string', default: '' },
      ]),
      { dryRun: true },
    );
    expect(tried.registered).toBe(true);
    expect(await registry.listVersions('shop', 'orders-value')).toHaveLength(2);
  });

  it('searches and pages artifacts by type', async () => {
    await registry.createArtifact({
      groupId: 'shop',
      artifactId: 'payments-value',
      artifactType: 'JSON',
      content: JSON.stringify({ type: 'object' }),
    });
    const avro = await registry.searchArtifacts({
      artifactType: 'AVRO',
      offset: 0,
      limit: 10,
    });
    expect(avro.artifacts.map(a => a.artifactId)).toEqual(['orders-value']);
    const page = await registry.searchArtifacts({ offset: 1, limit: 1 });
    expect(page.totalCount).toBe(2);
    expect(page.artifacts).toHaveLength(1);
  });

  it('says NotFound for an unknown artifact or version', async () => {
    await expect(registry.getArtifact('shop', 'nope')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(
      registry.getContent('shop', 'orders-value', '99'),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('answers 503 with the cause when the registry is down or does not answer', async () => {
    const down = new ApicurioSchemaRegistry({
      cluster: 'down',
      url: `http://127.0.0.1:${await closedPort()}/apis/registry/v3`,
    });
    await expect(
      down.getArtifact('shop', 'orders-value'),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /schema registry of cluster 'down' is unavailable .*ECONNREFUSED/,
      ),
    });

    // A server that accepts connections and never answers.
    const sockets: net.Socket[] = [];
    const silent = net.createServer(s => sockets.push(s));
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const stalled = new ApicurioSchemaRegistry({
        cluster: 'stalled',
        url: `http://127.0.0.1:${port}/apis/registry/v3`,
        timeoutMs: 1000,
      });
      await expect(
        stalled.getArtifact('shop', 'orders-value'),
      ).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining('did not answer within 1 s'),
      });
    } finally {
      sockets.forEach(s => s.destroy());
      silent.close();
    }
  });
});
