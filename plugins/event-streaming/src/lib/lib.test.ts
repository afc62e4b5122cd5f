import {
  approvalRequest,
  connectorUpdateRequest,
  fileSourceValidation,
  configField,
} from '../__testUtils__/fakeApi';
import { responseError } from '../__testUtils__/fakeApi';
import { describeRequest } from './approvals';
import {
  groupFields,
  inputKind,
  parseConfigJson,
  secretProblem,
  shortClassName,
  shownConnectorState,
  traceHeadline,
} from './connectors';
import { CONNECTOR_STATE_COLORS, contrastRatio } from './styles';
import { retentionError, splitDuration } from './durations';
import { errorMessage } from './errors';
import { topicLinks } from './links';
import { shortRef } from './refs';
import { configValueInWords } from './topicConfigs';

const limits = { retentionMinMs: 3_600_000, retentionMaxMs: 30 * 86_400_000 };

describe('errorMessage', () => {
  it("prefers the backend's message of a ResponseError", async () => {
    const error = await responseError(403, 'Only team-a may change this topic');
    expect(error.message).toMatch(/Request failed with 403/);
    expect(errorMessage(error)).toBe('Only team-a may change this topic');
  });

  it('falls back to the message of other errors', () => {
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('odd')).toBe('odd');
  });
});

describe('durations', () => {
  it('splits milliseconds into the largest whole unit', () => {
    expect(splitDuration(7 * 86_400_000)).toEqual({ value: 1, unit: 'weeks' });
    expect(splitDuration(2 * 86_400_000)).toEqual({ value: 2, unit: 'days' });
    expect(splitDuration(5_400_000)).toEqual({ value: 90, unit: 'minutes' });
  });

  it('says the allowed range when retention is out of limits', () => {
    expect(retentionError(3_600_000, limits)).toBeUndefined();
    expect(retentionError(60_000, limits)).toBe(
      'Retention must be between 1 hour and 30 days in this environment.',
    );
    expect(retentionError(31 * 86_400_000, limits)).toMatch(/30 days/);
    expect(retentionError(NaN, limits)).toBe(
      'Retention must be a positive number.',
    );
  });
});

describe('topicLinks', () => {
  it('fills {topic} and {cluster} and skips missing templates', () => {
    expect(
      topicLinks(
        { kafkaUi: 'https://ui.example/{cluster}/{topic}?again={topic}' },
        { cluster: 'dev local', topic: 'team-a.orders' },
      ),
    ).toEqual([
      {
        title: 'Kafka UI',
        url: 'https://ui.example/dev%20local/team-a.orders?again=team-a.orders',
      },
    ]);
  });
});

describe('shortRef', () => {
  it('shortens default-namespace users only', () => {
    expect(shortRef('user:default/alice')).toBe('alice');
    expect(shortRef('group:default/team-a')).toBe('group:default/team-a');
  });
});

describe('describeRequest', () => {
  it('words a topic deletion', () => {
    expect(describeRequest(approvalRequest('r1'))).toEqual({
      action: 'Delete topic',
      subject: 'team-a.orders',
      gerund: 'deleting team-a.orders',
      consequence: 'Approving deletes the topic and all its messages.',
    });
  });

  it('words a schema override with the rule it relaxes', () => {
    const { kind, payload, ...rest } = approvalRequest('r2');
    expect(
      describeRequest({
        ...rest,
        kind: 'schema.override',
        payload: {
          cluster: 'dev-local',
          groupId: 'default',
          artifactId: 'team-a.orders-value',
          artifactType: 'AVRO',
          content: '{}',
          mode: 'BACKWARD',
        },
      }),
    ).toMatchObject({
      action: 'Override the BACKWARD rule of schema',
      subject: 'default/team-a.orders-value',
      gerund: 'overriding the BACKWARD rule of default/team-a.orders-value',
    });
  });
});

