import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readMonitoringConfig } from './monitoring';

const defaults = {
  enabled: true,
  sampleIntervalMs: 30_000,
  retentionMs: 24 * 3_600_000,
  fullResolutionMs: 3_600_000,
  downsampleBucketMs: 5 * 60_000,
  windowMs: 5 * 60_000,
  recentViewMs: 3_600_000,
  limits: {
    watchedGroupsPerCluster: 2_000,
    alertRulesPerUser: 50,
    alertRulesPerCluster: 1_000,
  },
};

/** What `new ConfigReader(...)` takes: JSON. */
type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

function read(monitoring: ConfigData[string]) {
  return readMonitoringConfig(
    new ConfigReader({ eventStreaming: { monitoring } }),
  );
}

describe('readMonitoringConfig', () => {
  it('reads the per-user and per-cluster limits, and refuses one that is not a positive whole number', () => {
    expect(read({ limits: { alertRulesPerUser: 5 } }).limits).toEqual({
      ...defaults.limits,
      alertRulesPerUser: 5,
    });
    expect(() => read({ limits: { watchedGroupsPerCluster: 0 } })).toThrow(
      /limits\.watchedGroupsPerCluster must be a positive whole number, got 0/,
    );
  });

  it('answers the defaults when nothing is configured', () => {
    expect(readMonitoringConfig(new ConfigReader({}))).toEqual(defaults);
    expect(
      readMonitoringConfig(new ConfigReader({ eventStreaming: {} })),
    ).toEqual(defaults);
    expect(read({})).toEqual(defaults);
  });

  it('takes the keys that are set and defaults the others', () => {
    expect(
      read({
        enabled: false,
        sampleInterval: { seconds: 10 },
        retention: { days: 2 },
        fullResolution: { hours: 2, minutes: 30 },
        window: { minutes: 10 },
      }),
    ).toEqual({
      ...defaults,
      enabled: false,
      sampleIntervalMs: 10_000,
      retentionMs: 48 * 3_600_000,
      fullResolutionMs: 2.5 * 3_600_000,
      windowMs: 10 * 60_000,
    });
    expect(
      read({ downsampleBucket: { minutes: 1 }, recentView: { hours: 4 } }),
    ).toEqual({
      ...defaults,
      downsampleBucketMs: 60_000,
      recentViewMs: 4 * 3_600_000,
    });
  });

  it.each([
    ['sampleInterval', '30s'],
    ['retention', { day: 1 }],
    ['window', { minutes: -5 }],
    ['recentView', 60],
    ['downsampleBucket', {}],
    ['fullResolution', { seconds: 0 }],
  ])('refuses a bad %s (%j) with an error naming the key', (key, value) => {
    const attempt = () => read({ [key]: value });
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(`eventStreaming.monitoring.${key}`);
  });

  it('refuses a full resolution longer than the retention', () => {
    expect(() =>
      read({ retention: { hours: 1 }, fullResolution: { hours: 2 } }),
    ).toThrow(
      new InputError(
        'eventStreaming.monitoring.fullResolution must not be longer than retention',
      ),
    );
    // Also against the default of the key that is not set.
    expect(() => read({ retention: { minutes: 30 } })).toThrow(InputError);
    expect(
      read({ retention: { hours: 1 }, fullResolution: { hours: 1 } }),
    ).toMatchObject({ retentionMs: 3_600_000, fullResolutionMs: 3_600_000 });
  });
});
