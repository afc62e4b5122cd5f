import { ConnectPolicyConfig } from '@eventport/plugin-event-streaming-node';
import { DEFAULT_CAPTURE_CLASSES } from '@eventport/plugin-event-streaming-node';
import {
  connectorConfigProblems,
  regexStaysInside,
  RuleContext,
} from './connectorRules';

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
const SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

const policy: ConnectPolicyConfig = {
  allowedClasses: {
    dev: ['org.apache.kafka.connect.file.*'],
    staging: [],
    prod: [],
  },
  captureClasses: DEFAULT_CAPTURE_CLASSES,
  fileDirectories: [
    { path: '/srv/connect/team-a', owner: TEAM_A },
    { path: '/srv/connect/shared' },
  ],
  secretReferences: [
    { provider: 'env', keyPrefix: 'TEAM_A_', owner: TEAM_A },
    { provider: 'file', path: '/etc/connect/team-a.properties', owner: TEAM_A },
  ],
  maxTasks: 4,
};

const ctx = (type: string, owner = TEAM_A): RuleContext => ({
  owner,
  type,
  policy,
  allowedClasses: policy.allowedClasses.dev,
  namespaces: [
    { prefix: 'team-a.', owner: TEAM_A },
    { prefix: 'team-b.', owner: TEAM_B },
    { prefix: 'shared.', owner: TEAM_B, readers: [TEAM_A] },
  ],
});

/** The keys refused, with their kind. */
function refused(
  type: 'sink' | 'source',
  config: Record<string, string>,
  owner = TEAM_A,
) {
  const className = type === 'sink' ? SINK : SOURCE;
  return connectorConfigProblems(ctx(type, owner), className, {
    'connector.class': className,
    ...config,
  }).map(p => `${p.kind}:${p.key}`);
}