describe('describeRequest of a schema deletion', () => {
  const { kind: _k, payload: _p, ...base } = approvalRequest('r4');
  const deletion = (evidence: object) =>
    describeRequest({
      ...base,
      kind: 'schema.delete',
      payload: {
        cluster: 'dev-local',
        groupId: 'default',
        artifactId: 'team-a.gone-value',
        topic: 'team-a.gone',
        versions: ['1', '2'],
        ...evidence,
      },
    }).consequence;

  it('names the consumer groups the sampler last saw reading the topic', () => {
    const at = '2026-12-06T10:00:00.000Z';
    expect(
      deletion({
        lastReaders: [{ groupId: 'team-a.billing', lastSeenAt: at }],
        readersSampledSince: at,
      }),
    ).toBe(
      `Approving deletes the artifact and its 2 versions from the registry; it is refused if topic team-a.gone exists again by then. Last read by team-a.billing (${new Date(
        at,
      ).toLocaleString()}).`,
    );
  });

  it('says when no sampled group read it, and when nothing was sampled', () => {
    const at = '2026-12-05T10:00:00.000Z';
    expect(deletion({ lastReaders: [], readersSampledSince: at })).toMatch(
      / No sampled consumer group read topic team-a\.gone since .+\.$/,
    );
    expect(deletion({ lastReaders: [], readersSampledSince: null })).toMatch(
      / Eventport keeps no consumer group samples to say who read topic team-a\.gone\.$/,
    );
    // Requests made before the evidence existed say nothing about readers.
    expect(deletion({})).toMatch(/exists again by then\.$/);
  });
});

describe('describeRequest of connector requests', () => {
  const { kind: _k, payload: _p, ...base } = approvalRequest('r3');

  it('words a create with the owner it records', () => {
    expect(
      describeRequest({
        ...base,
        kind: 'connector.create',
        payload: {
          cluster: 'dev-local',
          name: 'team-a.lines-source',
          config: { 'connector.class': 'x' },
          owner: 'group:default/team-a',
          requestedBy: 'user:default/guest',
        },
      }),
    ).toEqual({
      action: 'Create connector',
      subject: 'team-a.lines-source',
      gerund: 'creating connector team-a.lines-source',
      consequence:
        'Approving creates the connector in Kafka Connect with exactly the requested config, owned by group:default/team-a.',
    });
  });

  it('words an update with the number of keys it changes, and a delete', () => {
    expect(describeRequest(connectorUpdateRequest('r4'))).toMatchObject({
      action: 'Change the config of connector',
      subject: 'team-a.lines-source',
      consequence: expect.stringContaining('(2 keys change)'),
    });
    expect(
      describeRequest({
        ...base,
        kind: 'connector.delete',
        payload: { cluster: 'dev-local', name: 'team-a.x', className: 'y' },
      }),
    ).toMatchObject({
      action: 'Delete connector',
      gerund: 'deleting connector team-a.x',
    });
  });
});

