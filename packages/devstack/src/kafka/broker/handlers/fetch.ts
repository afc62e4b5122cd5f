/** Fetch with long polling (maxWaitMs/minBytes), byte limits and offset checks. */
import { ErrorCode } from '../../protocol/errors';
import type {
  FetchRequest,
  FetchResponse,
  FetchableTopicResponse,
  PartitionData,
} from '../../protocol/generated/fetch';
import type { Partition } from '../cluster';
import type { RequestContext } from '../context';

interface FetchResult {
  response: FetchResponse;
  bytes: number;
  hasError: boolean;
  partitions: Partition[];
}

function emptyPartition(partitionIndex: number, errorCode: number): PartitionData {
  return {
    partitionIndex,
    errorCode,
    highWatermark: -1,
    lastStableOffset: -1,
    logStartOffset: -1,
    abortedTransactions: null,
    preferredReadReplica: -1,
    records: null,
  };
}

function buildFetch(ctx: RequestContext, req: FetchRequest): FetchResult {
  const { cluster, broker } = ctx;
  const byId = ctx.apiVersion >= 13;
  let remaining = req.maxBytes ?? 0x7fffffff;
  let bytes = 0;
  let hasError = false;
  const partitions: Partition[] = [];
  const responses: FetchableTopicResponse[] = [];
  for (const t of req.topics) {
    const topic = byId ? cluster.topicsById.get(t.topicId ?? '') : cluster.topics.get(t.topic ?? '');
    const out: PartitionData[] = [];
    for (const fp of t.partitions) {
      const partition = topic?.partitions[fp.partition];
      if (!topic || !partition) {
        hasError = true;
        out.push(emptyPartition(fp.partition, byId && !topic ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
        continue;
      }
      if (partition.leader !== broker.nodeId) {
        hasError = true;
        out.push({
          ...emptyPartition(fp.partition, ErrorCode.NOT_LEADER_OR_FOLLOWER),
          currentLeader: { leaderId: partition.leader, leaderEpoch: partition.leaderEpoch },
        });
        continue;
      }
      const log = partition.log;
      partitions.push(partition);
      const base = {
        partitionIndex: fp.partition,
        highWatermark: log.highWatermark,
        lastStableOffset: log.highWatermark,
        logStartOffset: log.logStartOffset,
        abortedTransactions: null,
        preferredReadReplica: -1,
      };
      if (fp.fetchOffset < log.logStartOffset || fp.fetchOffset > log.highWatermark) {
        hasError = true;
        out.push({ ...base, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, records: null });
        continue;
      }
      const limit = Math.min(fp.partitionMaxBytes, remaining);
      const chunks = log.read(fp.fetchOffset, Math.max(0, limit), bytes === 0);
      const size = chunks.reduce((n, c) => n + c.length, 0);
      bytes += size;
      remaining -= size;
      out.push({
        ...base,
        errorCode: ErrorCode.NONE,
        records: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size),
      });
    }
    responses.push({ topic: t.topic, topicId: t.topicId, partitions: out });
  }
  return {
    response: { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, responses },
    bytes,
    hasError,
    partitions,
  };
}

export function handleFetch(ctx: RequestContext, req: FetchRequest): FetchResponse | Promise<FetchResponse> {
  if ((req.sessionId ?? 0) !== 0) {
    // fetch sessions are not implemented: every fetch is a full fetch
    return { throttleTimeMs: 0, errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND, sessionId: 0, responses: [] };
  }
  const first = buildFetch(ctx, req);
  if (first.bytes >= req.minBytes || first.hasError || req.maxWaitMs <= 0 || first.partitions.length === 0) {
    return first.response;
  }
  return new Promise<FetchResponse>(resolve => {
    const unsubscribes: (() => void)[] = [];
    const state: { done: boolean; timer?: NodeJS.Timeout } = { done: false };
    const finish = () => {
      if (state.done) return;
      state.done = true;
      clearTimeout(state.timer);
      unsubscribes.forEach(u => u());
      ctx.cluster.pendingWaits.delete(finish);
      resolve(buildFetch(ctx, req).response);
    };
    state.timer = setTimeout(finish, req.maxWaitMs);
    ctx.cluster.pendingWaits.add(finish);
    const check = () => {
      if (state.done) return;
      const again = buildFetch(ctx, req);
      if (again.bytes >= req.minBytes || again.hasError) finish();
    };
    for (const p of first.partitions) unsubscribes.push(p.log.onAppend(check));
  });
}
