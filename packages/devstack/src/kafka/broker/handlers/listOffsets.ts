/** ListOffsets: earliest, latest, max-timestamp and by-timestamp lookups. */
import { ErrorCode } from '../../protocol/errors';
import type {
  ListOffsetsPartitionResponse,
  ListOffsetsRequest,
  ListOffsetsResponse,
} from '../../protocol/generated/listOffsets';
import type { RequestContext } from '../context';

export const LATEST = -1;
export const EARLIEST = -2;
export const MAX_TIMESTAMP = -3;
export const EARLIEST_LOCAL = -4;
export const LATEST_TIERED = -5;

export function handleListOffsets(ctx: RequestContext, req: ListOffsetsRequest): ListOffsetsResponse {
  const { cluster, broker } = ctx;
  const topics = req.topics.map(t => {
    const topic = cluster.topics.get(t.name);
    const partitions = t.partitions.map((lp): ListOffsetsPartitionResponse => {
      const base = { partitionIndex: lp.partitionIndex, oldStyleOffsets: [], timestamp: -1, offset: -1, leaderEpoch: -1 };
      const partition = topic?.partitions[lp.partitionIndex];
      if (!partition) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      if (partition.leader !== broker.nodeId) return { ...base, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
      const log = partition.log;
      const ok = { ...base, errorCode: ErrorCode.NONE, leaderEpoch: partition.leaderEpoch };
      switch (lp.timestamp) {
        case LATEST:
          return { ...ok, offset: log.highWatermark };
        case EARLIEST:
        case EARLIEST_LOCAL:
          return { ...ok, offset: log.logStartOffset };
        case LATEST_TIERED:
          return { ...ok, offset: -1 };
        case MAX_TIMESTAMP: {
          const hit = log.maxTimestampOffset();
          return hit ? { ...ok, offset: hit.offset, timestamp: hit.timestamp } : ok;
        }
        default: {
          if (lp.timestamp < 0) return { ...base, errorCode: ErrorCode.INVALID_REQUEST };
          const hit = log.offsetForTimestamp(lp.timestamp);
          return hit ? { ...ok, offset: hit.offset, timestamp: hit.timestamp } : ok;
        }
      }
    });
    return { name: t.name, partitions };
  });
  return { throttleTimeMs: 0, topics };
}
