/** CreateTopics, DeleteTopics, CreatePartitions. */
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type {
  CreatePartitionsRequest,
  CreatePartitionsResponse,
  CreatePartitionsTopicResult,
} from '../../protocol/generated/createPartitions';
import type {
  CreatableTopicConfigs,
  CreatableTopicResult,
  CreateTopicsRequest,
  CreateTopicsResponse,
} from '../../protocol/generated/createTopics';
import type {
  DeletableTopicResult,
  DeleteTopicsRequest,
  DeleteTopicsResponse,
} from '../../protocol/generated/deleteTopics';
import { ConfigSource, TOPIC_CONFIGS } from '../configs';
import type { RequestContext } from '../context';

function duplicates(names: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) dup.add(n);
    seen.add(n);
  }
  return dup;
}

function describeNewConfigs(overrides: Map<string, string>): CreatableTopicConfigs[] {
  return Object.entries(TOPIC_CONFIGS).map(([name, def]) => ({
    name,
    value: overrides.get(name) ?? def.default,
    readOnly: false,
    configSource: overrides.has(name) ? ConfigSource.DYNAMIC_TOPIC_CONFIG : ConfigSource.DEFAULT_CONFIG,
    isSensitive: false,
  }));
}

export function handleCreateTopics(ctx: RequestContext, req: CreateTopicsRequest): CreateTopicsResponse {
  const { cluster } = ctx;
  const dup = duplicates(req.topics.map(t => t.name));
  const results: CreatableTopicResult[] = [];
  for (const t of req.topics) {
    const fail = (errorCode: number, errorMessage: string): CreatableTopicResult => ({
      name: t.name,
      errorCode,
      errorMessage,
      numPartitions: -1,
      replicationFactor: -1,
      configs: null,
    });
    if (dup.has(t.name)) {
      results.push(fail(ErrorCode.INVALID_REQUEST, `Create topics request from client contains multiple entries for topic ${t.name}`));
      continue;
    }
    const spec = {
      name: t.name,
      numPartitions: t.numPartitions,
      replicationFactor: t.replicationFactor,
      assignments: [...t.assignments].sort((a, b) => a.partitionIndex - b.partitionIndex).map(a => a.brokerIds),
      configs: t.configs.map(c => [c.name, c.value] as [string, string | null]),
    };
    try {
      let id = '';
      let partitions: number;
      let rf: number;
      let configs: Map<string, string>;
      if (req.validateOnly) {
        const v = cluster.validateNewTopic(spec);
        configs = v.configs;
        const defaulted = (n: number) => (n === -1 ? 1 : n);
        partitions = v.assignment.length || defaulted(t.numPartitions);
        rf = v.assignment.length ? v.assignment[0].length : defaulted(t.replicationFactor);
      } else {
        const topic = cluster.createTopic(spec);
        id = topic.id;
        configs = topic.configs;
        partitions = topic.partitions.length;
        rf = topic.partitions[0].replicas.length;
        ctx.broker.logger.info(`created topic ${topic.name} (${partitions} partitions, rf ${rf})`);
      }
      results.push({
        name: t.name,
        topicId: id || undefined,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        numPartitions: partitions,
        replicationFactor: rf,
        configs: describeNewConfigs(configs),
      });
    } catch (e) {
      if (!(e instanceof KafkaError)) throw e;
      results.push(fail(e.code, e.message));
    }
  }
  return { throttleTimeMs: 0, topics: results };
}

export function handleDeleteTopics(ctx: RequestContext, req: DeleteTopicsRequest): DeleteTopicsResponse {
  const { cluster } = ctx;
  const targets =
    ctx.apiVersion >= 6
      ? (req.topics ?? []).map(t => ({ name: t.name ?? null, topicId: t.topicId }))
      : (req.topicNames ?? []).map(name => ({ name, topicId: undefined }));
  const responses: DeletableTopicResult[] = [];
  for (const t of targets) {
    let topic = t.name !== null ? cluster.topics.get(t.name) : undefined;
    if (t.name === null && t.topicId) topic = cluster.topicsById.get(t.topicId);
    if (!topic) {
      responses.push({
        name: t.name,
        topicId: t.topicId,
        errorCode: t.name !== null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID,
        errorMessage: t.name !== null ? 'This server does not host this topic-partition.' : 'This server does not host this topic ID.',
      });
      continue;
    }
    cluster.deleteTopic(topic);
    cluster.groups.onTopicDeleted(topic.name);
    ctx.broker.logger.info(`deleted topic ${topic.name}`);
    responses.push({ name: topic.name, topicId: topic.id, errorCode: ErrorCode.NONE, errorMessage: null });
  }
  return { throttleTimeMs: 0, responses };
}

export function handleCreatePartitions(
  ctx: RequestContext,
  req: CreatePartitionsRequest,
): CreatePartitionsResponse {
  const { cluster } = ctx;
  const dup = duplicates(req.topics.map(t => t.name));
  const results: CreatePartitionsTopicResult[] = [];
  for (const t of req.topics) {
    if (dup.has(t.name)) {
      results.push({ name: t.name, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Duplicate topic ${t.name} in request` });
      continue;
    }
    const topic = cluster.topics.get(t.name);
    if (!topic) {
      results.push({
        name: t.name,
        errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        errorMessage: `The topic '${t.name}' does not exist.`,
      });
      continue;
    }
    try {
      const plan = cluster.planPartitionGrowth(topic, t.count, t.assignments ? t.assignments.map(a => a.brokerIds) : null);
      if (!req.validateOnly) cluster.addPartitions(topic, plan);
      results.push({ name: t.name, errorCode: ErrorCode.NONE, errorMessage: null });
    } catch (e) {
      if (!(e instanceof KafkaError)) throw e;
      results.push({ name: t.name, errorCode: e.code, errorMessage: e.message });
    }
  }
  return { throttleTimeMs: 0, results };
}
