/**
 * Topic configuration registry: Kafka's topic-level config keys with their
 * default values, types and validation rules (values as in Apache Kafka 3.x).
 */

export type ConfigKind =
  | 'BOOLEAN'
  | 'STRING'
  | 'INT'
  | 'LONG'
  | 'DOUBLE'
  | 'LIST';

/** DescribeConfigs `configType` values. */
export const CONFIG_TYPE_CODE: Record<ConfigKind, number> = {
  BOOLEAN: 1,
  STRING: 2,
  INT: 3,
  LONG: 5,
  DOUBLE: 6,
  LIST: 7,
};

/** DescribeConfigs `configSource` values. */
export const ConfigSource = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
} as const;

export interface ConfigDef {
  kind: ConfigKind;
  default: string;
  /** broker-level setting this topic config falls back to (synonym) */
  serverName: string;
  min?: bigint;
  max?: number;
  /** allowed values (case-sensitive, as in Kafka) */
  allowed?: string[];
}

const LONG_MAX = '9223372036854775807';
const INT_MAX = 2147483647;

export const TOPIC_CONFIGS: Record<string, ConfigDef> = {
  'cleanup.policy': {
    kind: 'LIST',
    default: 'delete',
    serverName: 'log.cleanup.policy',
    allowed: ['compact', 'delete'],
  },
  'compression.type': {
    kind: 'STRING',
    default: 'producer',
    serverName: 'compression.type',
    allowed: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'],
  },
  'delete.retention.ms': { kind: 'LONG', default: '86400000', serverName: 'log.cleaner.delete.retention.ms', min: 0n },
  'file.delete.delay.ms': { kind: 'LONG', default: '60000', serverName: 'log.segment.delete.delay.ms', min: 0n },
  'flush.messages': { kind: 'LONG', default: LONG_MAX, serverName: 'log.flush.interval.messages', min: 1n },
  'flush.ms': { kind: 'LONG', default: LONG_MAX, serverName: 'log.flush.interval.ms', min: 0n },
  'follower.replication.throttled.replicas': { kind: 'LIST', default: '', serverName: 'follower.replication.throttled.replicas' },
  'index.interval.bytes': { kind: 'INT', default: '4096', serverName: 'log.index.interval.bytes', min: 0n },
  'leader.replication.throttled.replicas': { kind: 'LIST', default: '', serverName: 'leader.replication.throttled.replicas' },
  'local.retention.bytes': { kind: 'LONG', default: '-2', serverName: 'log.local.retention.bytes', min: -2n },
  'local.retention.ms': { kind: 'LONG', default: '-2', serverName: 'log.local.retention.ms', min: -2n },
  'max.compaction.lag.ms': { kind: 'LONG', default: LONG_MAX, serverName: 'log.cleaner.max.compaction.lag.ms', min: 1n },
  'max.message.bytes': { kind: 'INT', default: '1048588', serverName: 'message.max.bytes', min: 0n },
  'message.downconversion.enable': { kind: 'BOOLEAN', default: 'true', serverName: 'log.message.downconversion.enable' },
  'message.timestamp.after.max.ms': { kind: 'LONG', default: LONG_MAX, serverName: 'log.message.timestamp.after.max.ms', min: 0n },
  'message.timestamp.before.max.ms': { kind: 'LONG', default: LONG_MAX, serverName: 'log.message.timestamp.before.max.ms', min: 0n },
  'message.timestamp.difference.max.ms': { kind: 'LONG', default: LONG_MAX, serverName: 'log.message.timestamp.difference.max.ms', min: 0n },
  'message.timestamp.type': {
    kind: 'STRING',
    default: 'CreateTime',
    serverName: 'log.message.timestamp.type',
    allowed: ['CreateTime', 'LogAppendTime'],
  },
  'min.cleanable.dirty.ratio': { kind: 'DOUBLE', default: '0.5', serverName: 'log.cleaner.min.cleanable.ratio', min: 0n, max: 1 },
  'min.compaction.lag.ms': { kind: 'LONG', default: '0', serverName: 'log.cleaner.min.compaction.lag.ms', min: 0n },
  'min.insync.replicas': { kind: 'INT', default: '1', serverName: 'min.insync.replicas', min: 1n },
  preallocate: { kind: 'BOOLEAN', default: 'false', serverName: 'log.preallocate' },
  'remote.storage.enable': { kind: 'BOOLEAN', default: 'false', serverName: 'remote.log.storage.system.enable' },
  'retention.bytes': { kind: 'LONG', default: '-1', serverName: 'log.retention.bytes' },
  'retention.ms': { kind: 'LONG', default: '604800000', serverName: 'log.retention.ms', min: -1n },
  'segment.bytes': { kind: 'INT', default: '1073741824', serverName: 'log.segment.bytes', min: 14n },
  'segment.index.bytes': { kind: 'INT', default: '10485760', serverName: 'log.index.size.max.bytes', min: 4n },
  'segment.jitter.ms': { kind: 'LONG', default: '0', serverName: 'log.roll.jitter.ms', min: 0n },
  'segment.ms': { kind: 'LONG', default: '604800000', serverName: 'log.roll.ms', min: 1n },
  'unclean.leader.election.enable': { kind: 'BOOLEAN', default: 'false', serverName: 'unclean.leader.election.enable' },
};

export class ConfigError extends Error {}

function parseInteger(name: string, value: string, kind: 'INT' | 'LONG'): bigint {
  const v = value.trim();
  if (!/^[+-]?\d+$/.test(v)) {
    throw new ConfigError(`Invalid value ${value} for configuration ${name}: Not a number of type ${kind}`);
  }
  const n = BigInt(v);
  const [lo, hi] = kind === 'INT' ? [-2147483648n, BigInt(INT_MAX)] : [-(2n ** 63n), 2n ** 63n - 1n];
  if (n < lo || n > hi) {
    throw new ConfigError(`Invalid value ${value} for configuration ${name}: Not a number of type ${kind}`);
  }
  return n;
}

