import { TopicSample } from './SampleStore';

/**
 * Messages per second between consecutive samples, summed over partitions.
 * A partition whose end offset went down (topic recreated) or is unknown in
 * either sample adds nothing to that interval.
 */
export function throughputPoints(
  samples: TopicSample[],
): Array<{ at: number; messagesPerSecond: number }> {
  const points: Array<{ at: number; messagesPerSecond: number }> = [];
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1];
    const after = samples[i];
    const seconds = (after.at - before.at) / 1000;
    if (seconds <= 0) continue;
    let messages = 0;
    after.ends.forEach((end, partition) => {
      const start = before.ends[partition];
      if (end === null || start === null || start === undefined) return;
      if (end >= start) messages += end - start;
    });
    points.push({ at: after.at, messagesPerSecond: messages / seconds });
  }
  return points;
}

/** Messages per second of each partition over the last interval of the samples. */
export function partitionRates(
  samples: TopicSample[],
  partitions: number,
): Array<{ partition: number; messagesPerSecond: number | null }> {
  const last = samples[samples.length - 1];
  const before = samples[samples.length - 2];
  return Array.from({ length: partitions }, (_, partition) => {
    if (!last || !before) return { partition, messagesPerSecond: null };
    const end = last.ends[partition];
    const start = before.ends[partition];
    const seconds = (last.at - before.at) / 1000;
    if (
      end === null ||
      end === undefined ||
      start === null ||
      start === undefined ||
      seconds <= 0 ||
      end < start
    ) {
      return { partition, messagesPerSecond: null };
    }
    return { partition, messagesPerSecond: (end - start) / seconds };
  });
}