describe('connector state colours', () => {
  it.each(Object.entries(CONNECTOR_STATE_COLORS))(
    '%s keeps WCAG AA contrast between its chip text and background',
    (_state, { background, text }) => {
      expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('computes contrast as WCAG defines it', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('tells the states apart: failed red, running green, paused amber', () => {
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
      return { r, g, b };
    };
    const failed = hue(CONNECTOR_STATE_COLORS.FAILED.background);
    expect(failed.r).toBeGreaterThan(failed.g + failed.b);
    const running = hue(CONNECTOR_STATE_COLORS.RUNNING.background);
    expect(running.g).toBeGreaterThan(running.r + running.b);
    const paused = hue(CONNECTOR_STATE_COLORS.PAUSED.background);
    expect(paused.r).toBeGreaterThan(paused.b + 100);
    expect(paused.g).toBeGreaterThan(paused.b + 100);
  });
});

describe('shownConnectorState', () => {
  it("combines a connector's state with its tasks, as Connect's UIs do", () => {
    expect(shownConnectorState('RUNNING', { total: 2, failed: 0 })).toEqual({
      state: 'RUNNING',
    });
    expect(shownConnectorState('RUNNING', { total: 1, failed: 1 })).toEqual({
      state: 'FAILED',
      note: 'The connector runs, but 1 of 1 task failed',
    });
    expect(shownConnectorState('RUNNING', { total: 3, failed: 1 })).toEqual({
      state: 'DEGRADED',
      note: 'The connector runs, but 1 of 3 tasks failed',
    });
    // A task's own state, or a connector paused or failed, is shown as is.
    expect(shownConnectorState('RUNNING')).toEqual({ state: 'RUNNING' });
    expect(shownConnectorState('PAUSED', { total: 1, failed: 1 })).toEqual({
      state: 'PAUSED',
    });
  });

  it('reads the cause from the first line of a trace', () => {
    expect(
      traceHeadline(
        'org.apache.kafka.connect.errors.ConnectException: gone\n\tat x.y(Z.java:1)',
      ),
    ).toBe('org.apache.kafka.connect.errors.ConnectException: gone');
  });
});

describe('connector config helpers', () => {
  it('shortens class names', () => {
    expect(
      shortClassName('org.apache.kafka.connect.file.FileStreamSinkConnector'),
    ).toBe('FileStreamSinkConnector');
    expect(shortClassName('Plain')).toBe('Plain');
  });

  it("groups fields: the plugin's own first, then Connect's groups in order, each by order", () => {
    const validation = fileSourceValidation({});
    validation.fields.push(
      configField('hidden.key', { visible: false }),
      configField('a.late', { group: 'Common', order: 9 }),
      configField('odd', { group: 'Unlisted' }),
    );
    const groups = groupFields(validation);
    expect(groups.map(g => g.title)).toEqual([
      'Connector settings',
      'Common',
      'Error Handling',
      'Unlisted',
    ]);
    expect(groups[1].fields.map(f => f.name)).toEqual(['tasks.max', 'a.late']);
    expect(groups[0].fields.map(f => f.name)).toEqual([
      'batch.size',
      'file',
      'topic',
    ]);
    // An invisible field shows once a value is set for it.
    expect(
      groupFields(validation, new Set(['hidden.key']))[0].fields.map(
        f => f.name,
      ),
    ).toContain('hidden.key');
  });

  it('picks an input for each Connect type', () => {
    expect(inputKind(configField('a', { type: 'BOOLEAN' }))).toBe('boolean');
    expect(inputKind(configField('a', { type: 'LONG' }))).toBe('number');
    expect(inputKind(configField('a', { type: 'DOUBLE' }))).toBe('number');
    expect(inputKind(configField('a', { type: 'LIST' }))).toBe('list');
    expect(inputKind(configField('a', { type: 'PASSWORD' }))).toBe('password');
    expect(
      inputKind(configField('a', { recommendedValues: ['none', 'all'] })),
    ).toBe('select');
    expect(inputKind(configField('a', { type: 'CLASS' }))).toBe('text');
  });

  it('parses the config editor: an object of strings', () => {
    expect(parseConfigJson('{"a": "1", "b": 2, "c": true}')).toEqual({
      config: { a: '1', b: '2', c: 'true' },
    });
    expect(parseConfigJson('{"a": ').error).toMatch(/^Not valid JSON:/);
    expect(parseConfigJson('[1]').error).toMatch(/must be a JSON object/);
    expect(parseConfigJson('{"a": {"b": 1}}').error).toMatch(
      /value of "a" must be a string/,
    );
  });

  it('refuses the hidden value and literal secrets, not references', () => {
    expect(
      secretProblem({ 'database.password': '********', topic: 't' }),
    ).toMatch(
      /^database\.password still holds the hidden value \*{8}\..*"database\.password": "\$\{file:\/opt\/connect\/secrets\.properties:database\.password\}"/,
    );
    expect(secretProblem({ 'api.token': 'abc' })).toMatch(
      /^api\.token holds a literal secret/,
    );
    expect(
      secretProblem({ 'database.password': '${env:PG_PASSWORD}' }),
    ).toBeUndefined();
  });
});

describe('configValueInWords', () => {
  it.each([
    ['retention.ms', '259200000', '3 days'],
    ['retention.ms', '-1', 'no limit'],
    ['max.compaction.lag.ms', '9223372036854775807', 'no limit'],
    ['flush.messages', '9223372036854775807', 'no limit'],
    ['segment.bytes', '1073741824', '1.0 GiB'],
    ['retention.bytes', '-1', 'no limit'],
    ['local.retention.ms', '-2', 'as retention.ms'],
    ['local.retention.bytes', '-2', 'as retention.bytes'],
    ['segment.jitter.ms', '0', undefined],
    ['index.interval.bytes', '512', undefined],
    ['cleanup.policy', 'delete', undefined],
    ['min.insync.replicas', '2', undefined],
    ['min.cleanable.dirty.ratio', '0.5', undefined],
  ])('%s = %s reads %s', (name, value, words) => {
    expect(configValueInWords(name, value)).toBe(words);
  });
});