describe('connector config rules', () => {
  it('accepts a team-a sink of its own and shared topics into its own folder', () => {
    expect(
      refused('sink', {
        topics: 'team-a.orders,shared.prices',
        file: '/srv/connect/team-a/out.txt',
        'tasks.max': '2',
        'consumer.override.max.poll.records': '100',
        'errors.deadletterqueue.topic.name': 'team-a.orders-dlq',
        transforms: 'drop',
        'transforms.drop.type':
          'org.apache.kafka.connect.transforms.DropHeaders',
        'transforms.drop.headers': 'trace',
      }),
    ).toEqual([]);
  });

  it("refuses a sink of another team's topic, its DLQ in another namespace and a topic outside every namespace", () => {
    expect(
      refused('sink', {
        topics: 'team-b.shipments-v1,orphan',
        'errors.deadletterqueue.topic.name': 'team-b.dlq',
      }),
    ).toEqual([
      'forbidden:topics',
      'forbidden:topics',
      'forbidden:errors.deadletterqueue.topic.name',
    ]);
  });

  it('a reader of a namespace may consume it but not write to it', () => {
    expect(refused('sink', { topics: 'shared.prices' })).toEqual([]);
    expect(refused('source', { topic: 'shared.prices' })).toEqual([
      'forbidden:topic',
    ]);
  });

  it.each([
    ['team-a\\..*', true],
    ['^team-a\\.orders-(v1|v2)', true],
    ['team-a[.]x.*', true],
    ['team-a\\..*|team-b\\..*', false],
    ['.*', false],
    ['team-.*', false],
    ['(team-a|team-b)\\..*', false],
    ['(?i)TEAM-A\\..*', false],
    ['team-a\\.[|]x', true],
    ['team-a\\.\\Q|\\E.*', true],
    ['team-a\\.(x', false],
    ['team-a?\\..*', false],
  ])('topics.regex %s stays inside team-a: %s', (pattern, ok) => {
    expect(
      regexStaysInside(pattern, ['team-a.', 'shared.']) === undefined,
    ).toBe(ok);
  });

  it('refuses a source writing outside its namespaces, directly, by prefix or through a router', () => {
    expect(
      refused('source', {
        topic: 'team-b.orders',
        'kafka.topic': 'team-a.ok',
        'topic.prefix': 'team-b.cdc',
        transforms: 'route,stamp',
        'transforms.route.type':
          'org.apache.kafka.connect.transforms.RegexRouter',
        'transforms.route.regex': '.*',
        'transforms.route.replacement': 'team-b.stolen-$0',
        'transforms.stamp.type':
          'org.apache.kafka.connect.transforms.TimestampRouter',
        'transforms.stamp.topic.format': 'team-b.${timestamp}',
      }),
    ).toEqual([
      'forbidden:transforms.route.replacement',
      'forbidden:transforms.stamp.topic.format',
      'forbidden:topic',
      'forbidden:topic.prefix',
    ]);
    expect(
      refused('source', {
        topic: 'team-a.orders',
        transforms: 'stamp',
        'transforms.stamp.type':
          'org.apache.kafka.connect.transforms.TimestampRouter',
      }),
    ).toEqual([]);
  });

  it('refuses files outside the granted folders, and paths that climb out', () => {
    expect(
      refused('sink', {
        topics: 'team-a.orders',
        file: '/etc/passwd',
      }),
    ).toEqual(['forbidden:file']);
    expect(
      refused('sink', { file: '/srv/connect/team-a/../team-b/x' }),
    ).toEqual(['invalid:file']);
    expect(refused('sink', { file: 'relative.txt' })).toEqual(['invalid:file']);
    expect(refused('sink', { file: '/srv/connect/team-a-evil/x' })).toEqual([
      'forbidden:file',
    ]);
    expect(refused('sink', { file: '/srv/connect/shared/x' })).toEqual([]);
    // team-b has no folder of its own, only the shared one.
    expect(refused('sink', { file: '/srv/connect/team-a/x' }, TEAM_B)).toEqual([
      'forbidden:file',
    ]);
  });

  it("allows only the owner's own config-provider references, only in secret settings", () => {
    expect(
      refused('sink', {
        'db.password': '${env:TEAM_A_DB_PASSWORD}',
        'api.token': '${file:/etc/connect/team-a.properties:token}',
        'consumer.override.sasl.jaas.config': 'x',
      }),
    ).toEqual(['forbidden:consumer.override.sasl.jaas.config']);
    expect(
      refused('sink', {
        'db.password': '${env:EVENTPORT_CONNECT_PG_PASSWORD}',
        'tasks.max': '${env:TEAM_A_DB_PASSWORD}',
        'api.token': '${file:/etc/connect/team-a.properties/../team-b:pw}',
        'other.secret': '${dir:/etc/connect:team-a.properties}',
        topics: 'team-a.x-${env:TEAM_A_X}',
      }),
    ).toEqual([
      'invalid:tasks.max',
      'forbidden:db.password',
      'forbidden:tasks.max',
      'invalid:api.token',
      'forbidden:other.secret',
      'forbidden:topics',
    ]);
    // team-b may not use team-a's references.
    expect(
      refused('sink', { 'db.password': '${env:TEAM_A_DB_PASSWORD}' }, TEAM_B),
    ).toEqual(['forbidden:db.password']);
  });

  it('refuses classes outside the allowlist, and database capture whatever the list says', () => {
    expect(
      connectorConfigProblems(
        { ...ctx('source'), allowedClasses: ['io.debezium.*'] },
        'io.debezium.connector.postgresql.PostgresConnector',
        {
          'connector.class':
            'io.debezium.connector.postgresql.PostgresConnector',
        },
      ).map(p => p.message),
    ).toEqual([expect.stringMatching(/CDC pipeline/)]);
    expect(
      refused('sink', {
        'value.converter': 'com.example.EvilConverter',
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        transforms: 'x',
        'transforms.x.type': 'com.example.Exec',
        'consumer.override.interceptor.classes': 'com.example.Spy',
        'consumer.override.bootstrap.servers': 'attacker:9092',
        'consumer.override.group.id': 'team-b.orders-reader',
      }),
    ).toEqual([
      'forbidden:value.converter',
      'forbidden:transforms.x.type',
      'forbidden:consumer.override.interceptor.classes',
      'forbidden:consumer.override.bootstrap.servers',
      'forbidden:consumer.override.group.id',
    ]);
  });

  it('bounds tasks.max', () => {
    expect(refused('sink', { 'tasks.max': '5' })).toEqual([
      'invalid:tasks.max',
    ]);
    expect(refused('sink', { 'tasks.max': '4' })).toEqual([]);
  });

  it("refuses explicit Apicurio artifact ids outside the owner's namespaces", () => {
    expect(
      refused('source', {
        'value.converter.apicurio.registry.artifact-id': 'team-b.orders-value',
      }),
    ).toEqual(['forbidden:value.converter.apicurio.registry.artifact-id']);
  });
});
