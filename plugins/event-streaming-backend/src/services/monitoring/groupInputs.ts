import { CommittedOffset } from '@eventport/plugin-event-streaming-node';
import { PartitionSeriesInput, timeLagBefore } from './lagModel';
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

/** The first index of a time-sorted series whose `at` is not below `at`. */
function firstAtOrAfter(series: ReadonlyArray<{ at: number }>, at: number) {
  let lo = 0;
  let hi = series.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (series[mid].at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A group's lag at each sampled cycle: offset lag summed over partitions,
 * and the largest time lag, against the end offsets of the same cycle.
 * Each partition's end-offset series is built once and searched by time,
 * so the cost grows with samples × partitions, not with its square.
 */
export function historyPoints(
  samples: GroupSample[],
  topicSamples: Map<string, TopicSample[]>,
): Array<{ at: string; lag: number; timeLagMs: number | null }> {
  const series = new Map<string, Array<{ at: number; end: number }>>();
  const seriesOf = (topic: string, partition: number) => {
    const key = `${topic}\u0000${partition}`;
    let found = series.get(key);
    if (!found) {
      found = (topicSamples.get(topic) ?? []).flatMap(s => {
        const e = s.ends[partition];
        return e === null || e === undefined ? [] : [{ at: s.at, end: e }];
      });
      series.set(key, found);
    }
    return found;
  };
  return samples.map(sample => {
    let lag = 0;
    let maxTimeLag: number | null = null;
    for (const [topic, byPartition] of sample.offsets) {
      for (const [partition, offset] of byPartition) {
        const ends = seriesOf(topic, partition);
        const i = firstAtOrAfter(ends, sample.at);
        // Only the end offset of the same cycle counts.
        if (i >= ends.length || ends[i].at !== sample.at) continue;
        const end = ends[i].end;
        const committed = Number(offset);
        lag += Math.max(0, end - committed);
        const t = timeLagBefore(committed, sample.at, end, ends, i).ms;
        if (t !== null) maxTimeLag = Math.max(maxTimeLag ?? 0, t);
      }
    }
    return {
      at: new Date(sample.at).toISOString(),
      lag,
      timeLagMs: maxTimeLag,
    };
  });
}
