import { mockServices } from '@backstage/backend-test-utils';
import { SchemaOverridePayload } from '@eventport/plugin-event-streaming-common';
import { startTestStack, StackHandle } from '@eventport/devstack';
import { ApicurioSchemaRegistry } from '../../clients/ApicurioSchemaRegistry';
import { ClusterRegistry } from '../ClusterRegistry';
import { RELAXED_RULE_LABEL, schemaOverrideExecutor } from './overrideExecutor';

const record = (fields: unknown[]) =>
  JSON.stringify({ type: 'record', name: 'Refund', namespace: 'shop', fields });
const V1 = record([{ name: 'id', type: 'string' }]);
const BREAKING = record([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'long' },
]);

/**
 * The override executor against the real Apicurio Registry, with the
 * crashes the reconciler must settle: the backend stopping after the rule was
 * relaxed, before or after the version was registered.
 */
// Each test makes several calls to a real Apicurio Registry: on 2 busy
// cores, Jest's default 5 s is too tight.
jest.setTimeout(60_000);

describe('schema override executor', () => {
  let stack: StackHandle;
  let registry: ApicurioSchemaRegistry;
  let executor: ReturnType<typeof schemaOverrideExecutor>;
  const audited: string[] = [];
  let n = 0;

  beforeAll(async () => {
    stack = await startTestStack({ registry: true });
    registry = new ApicurioSchemaRegistry({
      cluster: 'dev-local',
      url: stack.registry!.url,
    });
    const clusters = ClusterRegistry.fromConfig(
      mockServices.rootConfig({
        data: {
          eventStreaming: {
            clusters: [
              {
                name: 'dev-local',
                environment: 'dev',
                brokers: stack.kafka.bootstrapServers,
                schemaRegistry: { url: stack.registry!.url },
              },
            ],
          },
        },
      }),
      { logger: mockServices.logger.mock() },
    );
    // Records the audit events; the auditor is not what is tested here.
    const auditor = mockServices.auditor.mock({
      createEvent: async ({ eventId }) => {
        audited.push(eventId);
        return { success: async () => {}, fail: async () => {} };
      },
    });
    executor = schemaOverrideExecutor(clusters, auditor);
  }, 600_000);

  afterAll(async () => {
    await stack?.stop();
  }, 120_000);

  /** A new artifact with v1 under BACKWARD, and the payload of an override to BREAKING. */
  async function artifact(): Promise<SchemaOverridePayload> {
    n += 1;
    const artifactId = `refunds-${n}-value`;
    const v1 = await registry.createArtifact({
      groupId: 'shop',
      artifactId,
      artifactType: 'AVRO',
      content: V1,
    });
    await registry.setArtifactRule('shop', artifactId, 'BACKWARD');
    return {
      cluster: 'dev-local',
      groupId: 'shop',
      artifactId,
      artifactType: 'AVRO',
      content: BREAKING,
      mode: 'BACKWARD',
      latest: { version: v1.version, globalId: v1.globalId },
    };
  }

  async function state(p: SchemaOverridePayload) {
    const [versions, rule, meta] = await Promise.all([
      registry.listVersions(p.groupId, p.artifactId),
      registry.getArtifactRule(p.groupId, p.artifactId),
      registry.getArtifact(p.groupId, p.artifactId),
    ]);
    return { versions: versions.length, rule, labels: meta.labels };
  }

  /** What `execute` does before registering, as a crash would leave it. */
  async function relaxAsACrashedRunWould(p: SchemaOverridePayload) {
    await registry.setLabels(p.groupId, p.artifactId, {
      [RELAXED_RULE_LABEL]: 'BACKWARD',
    });
    await registry.setArtifactRule(p.groupId, p.artifactId, 'NONE');
  }

  it('registers exactly the approved content with the rule relaxed for that call, then restores it', async () => {
    const p = await artifact();
    await expect(
      registry.registerVersion('shop', p.artifactId, BREAKING),
    ).resolves.toMatchObject({
      registered: false,
    });
    audited.length = 0;
    await executor.execute(p);
    expect(await state(p)).toEqual({
      versions: 2,
      rule: 'BACKWARD',
      labels: {},
    });
    expect(await registry.getContent('shop', p.artifactId, '2')).toBe(BREAKING);
    expect(audited).toEqual(['schema-rule-relax', 'schema-rule-restore']);
    // Run again (a retried execution): nothing is registered twice.
    await executor.execute(p);
    expect((await state(p)).versions).toBe(2);
    await expect(executor.isDone(p)).resolves.toBe(true);
  });

  it('restores the rule when registration fails', async () => {
    const p = {
      ...(await artifact()),
      content: '{"type":"record","name":"Broken"}',
    };
    // The VALIDITY rule refuses invalid Avro whatever the compatibility rule.
    const validity = await fetch(
      `${stack.registry!.url}/groups/shop/artifacts/${p.artifactId}/rules`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ruleType: 'VALIDITY', config: 'FULL' }),
      },
    );
    expect(validity.status).toBe(204);
    await expect(executor.execute(p)).rejects.toThrow(
      'The registry refused the version even with its compatibility rule relaxed',
    );
    expect(await state(p)).toEqual({
      versions: 1,
      rule: 'BACKWARD',
      labels: {},
    });
  });

  it('after a crash between relaxing and registering: restores the rule, reports not done, registers nothing', async () => {
    const p = await artifact();
    await relaxAsACrashedRunWould(p);
    expect((await state(p)).rule).toBe('NONE');
    await expect(executor.isDone(p)).resolves.toBe(false);
    expect(await state(p)).toEqual({
      versions: 1,
      rule: 'BACKWARD',
      labels: {},
    });
  });

  it('after a crash between registering and restoring: restores the rule and finds the version, registered once', async () => {
    const p = await artifact();
    await relaxAsACrashedRunWould(p);
    await registry.registerVersion('shop', p.artifactId, BREAKING);
    await expect(executor.isDone(p)).resolves.toBe(true);
    expect(await state(p)).toEqual({
      versions: 2,
      rule: 'BACKWARD',
      labels: {},
    });
  });

  it('restores "no rule of its own" as no rule', async () => {
    const p = await artifact();
    await registry.setArtifactRule('shop', p.artifactId, null);
    // Reviewed under the rule that applies without one of its own.
    p.mode = (await registry.getCompatibilityRule('shop', p.artifactId)).mode;
    await executor.execute(p);
    expect(await state(p)).toEqual({
      versions: 2,
      rule: undefined,
      labels: {},
    });
  });

  it('refuses when a version was registered after the review, and registers nothing', async () => {
    const p = await artifact();
    const v2 = record([
      { name: 'id', type: 'string' },
      { name: 'note', type: ['null', 'string'], default: null },
    ]);
    await expect(
      registry.registerVersion('shop', p.artifactId, v2),
    ).resolves.toMatchObject({ registered: true });
    audited.length = 0;
    await expect(executor.execute(p)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /latest version of shop\/refunds-\d+-value is 2 .* not 1 .*it was not registered/,
      ),
    });
    expect(await state(p)).toEqual({
      versions: 2,
      rule: 'BACKWARD',
      labels: {},
    });
    expect(audited).toEqual([]);
  });

  it('refuses when the rule changed after the review (BACKWARD reviewed, FULL_TRANSITIVE now)', async () => {
    const p = await artifact();
    await registry.setArtifactRule('shop', p.artifactId, 'FULL_TRANSITIVE');
    await expect(executor.execute(p)).rejects.toThrow(
      /rule of shop\/refunds-\d+-value is FULL_TRANSITIVE now, not BACKWARD/,
    );
    expect(await state(p)).toEqual({
      versions: 1,
      rule: 'FULL_TRANSITIVE',
      labels: {},
    });
  });

  it('refuses a request that does not say which version it was reviewed against', async () => {
    const { latest: _latest, ...p } = await artifact();
    await expect(executor.execute(p)).rejects.toThrow(
      /requested before Eventport recorded the version/,
    );
    expect((await state(p)).versions).toBe(1);
  });
});
