/** Produce and InitProducerId. */
import { ErrorCode } from '../../protocol/errors';
import type { InitProducerIdRequest, InitProducerIdResponse } from '../../protocol/generated/initProducerId';
import type {
  PartitionProduceResponse,
  ProduceRequest,
  ProduceResponse,
  TopicProduceResponse,
} from '../../protocol/generated/produce';
import {
  BatchFormatError,
  BatchHeader,
  batchCrcValid,
  isControl,
  isTransactional,
  parseBatches,
} from '../../protocol/recordBatch';
import { topicConfigValue } from '../configs';
import type { Partition, Topic } from '../cluster';
import type { RequestContext } from '../context';

function partitionError(index: number, errorCode: number, errorMessage: string | null = null): PartitionProduceResponse {
  return { index, errorCode, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], errorMessage };
}

function appendToPartition(
  topic: Topic,
  partition: Partition,
  records: Buffer | null,
): PartitionProduceResponse {
  const index = partition.index;
  let batches: BatchHeader[];
  try {
    batches = records ? parseBatches(records) : [];
  } catch (e) {
    if (e instanceof BatchFormatError) return partitionError(index, ErrorCode.CORRUPT_MESSAGE, e.message);
    throw e;
  }
  if (batches.length !== 1) {
    return partitionError(index, ErrorCode.INVALID_RECORD, 'Produce requests must contain exactly one record batch per partition');
  }
  const maxBytes = Number(topicConfigValue(topic.configs, 'max.message.bytes'));
  const logAppendTime = topicConfigValue(topic.configs, 'message.timestamp.type') === 'LogAppendTime';
  const h = batches[0];
  if (h.magic !== 2) {
    return partitionError(index, ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT, `Unsupported record batch magic ${h.magic}`);
  }
  if (!batchCrcValid(records!, h)) {
    return partitionError(index, ErrorCode.CORRUPT_MESSAGE, 'Record batch CRC32C mismatch');
  }
  if (h.size > maxBytes) {
    return partitionError(
      index,
      ErrorCode.MESSAGE_TOO_LARGE,
      `The record batch of ${h.size} bytes exceeds max.message.bytes (${maxBytes}) of topic ${topic.name}`,
    );
  }
  if (isControl(h.attributes)) {
    return partitionError(index, ErrorCode.INVALID_RECORD, 'Clients may not produce control batches');
  }
  if (isTransactional(h.attributes)) {
    return partitionError(index, ErrorCode.INVALID_TXN_STATE, 'Transactions are not supported by the devstack broker');
  }
  const result = partition.log.append(records!, h, partition.leaderEpoch, logAppendTime);
  if (result.errorCode !== ErrorCode.NONE) return partitionError(index, result.errorCode, result.errorMessage ?? null);
  return {
    index,
    errorCode: ErrorCode.NONE,
    baseOffset: result.baseOffset,
    logAppendTimeMs: result.logAppendTime,
    logStartOffset: partition.log.logStartOffset,
    recordErrors: [],
    errorMessage: null,
  };
}

export function handleProduce(ctx: RequestContext, req: ProduceRequest): ProduceResponse | undefined {
  const { cluster, broker } = ctx;
  const responses: TopicProduceResponse[] = [];
  const validAcks = req.acks === -1 || req.acks === 0 || req.acks === 1;
  for (const t of req.topicData) {
    const topic = cluster.topics.get(t.name);
    const partitionResponses = t.partitionData.map(pd => {
      if (!validAcks) return partitionError(pd.index, ErrorCode.INVALID_REQUIRED_ACKS);
      if (req.transactionalId) {
        return partitionError(pd.index, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 'Transactions are not supported');
      }
      const partition = topic?.partitions[pd.index];
      if (!topic || !partition) return partitionError(pd.index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      if (partition.leader !== broker.nodeId) {
        return {
          ...partitionError(pd.index, ErrorCode.NOT_LEADER_OR_FOLLOWER),
          currentLeader: { leaderId: partition.leader, leaderEpoch: partition.leaderEpoch },
        };
      }
      return appendToPartition(topic, partition, pd.records);
    });
    responses.push({ name: t.name, partitionResponses });
  }
  if (req.acks === 0) return undefined;
  const notLeader = responses.some(t =>
    t.partitionResponses.some(p => p.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER),
  );
  return {
    responses,
    throttleTimeMs: 0,
    nodeEndpoints: notLeader
      ? cluster.brokers.map(b => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: null }))
      : [],
  };
}

export function handleInitProducerId(
  ctx: RequestContext,
  req: InitProducerIdRequest,
): InitProducerIdResponse {
  if (req.transactionalId !== null && req.transactionalId !== undefined) {
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
      producerId: -1,
      producerEpoch: -1,
    };
  }
  if (req.producerId !== undefined && req.producerId >= 0 && (req.producerEpoch ?? -1) >= 0) {
    // epoch bump for an existing idempotent producer (KIP-360)
    const epoch = (req.producerEpoch ?? 0) + 1;
    if (epoch < 32767) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId: req.producerId, producerEpoch: epoch };
    }
  }
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    producerId: ctx.cluster.allocateProducerId(),
    producerEpoch: 0,
  };
}
