import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  durationToMs,
  HumanDuration,
  humanDurationSchema,
} from '@eventport/plugin-event-streaming-common';

/**
 * Settings of the offset sampler and the alert evaluator, from
 * `eventStreaming.monitoring`.
 *
 * @public
 */
export interface MonitoringConfig {
  /** Whether the sampler runs at all (default true). */
  enabled: boolean;
  /** Time between two samples (default 30 s). */
  sampleIntervalMs: number;
  /** Samples older than this are deleted (default 24 h). */
  retentionMs: number;
  /** Samples younger than this are kept at full resolution (default 1 h). */
  fullResolutionMs: number;
  /** Older samples are thinned to one per bucket of this size (default 5 min). */
  downsampleBucketMs: number;
  /** The window that rates and the lag status are computed over (default 5 min). */
  windowMs: number;
  /** A group viewed in the portal is sampled for this long afterwards (default 1 h). */
  recentViewMs: number;
}

const DEFAULTS: MonitoringConfig = {
  enabled: true,
  sampleIntervalMs: 30_000,
  retentionMs: 24 * 3_600_000,
  fullResolutionMs: 3_600_000,
  downsampleBucketMs: 5 * 60_000,
  windowMs: 5 * 60_000,
  recentViewMs: 3_600_000,
};

function readDuration(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) return fallback;
  const parsed = humanDurationSchema.safeParse(config.get(key));
  if (!parsed.success) {
    throw new InputError(
      `eventStreaming.monitoring.${key} must be a duration such as { seconds: 30 }: ${parsed.error.issues[0]?.message}`,
    );
  }
  const ms = durationToMs(parsed.data as HumanDuration);
  if (ms <= 0) {
    throw new InputError(
      `eventStreaming.monitoring.${key} must be longer than zero`,
    );
  }
  return ms;
}

/**
 * Reads `eventStreaming.monitoring`; every key is optional.
 *
 * @public
 */
export function readMonitoringConfig(root: Config): MonitoringConfig {
  const config = root.getOptionalConfig('eventStreaming.monitoring');
  if (!config) return { ...DEFAULTS };
  const result: MonitoringConfig = {
    enabled: config.getOptionalBoolean('enabled') ?? DEFAULTS.enabled,
    sampleIntervalMs: readDuration(
      config,
      'sampleInterval',
      DEFAULTS.sampleIntervalMs,
    ),
    retentionMs: readDuration(config, 'retention', DEFAULTS.retentionMs),
    fullResolutionMs: readDuration(
      config,
      'fullResolution',
      DEFAULTS.fullResolutionMs,
    ),
    downsampleBucketMs: readDuration(
      config,
      'downsampleBucket',
      DEFAULTS.downsampleBucketMs,
    ),
    windowMs: readDuration(config, 'window', DEFAULTS.windowMs),
    recentViewMs: readDuration(config, 'recentView', DEFAULTS.recentViewMs),
  };
  if (result.fullResolutionMs > result.retentionMs) {
    throw new InputError(
      'eventStreaming.monitoring.fullResolution must not be longer than retention',
    );
  }
  return result;
}
