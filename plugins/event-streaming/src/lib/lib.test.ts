import { approvalRequest, responseError } from '../__testUtils__/fakeApi';
import { describeRequest } from './approvals';
import { retentionError, splitDuration } from './durations';
import { errorMessage } from './errors';
import { topicLinks } from './links';
import { shortRef } from './refs';

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
