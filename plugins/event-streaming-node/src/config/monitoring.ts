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
  /** Per-user and per-cluster bounds of what users make the sampler do. */
  limits: MonitoringLimits;
}

/**
 * Bounds of the work users can make persist (`eventStreaming.monitoring.limits`).
 *
 * @public
 */
export interface MonitoringLimits {
  /** Groups the sampler watches per cluster because a page showed them (default 2,000). */
  watchedGroupsPerCluster: number;
  /** Alert rules one user may have created on a cluster (default 50). */
  alertRulesPerUser: number;
  /** Alert rules on one cluster (default 1,000). */
  alertRulesPerCluster: number;
}

const DEFAULTS: MonitoringConfig = {
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

function readLimit(config: Config, key: keyof MonitoringLimits): number {
  const value =
    config.getOptionalNumber(`limits.${key}`) ?? DEFAULTS.limits[key];
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `eventStreaming.monitoring.limits.${key} must be a positive whole number, got ${value}`,
    );
  }
  return value;
}

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
    limits: {
      watchedGroupsPerCluster: readLimit(config, 'watchedGroupsPerCluster'),
      alertRulesPerUser: readLimit(config, 'alertRulesPerUser'),
      alertRulesPerCluster: readLimit(config, 'alertRulesPerCluster'),
    },
  };
  if (result.fullResolutionMs > result.retentionMs) {
    throw new InputError(
      'eventStreaming.monitoring.fullResolution must not be longer than retention',
    );
  }
  return result;
}
