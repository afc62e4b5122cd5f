/**
 * Auto-approval by policy (issue 28): a rule approves a dev topic deletion
 * at once when the evidence shows nobody reads, writes, declares or
 * connects to it; a topic a group reads, or a rule for another environment,
 * leaves the request to a person. Rules that could not be honoured are
 * refused at start-up.
 */
import { ConfigReader } from '@backstage/config';
import {
  startBackend,
  startTestKafka,
  TestKafka,
  testDatabases,
  TEST_DATABASE_IDS,
  USERS,
  KAFKA_START_TIMEOUT_MS,
} from '../__testUtils__/harness';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import { readAutoApprovalRules } from '../services/approvals/autoApproval';
import type { EventStreamingServices } from '../services/EventStreamingServices';

const APPROVERS = {
  approvers: ['group:default/platform-team'],
  securityReviewers: ['group:default/security'],
};

describe('auto-approval of topic deletions by policy, on the embedded broker', () => {
  const databases = testDatabases();
  let kafka: TestKafka;
  let observer: Awaited<ReturnType<typeof brokerAdmin>>;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    kafka = await startTestKafka('embedded', { brokers: 1 });
    observer = await brokerAdmin(kafka);
  }, KAFKA_START_TIMEOUT_MS);
  afterAll(async () => {
    for (const stop of stops) await stop();
    await observer?.close();
    await kafka?.close();
  });

  let services!: EventStreamingServices;
  async function backend(environments: string[]) {
    const started = await startBackend({
      knex: await databases.init(TEST_DATABASE_IDS[0]),
      kafka,
      // Backstage's in-memory catalog: no component declares the topics.
      entities: [],
      overrides: { exposeServices: s => (services = s) },
      eventStreaming: {
        approvals: {
          ...APPROVERS,
          autoApprove: [
            {
              name: 'unused scratch topics',
              kind: 'topic.delete',
              environments,
              topicPrefixes: ['team-a.scratch.'],
            },
          ],
        },
      },
    });
    stops.push(() => started.backend.stop());
    return started.api;
  }

  const ask = (api: Awaited<ReturnType<typeof backend>>, topic: string) =>
    api(USERS.owner).delete(`/clusters/dev-local/topics/${topic}`, {
      confirm: topic,
      reason: 'an experiment, over',
    });

  it('approves and runs a dev deletion nobody depends on, saying so; leaves a read topic and other names to a person', async () => {
    const api = await backend(['dev']);
    await observer.create('team-a.scratch.unused', {}, 1, 1);
    // Writes are known once the sampler has read the topic twice; before,
    // the rule cannot hold and a person decides.
    const early = await ask(api, 'team-a.scratch.unused');
    expect(early.body.status).toBe('pending');
    expect(
      early.body.evidence.sections.find((s: any) => s.id === 'producers')
        .problem,
    ).toMatch(/has not read the topic twice in the last hour/);
    await api(USERS.owner).post(`/approvals/${early.body.id}/cancel`);
    await services.sampler.runCycle();
    await services.sampler.runCycle();
    const unused = await ask(api, 'team-a.scratch.unused');
    expect(unused.status).toBe(202);
    expect(unused.body).toMatchObject({
      status: 'executed',
      decidedBy: 'system',
    });
    expect(
      unused.body.history.map((h: any) => [h.action, h.actor, h.comment]),
    ).toEqual([
      ['requested', USERS.owner, 'an experiment, over'],
      [
        'approved',
        'system',
        "Approved automatically by rule 'unused scratch topics': environment dev, no consumer group reads it, nothing was written to it in the last hour, no catalog component declares it, no connector uses it.",
      ],
      ['executing', 'system', undefined],
      ['executed', 'system', undefined],
    ]);
    expect(await observer.topicNames()).not.toContain('team-a.scratch.unused');

    // A group still reads this one: a person decides.
    await observer.create('team-a.scratch.read', {}, 1, 1);
    await observer.commit('team-a.reader', 'team-a.scratch.read', [0]);
    const read = await ask(api, 'team-a.scratch.read');
    expect(read.body.status).toBe('pending');
    expect(read.body.decidedBy).toBeNull();
    expect(await observer.topicNames()).toContain('team-a.scratch.read');

    // Outside the rule's prefixes: a person decides.
    await observer.create('team-a.kept', {}, 1, 1);
    expect((await ask(api, 'team-a.kept')).body.status).toBe('pending');
  });

  it('leaves a deletion in dev pending under a rule for prod only', async () => {
    const api = await backend(['prod']);
    await observer.create('team-a.scratch.prod-rule', {}, 1, 1);
    await services.sampler.runCycle();
    await services.sampler.runCycle();
    const asked = await ask(api, 'team-a.scratch.prod-rule');
    expect(asked.body.status).toBe('pending');
    // Every fact would allow it: only the environment keeps it for a person.
    expect(
      asked.body.evidence.sections.filter(
        (s: any) => s.problem || s.items.length,
      ),
    ).toEqual([]);
    expect(await observer.topicNames()).toContain('team-a.scratch.prod-rule');
  });

  it('refuses rules that could not be honoured, saying why; a disabled rule is no rule', () => {
    const read = (rule: object) => () =>
      readAutoApprovalRules(
        new ConfigReader({
          eventStreaming: { approvals: { autoApprove: [rule] } },
        }),
      );
    expect(
      read({ name: 'pipelines', kind: 'cdc.deploy', environments: ['dev'] }),
    ).toThrow(
      /cdc\.deploy requests are never approved automatically: a person reviews/,
    );
    expect(
      read({
        name: 'connectors',
        kind: 'connector.delete',
        environments: ['dev'],
      }),
    ).toThrow(
      /connector\.delete requests are never approved automatically: a connector's offsets cannot be restored/,
    );
    expect(
      read({ name: 'new', kind: 'connector.create', environments: ['dev'] }),
    ).toThrow(/a new connector runs code on the shared workers/);
    expect(
      read({ name: 'nope', kind: 'topic.create', environments: ['dev'] }),
    ).toThrow(/unknown kind 'topic.create'/);
    expect(
      read({ name: 'keys', kind: 'connector.update', environments: ['dev'] }),
    ).toThrow(/names the keys it may approve changes of in onlyKeys/);
    expect(
      read({
        name: 'reach',
        kind: 'connector.update',
        environments: ['dev'],
        onlyKeys: ['tasks.max', 'topics', 'file', 'transforms.route.type'],
      }),
    ).toThrow(
      /topics, file, transforms\.route\.type change what the connector reaches/,
    );
    expect(
      read({
        name: 'secret',
        kind: 'connector.update',
        environments: ['dev'],
        onlyKeys: ['connection.password'],
      }),
    ).toThrow(/connection\.password change what the connector reaches/);
    expect(
      read({
        name: 'prefixes',
        kind: 'schema.override',
        environments: ['dev'],
        topicPrefixes: ['team-a.'],
      }),
    ).toThrow(/topicPrefixes applies to topic\.delete rules; use namePrefixes/);
    expect(
      read({
        name: 'condition',
        kind: 'schema.rule',
        environments: ['dev'],
        when: { noRecentWrites: true },
      }),
    ).toThrow(
      /'noRecentWrites' is not a condition of schema\.rule \(noReaders\)/,
    );
    expect(
      read({
        name: 'unread dev schemas',
        kind: 'schema.override',
        environments: ['dev'],
        namePrefixes: ['team-a.'],
      })(),
    ).toEqual([
      {
        name: 'unread dev schemas',
        kind: 'schema.override',
        environments: ['dev'],
        namePrefixes: ['team-a.'],
        conditions: ['noReaders'],
      },
    ]);
    expect(
      read({ name: 'all', kind: 'topic.delete', environments: [] }),
    ).toThrow(/name at least one environment/);
    expect(
      read({
        name: 'anything',
        kind: 'topic.delete',
        environments: ['dev'],
        when: {
          noReaders: false,
          noRecentWrites: false,
          notDeclared: false,
          noConnectors: false,
        },
      }),
    ).toThrow(
      /a rule without any condition would approve every topic\.delete request/,
    );
    expect(
      read({
        name: 'off',
        kind: 'topic.delete',
        environments: ['dev'],
        enabled: false,
      })(),
    ).toEqual([]);
  });
});
