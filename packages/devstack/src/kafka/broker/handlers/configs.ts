/** DescribeConfigs, AlterConfigs, IncrementalAlterConfigs. */
import { ErrorCode } from '../../protocol/errors';
import type { AlterConfigsRequest, AlterConfigsResponse } from '../../protocol/generated/alterConfigs';
import type {
  DescribeConfigsRequest,
  DescribeConfigsResourceResult,
  DescribeConfigsResponse,
  DescribeConfigsResult,
} from '../../protocol/generated/describeConfigs';
import type {
  IncrementalAlterConfigsRequest,
  IncrementalAlterConfigsResponse,
} from '../../protocol/generated/incrementalAlterConfigs';
import {
  brokerConfigs,
  CONFIG_TYPE_CODE,
  ConfigError,
  ConfigSource,
  TOPIC_CONFIGS,
  validateTopicConfigs,
} from '../configs';
import type { RequestContext } from '../context';

export const ResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

interface Entry {
  name: string;
  value: string | null;
  source: number;
  readOnly: boolean;
  sensitive: boolean;
  type: number;
  synonyms: { name: string; value: string | null; source: number }[];
}

function topicEntries(overrides: Map<string, string>): Entry[] {
  return Object.entries(TOPIC_CONFIGS).map(([name, def]) => {
    const override = overrides.get(name);
    const synonyms = [];
    if (override !== undefined) synonyms.push({ name, value: override, source: ConfigSource.DYNAMIC_TOPIC_CONFIG });
    synonyms.push({ name: def.serverName, value: def.default, source: ConfigSource.DEFAULT_CONFIG });
    return {
      name,
      value: override ?? def.default,
      source: override !== undefined ? ConfigSource.DYNAMIC_TOPIC_CONFIG : ConfigSource.DEFAULT_CONFIG,
      readOnly: false,
      sensitive: false,
      type: CONFIG_TYPE_CODE[def.kind],
      synonyms,
    };
  });
}

function resolveBroker(ctx: RequestContext, resourceName: string) {
  if (resourceName === '') return ctx.broker;
  const id = Number(resourceName);
  const info = Number.isInteger(id) ? ctx.cluster.broker(id) : undefined;
  return info ? { ...info } : undefined;
}

function brokerEntries(ctx: RequestContext, nodeId: number, host: string, port: number): Entry[] {
  return brokerConfigs({
    nodeId,
    host,
    port,
    autoCreateTopics: ctx.cluster.options.autoCreateTopics,
    sasl: !!ctx.cluster.options.sasl,
  }).map(e => {
    const source = e.isStatic ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;
    return {
      name: e.name,
      value: e.value,
      source,
      readOnly: e.readOnly,
      sensitive: !!e.sensitive,
      type: CONFIG_TYPE_CODE[e.kind],
      synonyms: [{ name: e.name, value: e.value, source }],
    };
  });
}