/** Validates one topic config value and returns its normalised form. Throws ConfigError. */
export function validateTopicConfig(name: string, value: string | null): string {
  const def = TOPIC_CONFIGS[name];
  if (!def) {
    throw new ConfigError(`Unknown topic config name: ${name}`);
  }
  if (value === null) {
    throw new ConfigError(`Null value not supported for topic configs: ${name}`);
  }
  switch (def.kind) {
    case 'BOOLEAN': {
      const v = value.trim().toLowerCase();
      if (v !== 'true' && v !== 'false') {
        throw new ConfigError(`Invalid value ${value} for configuration ${name}: Expected value to be either true or false`);
      }
      return v;
    }
    case 'INT':
    case 'LONG': {
      const n = parseInteger(name, value, def.kind);
      if (def.min !== undefined && n < def.min) {
        throw new ConfigError(`Invalid value ${value} for configuration ${name}: Value must be at least ${def.min}`);
      }
      return n.toString();
    }
    case 'DOUBLE': {
      const v = value.trim();
      const n = Number(v);
      if (v === '' || Number.isNaN(n)) {
        throw new ConfigError(`Invalid value ${value} for configuration ${name}: Not a number of type DOUBLE`);
      }
      if ((def.min !== undefined && n < Number(def.min)) || (def.max !== undefined && n > def.max)) {
        throw new ConfigError(`Invalid value ${value} for configuration ${name}: Value must be between ${def.min} and ${def.max}`);
      }
      return String(n);
    }
    case 'LIST': {
      const items = value.split(',').map(s => s.trim()).filter(s => s !== '');
      if (def.allowed) {
        for (const item of items) {
          if (!def.allowed.includes(item)) {
            throw new ConfigError(`Invalid value ${item} for configuration ${name}: String must be one of: ${def.allowed.join(', ')}`);
          }
        }
        if (items.length === 0 && name === 'cleanup.policy') {
          throw new ConfigError(`Invalid value ${value} for configuration ${name}: empty list is not allowed`);
        }
      }
      return items.join(',');
    }
    default: {
      if (def.allowed && !def.allowed.includes(value)) {
        throw new ConfigError(`Invalid value ${value} for configuration ${name}: String must be one of: ${def.allowed.join(', ')}`);
      }
      return value;
    }
  }
}

/** Validates a whole set of overrides; returns a normalised map. */
export function validateTopicConfigs(entries: Iterable<[string, string | null]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of entries) out.set(name, validateTopicConfig(name, value));
  return out;
}

export function topicConfigValue(overrides: Map<string, string>, name: string): string {
  return overrides.get(name) ?? TOPIC_CONFIGS[name].default;
}

export interface BrokerConfigEntry {
  name: string;
  value: string | null;
  kind: ConfigKind;
  /** true when set explicitly by the devstack (STATIC_BROKER_CONFIG) */
  isStatic: boolean;
  readOnly: boolean;
  sensitive?: boolean;
}

/** A representative read-only broker config listing (DescribeConfigs BROKER). */
export function brokerConfigs(opts: {
  nodeId: number;
  host: string;
  port: number;
  autoCreateTopics: boolean;
  sasl: boolean;
}): BrokerConfigEntry[] {
  const listener = `${opts.sasl ? 'SASL_PLAINTEXT' : 'PLAINTEXT'}://${opts.host}:${opts.port}`;
  const entries: BrokerConfigEntry[] = [
    { name: 'broker.id', value: String(opts.nodeId), kind: 'INT', isStatic: true, readOnly: true },
    { name: 'node.id', value: String(opts.nodeId), kind: 'INT', isStatic: true, readOnly: true },
    { name: 'advertised.listeners', value: listener, kind: 'STRING', isStatic: true, readOnly: true },
    { name: 'listeners', value: listener, kind: 'STRING', isStatic: true, readOnly: true },
    { name: 'auto.create.topics.enable', value: String(opts.autoCreateTopics), kind: 'BOOLEAN', isStatic: true, readOnly: true },
    { name: 'num.partitions', value: '1', kind: 'INT', isStatic: false, readOnly: true },
    { name: 'default.replication.factor', value: '1', kind: 'INT', isStatic: false, readOnly: true },
    { name: 'delete.topic.enable', value: 'true', kind: 'BOOLEAN', isStatic: false, readOnly: true },
    { name: 'offsets.topic.num.partitions', value: '50', kind: 'INT', isStatic: false, readOnly: true },
    { name: 'group.initial.rebalance.delay.ms', value: '3000', kind: 'INT', isStatic: false, readOnly: true },
    { name: 'group.min.session.timeout.ms', value: '6000', kind: 'INT', isStatic: false, readOnly: true },
    { name: 'group.max.session.timeout.ms', value: '1800000', kind: 'INT', isStatic: false, readOnly: true },
    { name: 'log.retention.hours', value: '168', kind: 'INT', isStatic: false, readOnly: true },
    { name: 'sasl.enabled.mechanisms', value: opts.sasl ? 'PLAIN' : 'GSSAPI', kind: 'LIST', isStatic: opts.sasl, readOnly: true },
  ];
  const seen = new Set(entries.map(e => e.name));
  for (const def of Object.values(TOPIC_CONFIGS)) {
    if (seen.has(def.serverName)) continue;
    seen.add(def.serverName);
    entries.push({ name: def.serverName, value: def.default, kind: def.kind, isStatic: false, readOnly: true });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}
