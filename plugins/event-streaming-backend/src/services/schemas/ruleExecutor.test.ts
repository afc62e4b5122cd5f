import { mockServices } from '@backstage/backend-test-utils';
import { SchemaRulePayload } from '@eventport/plugin-event-streaming-common';
import { startTestStack, StackHandle } from '@eventport/devstack';
import { apicurio } from '../../__testUtils__/apicurio';
import { ClusterRegistry } from '../ClusterRegistry';
import { schemaRuleExecutor } from './ruleExecutor';

const V1 = JSON.stringify({
  type: 'record',
  name: 'Refund',
  namespace: 'shop',
  fields: [{ name: 'id', type: 'string' }],
});

/** The `schema.rule` executor against the real Apicurio Registry. */
describe('schema rule executor', () => {
  let stack: StackHandle;
  let registry: ReturnType<typeof apicurio>;
  let executor: ReturnType<typeof schemaRuleExecutor>;
  const audited: Array<{ eventId: string; meta?: object; outcome?: string }> =
    [];
  let n = 0;

  beforeAll(async () => {
    stack = await startTestStack({ registry: true });
    registry = apicurio(stack.registry!.url);
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
    const auditor = mockServices.auditor.mock({
      createEvent: async ({ eventId, severityLevel, meta }) => {
        const entry: (typeof audited)[number] = {
          eventId: `${eventId}:${severityLevel}`,
          meta,
        };
        audited.push(entry);
        return {
          success: async () => {
            entry.outcome = 'success';
          },
          fail: async () => {
            entry.outcome = 'fail';
          },
        };
      },
    });
    executor = schemaRuleExecutor(clusters, auditor);
  }, 600_000);

  afterAll(async () => {
    await stack?.stop();
  }, 120_000);

  async function payload(rule: string | undefined, mode: 'NONE' | 'FORWARD') {
    const artifactId = `refunds-${++n}-value`;
    await registry.createArtifact('shop', artifactId, V1, { rule });
    const p: SchemaRulePayload = {
      cluster: 'dev-local',
      groupId: 'shop',
      artifactId,
      mode,
      previous: 'BACKWARD',
    };
    return p;
  }

  it('describes the change', async () => {
    expect(
      executor.describe({
        cluster: 'dev-local',
        groupId: 'shop',
        artifactId: 'refunds-value',
        mode: 'NONE',
        previous: 'BACKWARD',
      }),
    ).toBe(
      "weaken the COMPATIBILITY rule of schema shop/refunds-value on cluster 'dev-local' from BACKWARD to NONE",
    );
  });

  it('sets the artifact’s own rule to the approved mode, audited; isDone reads it back', async () => {
    const p = await payload('BACKWARD', 'FORWARD');
    await expect(executor.isDone(p)).resolves.toBe(false);
    audited.length = 0;
    await executor.execute(p);
    expect(await registry.rule('shop', p.artifactId)).toBe('FORWARD');
    expect(audited).toEqual([
      {
        eventId: 'schema-rule-change:high',
        meta: {
          cluster: 'dev-local',
          groupId: 'shop',
          artifactId: p.artifactId,
          from: 'BACKWARD',
          to: 'FORWARD',
          approved: true,
        },
        outcome: 'success',
      },
    ]);
    await expect(executor.isDone(p)).resolves.toBe(true);
    // A retried execution changes nothing.
    await executor.execute(p);
    expect(await registry.rule('shop', p.artifactId)).toBe('FORWARD');
  });

  it('gives the artifact a rule of its own when it had none', async () => {
    const p = await payload(undefined, 'NONE');
    // The effective rule is NONE already, but the artifact has none of its own.
    await expect(executor.isDone(p)).resolves.toBe(false);
    await executor.execute(p);
    expect(await registry.rule('shop', p.artifactId)).toBe('NONE');
    await expect(executor.isDone(p)).resolves.toBe(true);
  });

  it('fails, audited, when the rule changed since the request (tightened), and leaves it', async () => {
    const p = await payload('FULL_TRANSITIVE', 'NONE');
    audited.length = 0;
    await expect(executor.execute(p)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/FULL_TRANSITIVE now, not BACKWARD/),
    });
    expect(audited.map(a => a.outcome)).toEqual(['fail']);
    expect(await registry.rule('shop', p.artifactId)).toBe('FULL_TRANSITIVE');
  });

  it('fails, audited, when the artifact is gone', async () => {
    const p = {
      ...(await payload('BACKWARD', 'NONE')),
      artifactId: 'never-created',
    };
    audited.length = 0;
    await expect(executor.execute(p)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    expect(audited.map(a => a.outcome)).toEqual(['fail']);
    await expect(executor.isDone(p)).resolves.toBe(false);
  });
});