export function handleDescribeConfigs(
  ctx: RequestContext,
  req: DescribeConfigsRequest,
): DescribeConfigsResponse {
  const v = ctx.apiVersion;
  const results: DescribeConfigsResult[] = req.resources.map(res => {
    const base = { resourceType: res.resourceType, resourceName: res.resourceName };
    let entries: Entry[];
    if (res.resourceType === ResourceType.TOPIC) {
      const topic = ctx.cluster.topics.get(res.resourceName);
      if (!topic) {
        return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic '${res.resourceName}' does not exist.`, configs: [] };
      }
      entries = topicEntries(topic.configs);
    } else if (res.resourceType === ResourceType.BROKER) {
      const b = resolveBroker(ctx, res.resourceName);
      if (!b) {
        return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown broker id ${res.resourceName}`, configs: [] };
      }
      entries = brokerEntries(ctx, b.nodeId, b.host, b.port);
    } else {
      return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${res.resourceType}`, configs: [] };
    }
    if (res.configurationKeys) {
      const keys = new Set(res.configurationKeys);
      entries = entries.filter(e => keys.has(e.name));
    }
    const configs: DescribeConfigsResourceResult[] = entries.map(e => ({
      name: e.name,
      value: e.sensitive ? null : e.value,
      readOnly: e.readOnly,
      isDefault: e.source === ConfigSource.DEFAULT_CONFIG,
      configSource: e.source,
      isSensitive: e.sensitive,
      synonyms: v >= 1 && req.includeSynonyms ? e.synonyms : [],
      configType: e.type,
      documentation: null,
    }));
    return { ...base, errorCode: ErrorCode.NONE, errorMessage: null, configs };
  });
  return { throttleTimeMs: 0, results };
}

type Outcome = { errorCode: number; errorMessage: string | null };

class RequestError extends Error {}

function applyTopicConfigs(
  ctx: RequestContext,
  resourceType: number,
  resourceName: string,
  validateOnly: boolean,
  compute: (current: Map<string, string>) => Map<string, string | null>,
): Outcome {
  if (resourceType === ResourceType.BROKER) {
    return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Broker configs are read-only in the devstack broker' };
  }
  if (resourceType !== ResourceType.TOPIC) {
    return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${resourceType}` };
  }
  const topic = ctx.cluster.topics.get(resourceName);
  if (!topic) {
    return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic '${resourceName}' does not exist.` };
  }
  let next: Map<string, string>;
  try {
    next = validateTopicConfigs(compute(topic.configs));
  } catch (e) {
    if (e instanceof ConfigError) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: e.message };
    if (e instanceof RequestError) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: e.message };
    throw e;
  }
  if (!validateOnly) topic.configs = next;
  return { errorCode: ErrorCode.NONE, errorMessage: null };
}

export function handleAlterConfigs(ctx: RequestContext, req: AlterConfigsRequest): AlterConfigsResponse {
  const responses = req.resources.map(res => ({
    resourceType: res.resourceType,
    resourceName: res.resourceName,
    // AlterConfigs replaces the whole set of dynamic configs: unsent keys revert to defaults
    ...applyTopicConfigs(ctx, res.resourceType, res.resourceName, req.validateOnly, () => {
      const next = new Map<string, string | null>();
      for (const c of res.configs) {
        if (next.has(c.name)) throw new RequestError(`Duplicate config key ${c.name}`);
        next.set(c.name, c.value);
      }
      return next;
    }),
  }));
  return { throttleTimeMs: 0, responses };
}

export const AlterConfigOp = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export function handleIncrementalAlterConfigs(
  ctx: RequestContext,
  req: IncrementalAlterConfigsRequest,
): IncrementalAlterConfigsResponse {
  const responses = req.resources.map(res => ({
    resourceType: res.resourceType,
    resourceName: res.resourceName,
    ...applyTopicConfigs(ctx, res.resourceType, res.resourceName, req.validateOnly, current => {
      const next = new Map<string, string | null>(current);
      const seen = new Set<string>();
      for (const c of res.configs) {
        if (seen.has(c.name)) throw new RequestError(`Error due to duplicate config keys: ${c.name}`);
        seen.add(c.name);
        const def = TOPIC_CONFIGS[c.name];
        if (!def) throw new ConfigError(`Unknown topic config name: ${c.name}`);
        switch (c.configOperation) {
          case AlterConfigOp.SET:
            next.set(c.name, c.value);
            break;
          case AlterConfigOp.DELETE:
            next.delete(c.name);
            break;
          case AlterConfigOp.APPEND:
          case AlterConfigOp.SUBTRACT: {
            if (def.kind !== 'LIST') {
              const op = c.configOperation === AlterConfigOp.APPEND ? 'append' : 'subtract';
              throw new ConfigError(`Config value ${op} is not allowed for config key: ${c.name}`);
            }
            const items = (current.get(c.name) ?? def.default).split(',').filter(s => s !== '');
            const values = (c.value ?? '').split(',').map(s => s.trim()).filter(s => s !== '');
            const result =
              c.configOperation === AlterConfigOp.APPEND
                ? [...items, ...values.filter(x => !items.includes(x))]
                : items.filter(x => !values.includes(x));
            next.set(c.name, result.join(','));
            break;
          }
          default:
            throw new RequestError(`Unknown config operation ${c.configOperation}`);
        }
      }
      return next;
    }),
  }));
  return { throttleTimeMs: 0, responses };
}
