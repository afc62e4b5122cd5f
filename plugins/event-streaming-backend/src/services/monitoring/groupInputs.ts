import { CommittedOffset } from '@eventport/plugin-event-streaming-node';
import { PartitionSeriesInput, timeLag } from './lagModel';
import { GroupSample, TopicSample } from './SampleStore';

/**
 * Builds the lag model's input for each partition a group committed on:
 * the live committed and end offsets, and the samples of the same cycles
 * lined up (end offset from the topic samples, committed offset from the
 * group samples of the same timestamp).
 */
export function partitionInputs(options: {
  now: number;
  windowMs: number;
  committed: CommittedOffset[];
  /** Live end offsets: topic → partition → offset. */
  ends: Map<string, Map<number, string>>;
  topicSamples: Map<string, TopicSample[]>;
  groupSamples: GroupSample[];
}): PartitionSeriesInput[] {
  const { now, windowMs, committed, ends, topicSamples, groupSamples } =
    options;
  const byCycle = new Map(groupSamples.map(s => [s.at, s]));
  return committed
    .filter(c => ends.get(c.topic)?.has(c.partition))
    .map(c => {
      const samples = (topicSamples.get(c.topic) ?? [])
        .filter(s => s.at <= now)
        .flatMap(s => {
          const end = s.ends[c.partition];
          if (end === null || end === undefined) return [];
          const committedThen = byCycle
            .get(s.at)
            ?.offsets.get(c.topic)
            ?.get(c.partition);
          return [{ at: s.at, end, committed: committedThen ?? null }];
        });
      return {
        topic: c.topic,
        partition: c.partition,
        now,
        endOffset: Number(ends.get(c.topic)!.get(c.partition)),
        committedOffset: Number(c.offset),
        samples,
        windowMs,
      };
    });
}

/** The topics of committed offsets, sorted and unique. */
export function topicsOf(committed: CommittedOffset[]): string[] {
  return [...new Set(committed.map(c => c.topic))].sort();
}

/**
 * Committed offsets of a group at one cycle, as the live read's shape, for
 * history points.
 */
export function committedAt(sample: GroupSample): CommittedOffset[] {
  const result: CommittedOffset[] = [];
  for (const [topic, byPartition] of sample.offsets) {
    for (const [partition, offset] of byPartition) {
      result.push({ topic, partition, offset: String(offset) });
    }
  }
  return result;
}

/**
 * A group's lag at each sampled cycle: offset lag summed over partitions,
 * and the largest time lag, against the end offsets of the same cycle.
 */
export function historyPoints(
  samples: GroupSample[],
  topicSamples: Map<string, TopicSample[]>,
): Array<{ at: string; lag: number; timeLagMs: number | null }> {
  return samples.map(sample => {
    let lag = 0;
    let maxTimeLag: number | null = null;
    for (const c of committedAt(sample)) {
      const history = (topicSamples.get(c.topic) ?? []).filter(
        s => s.at <= sample.at,
      );
      const current = history[history.length - 1];
      const end = current?.at === sample.at ? current.ends[c.partition] : null;
      if (end === null || end === undefined) continue;
      const committed = Number(c.offset);
      lag += Math.max(0, end - committed);
      const ends = history.flatMap(s => {
        const e = s.ends[c.partition];
        return e === null || e === undefined ? [] : [{ at: s.at, end: e }];
      });
      const t = timeLag(committed, sample.at, end, ends).ms;
      if (t !== null) maxTimeLag = Math.max(maxTimeLag ?? 0, t);
    }
    return {
      at: new Date(sample.at).toISOString(),
      lag,
      timeLagMs: maxTimeLag,
    };
  });
}
