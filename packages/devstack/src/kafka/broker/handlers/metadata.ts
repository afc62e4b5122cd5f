/** Metadata and DescribeCluster. */
import { ErrorCode } from '../../protocol/errors';
import { ZERO_UUID } from '../../protocol/codecRuntime';
import type {
  DescribeClusterRequest,
  DescribeClusterResponse,
} from '../../protocol/generated/describeCluster';
import type {
  MetadataRequest,
  MetadataResponse,
  MetadataResponsePartition,
  MetadataResponseTopic,
} from '../../protocol/generated/metadata';
import { topicNameError, Topic } from '../cluster';
import type { RequestContext } from '../context';

function describeTopic(topic: Topic): MetadataResponseTopic {
  const partitions: MetadataResponsePartition[] = new Array(topic.partitions.length);
  for (let i = 0; i < topic.partitions.length; i++) {
    const p = topic.partitions[i];
    partitions[i] = {
      errorCode: 0,
      partitionIndex: p.index,
      leaderId: p.leader,
      leaderEpoch: p.leaderEpoch,
      replicaNodes: p.replicas,
      isrNodes: p.isr,
      offlineReplicas: [],
    };
  }
  return {
    errorCode: 0,
    name: topic.name,
    topicId: topic.id,
    isInternal: false,
    partitions,
  };
}

function missing(name: string | null, errorCode: number, topicId = ZERO_UUID): MetadataResponseTopic {
  return { errorCode, name, topicId, isInternal: false, partitions: [] };
}

export function handleMetadata(ctx: RequestContext, req: MetadataRequest): MetadataResponse {
  const { cluster } = ctx;
  const topics: MetadataResponseTopic[] = [];
  const all = req.topics === null || (ctx.apiVersion === 0 && req.topics.length === 0);
  if (all) {
    for (const topic of cluster.topics.values()) topics.push(describeTopic(topic));
  } else {
    for (const t of req.topics ?? []) {
      if (t.name === null || t.name === undefined) {
        const byId = t.topicId ? cluster.topicsById.get(t.topicId) : undefined;
        topics.push(byId ? describeTopic(byId) : missing(null, ErrorCode.UNKNOWN_TOPIC_ID, t.topicId));
        continue;
      }
      const existing = cluster.topics.get(t.name);
      if (existing) {
        topics.push(describeTopic(existing));
      } else if (topicNameError(t.name)) {
        topics.push(missing(t.name, ErrorCode.INVALID_TOPIC_EXCEPTION));
      } else {
        const created = req.allowAutoTopicCreation !== false ? cluster.maybeAutoCreate(t.name) : undefined;
        topics.push(created ? describeTopic(created) : missing(t.name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
      }
    }
  }
  return {
    throttleTimeMs: 0,
    brokers: cluster.brokers.map(b => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: null })),
    clusterId: cluster.clusterId,
    controllerId: cluster.controllerId,
    topics,
  };
}

export function handleDescribeCluster(
  ctx: RequestContext,
  req: DescribeClusterRequest,
): DescribeClusterResponse {
  const { cluster } = ctx;
  if ((req.endpointType ?? 1) !== 1) {
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.MISMATCHED_ENDPOINT_TYPE,
      errorMessage: 'The request was sent to a broker endpoint, but asked for controller endpoints',
      endpointType: req.endpointType,
      clusterId: cluster.clusterId,
      controllerId: -1,
      brokers: [],
    };
  }
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    endpointType: 1,
    clusterId: cluster.clusterId,
    controllerId: cluster.controllerId,
    brokers: cluster.brokers.map(b => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: null })),
    clusterAuthorizedOperations: -2147483648,
  };
}
