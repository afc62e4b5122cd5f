import {
  partitionCountError,
  retentionLimitError,
  topicNameError,
} from './rules';

const limits = { retentionMinMs: 3_600_000, retentionMaxMs: 30 * 86_400_000 };

describe('self-service rules', () => {
  it.each([
    ['team-a.bad name', undefined, /may only contain letters, digits/],
    ['Team-a.orders', '^[a-z0-9.-]+$', /naming pattern: \^\[a-z0-9\.-\]\+\$/],
    ['Team-a.orders', /^[a-z0-9.-]+$/, /naming pattern/],
    ['team-a.order_events', undefined, /mixes '\.' and '_'/],
  ])('refuses the topic name %s (pattern %s)', (name, pattern, expected) => {
    expect(topicNameError(name, pattern)).toMatch(expected);
  });

  it.each([
    ['team-a.orders', undefined],
    ['team-a.orders', '^[a-z0-9.-]+$'],
    // An invalid pattern is reported by the backend at start-up, not here.
    ['team-a.orders', '(['],
  ])('accepts the topic name %s (pattern %s)', (name, pattern) => {
    expect(topicNameError(name, pattern)).toBeUndefined();
  });

  it('keeps partitions between 1 and the maximum', () => {
    expect(partitionCountError(48, 48)).toBeUndefined();
    expect(partitionCountError(49, 48)).toBe(
      'Partitions must be a whole number from 1 to 48.',
    );
    expect(partitionCountError(0, 48)).toBeDefined();
    expect(partitionCountError(2.5, 48)).toBeDefined();
  });

  it('keeps retention inside the limits and names the environment', () => {
    expect(retentionLimitError(3_600_000, limits)).toBeUndefined();
    expect(retentionLimitError(60_000, limits, 'dev')).toBe(
      'Retention must be between 1 hour and 30 days in dev.',
    );
    expect(retentionLimitError(31 * 86_400_000, limits)).toBe(
      'Retention must be between 1 hour and 30 days in this environment.',
    );
  });
});
