import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CleanupPolicy,
  cleanupPolicySchema,
  durationToMs,
  EnvironmentLimits,
  environmentSchema,
  Environment,
  HumanDuration,
  humanDurationSchema,
  Namespace,
  TopicDefaults,
} from '@eventport/plugin-event-streaming-common';

/**
 * The rules that self-service stays inside, from `eventStreaming.*`.
 *
 * @public
 */
export interface EventStreamingPolicyConfig {
  namespaces: Namespace[];
  topicDefaults: TopicDefaults;
  limits: Record<Environment, EnvironmentLimits>;
  /** Extra naming rule for topic names, on top of Kafka's. */
  namingPattern?: RegExp;
  approvers: string[];
  securityReviewers: string[];
  /** How long a pending approval request waits for a decision. */
  approvalExpiryMs: number;
}

const FALLBACK_LIMITS: EnvironmentLimits = {
  retentionMinMs: 3_600_000,
  retentionMaxMs: 30 * 86_400_000,
  maxPartitions: 48,
};

function readDuration(config: Config, key: string): number {
  const parsed = humanDurationSchema.safeParse(config.get(key));
  if (!parsed.success) {
    throw new InputError(
      `eventStreaming.${key} must be a duration such as { days: 7 }: ${parsed.error.issues[0]?.message}`,
    );
  }
  return durationToMs(parsed.data as HumanDuration);
}

function readLimits(config: Config | undefined): EnvironmentLimits {
  if (!config) return FALLBACK_LIMITS;
  const limits = {
    retentionMinMs: config.has('retention.min')
      ? readDuration(config, 'retention.min')
      : FALLBACK_LIMITS.retentionMinMs,
    retentionMaxMs: config.has('retention.max')
      ? readDuration(config, 'retention.max')
      : FALLBACK_LIMITS.retentionMaxMs,
    maxPartitions:
      config.getOptionalNumber('maxPartitions') ??
      FALLBACK_LIMITS.maxPartitions,
  };
  if (limits.retentionMinMs > limits.retentionMaxMs) {
    throw new InputError(
      'eventStreaming.limits: retention.min is larger than retention.max',
    );
  }
  return limits;
}

/**
 * Reads and validates the policy part of `eventStreaming`.
 *
 * @public
 */
export function readPolicyConfig(root: Config): EventStreamingPolicyConfig {
  const config = root.getOptionalConfig('eventStreaming');
  const namespaces = (config?.getOptionalConfigArray('namespaces') ?? []).map(
    ns => ({
      prefix: ns.getString('prefix'),
      owner: ns.getString('owner'),
      ...(ns.has('readers') ? { readers: ns.getStringArray('readers') } : {}),
    }),
  );
  for (const ns of namespaces) {
    if (!/^[a-zA-Z0-9._-]+$/.test(ns.prefix)) {
      throw new InputError(
        `eventStreaming.namespaces: prefix '${ns.prefix}' has characters Kafka does not allow`,
      );
    }
  }

  const defaults = config?.getOptionalConfig('topicDefaults');
  const cleanup = cleanupPolicySchema.safeParse(
    defaults?.getOptionalString('cleanupPolicy') ?? 'delete',
  );
  if (!cleanup.success) {
    throw new InputError(
      `eventStreaming.topicDefaults.cleanupPolicy must be one of ${cleanupPolicySchema.options.join(
        ', ',
      )}`,
    );
  }
  const topicDefaults: TopicDefaults = {
    partitions: defaults?.getOptionalNumber('partitions') ?? 3,
    replicationFactor: defaults?.getOptionalNumber('replicationFactor') ?? 3,
    retentionMs: defaults?.has('retention')
      ? readDuration(defaults, 'retention')
      : 7 * 86_400_000,
    cleanupPolicy: cleanup.data as CleanupPolicy,
  };

  const limitsConfig = config?.getOptionalConfig('limits');
  const limits = Object.fromEntries(
    environmentSchema.options.map(env => [
      env,
      readLimits(limitsConfig?.getOptionalConfig(env)),
    ]),
  ) as Record<Environment, EnvironmentLimits>;

  const pattern = config?.getOptionalString('naming.pattern');
  let namingPattern: RegExp | undefined;
  if (pattern) {
    try {
      namingPattern = new RegExp(pattern);
    } catch (error) {
      throw new InputError(
        `eventStreaming.naming.pattern is not a valid regular expression: ${error}`,
      );
    }
  }

  return {
    namespaces,
    topicDefaults,
    limits,
    namingPattern,
    approvers: config?.getOptionalStringArray('approvals.approvers') ?? [],
    securityReviewers:
      config?.getOptionalStringArray('approvals.securityReviewers') ?? [],
    approvalExpiryMs:
      config && config.has('approvals.expiry')
        ? readDuration(config, 'approvals.expiry')
        : 7 * 86_400_000,
  };
}
