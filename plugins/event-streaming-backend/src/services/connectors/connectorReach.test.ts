import { connectorReach } from './connectorReach';

const NAMESPACES = [
  { prefix: 'team-a.', owner: 'group:default/team-a' },
  {
    prefix: 'team-b.',
    owner: 'group:default/team-b',
    readers: ['group:default/team-a'],
  },
];

describe('connectorReach', () => {
  it('names what a sink reads, with the owners, and the secrets it references', () => {
    const reach = connectorReach(
      'sink',
      {
        'connector.class': 'org.example.JdbcSink',
        topics: 'team-a.orders, team-b.payments',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'connection.password':
          '${file:/opt/connect/secrets.properties:team-a.db.password}',
        'tasks.max': '2',
      },
      NAMESPACES,
    );
    expect(reach).toEqual({
      topics: [
        {
          label: 'team-a.orders',
          detail: 'reads it, owned by group:default/team-a',
        },
        {
          label: 'team-b.payments',
          detail: 'reads it, owned by group:default/team-b',
        },
      ],
      references: [
        {
          label: '${file:/opt/connect/secrets.properties:team-a.db.password}',
          detail:
            'in connection.password; the worker resolves it, Eventport never reads its value',
        },
      ],
      files: [],
      classes: [
        { label: 'org.example.JdbcSink', detail: 'connector.class' },
        {
          label: 'org.apache.kafka.connect.json.JsonConverter',
          detail: 'value.converter',
        },
      ],
    });
  });

  it('names what a source writes: topics, prefixes, renamed topics and files', () => {
    const reach = connectorReach(
      'source',
      {
        'connector.class':
          'org.apache.kafka.connect.file.FileStreamSourceConnector',
        topic: 'team-a.lines',
        file: '/data/team-a/in.txt',
        'topic.prefix': 'loose.',
        transforms: 'route',
        'transforms.route.type':
          'org.apache.kafka.connect.transforms.RegexRouter',
        'transforms.route.regex': '.*',
        'transforms.route.replacement': 'team-a.routed-$0',
      },
      NAMESPACES,
    );
    expect(reach.topics).toEqual([
      {
        label: 'team-a.lines',
        detail: 'writes it, owned by group:default/team-a',
      },
      {
        label: 'loose.…',
        detail:
          'writes topics starting with it (topic.prefix), in no namespace',
      },
      {
        label: 'team-a.routed-…',
        detail:
          'writes topics renamed by transform route, owned by group:default/team-a',
      },
    ]);
    expect(reach.files).toEqual([
      { label: '/data/team-a/in.txt', detail: 'file, on the Connect workers' },
    ]);
    expect(reach.classes.map(c => c.label)).toEqual([
      'org.apache.kafka.connect.file.FileStreamSourceConnector',
      'org.apache.kafka.connect.transforms.RegexRouter',
    ]);
  });

  it('says a sink reads every topic a regex matches, and never shows a secret setting’s literal value', () => {
    const reach = connectorReach(
      'sink',
      {
        'connector.class': 'org.example.Sink',
        'topics.regex': 'team-a\\..*',
        'consumer.override.sasl.jaas.config': 'not-shown',
      },
      NAMESPACES,
    );
    expect(reach.topics).toEqual([
      {
        label: '/team-a\\..*/',
        detail: 'reads every topic matching it, also those created later',
      },
    ]);
    expect(JSON.stringify(reach)).not.toContain('not-shown');
  });
});
