import { CatchUp, LagStatus } from '@eventport/plugin-event-streaming-common';

/** One sampler cycle of a partition: its end offset, and the group's committed offset then. */
export interface PartitionSample {
  at: number;
  end: number;
  committed: number | null;
}

/** What the model needs of one partition of a group. */
export interface PartitionSeriesInput {
  topic: string;
  partition: number;
  /** The live read. */
  now: number;
  endOffset: number;
  committedOffset: number | null;
  /** Samples ascending by `at`, none later than `now`. */
  samples: PartitionSample[];
  /** Rates and trends are computed over [now - windowMs, now]. */
  windowMs: number;
}

/** @see partitionLag */
export interface PartitionLagResult {
  topic: string;
  partition: number;
  lag: number;
  timeLagMs: number | null;
  timeLagAtLeast: boolean;
  consumeRate: number | null;
  produceRate: number | null;
  catchUp: CatchUp;
}

/** @see groupLag */
export interface GroupLagResult {
  partitions: PartitionLagResult[];
  totalLag: number;
  maxTimeLagMs: number | null;
  consumeRate: number | null;
  produceRate: number | null;
  catchUp: CatchUp;
  status: LagStatus;
  statusReason: string;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** "45 seconds", "5 minutes", "2 hours". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds < 120) return unit(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return unit(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return unit(hours, 'hour');
  return unit(Math.round(hours / 24), 'day');
}

/**
 * How long ago the committed offset was the end offset, as Burrow and
 * kafka-lag-exporter estimate it: find where the end offset crossed from at
 * most `committed` to above it, and interpolate linearly between those two
 * samples. Below the oldest sample, the answer is a lower bound.
 */
export function timeLag(
  committed: number,
  now: number,
  currentEnd: number,
  endHistory: Array<{ at: number; end: number }>,
): { ms: number | null; atLeast: boolean } {
  if (committed >= currentEnd) return { ms: 0, atLeast: false };
  const points = [
    ...endHistory.filter(p => p.at <= now),
    { at: now, end: currentEnd },
  ];
  if (points.length < 2) return { ms: null, atLeast: false };
  if (committed < points[0].end) {
    return { ms: Math.max(0, now - points[0].at), atLeast: true };
  }
  // The last point with end <= committed, followed by one above it.
  for (let i = points.length - 2; i >= 0; i--) {
    const before = points[i];
    const after = points[i + 1];
    if (before.end <= committed && after.end > committed) {
      const share = (committed - before.end) / (after.end - before.end);
      const at = before.at + share * (after.at - before.at);
      return { ms: Math.max(0, now - at), atLeast: false };
    }
  }
  return { ms: null, atLeast: false };
}

/**
 * Messages per second over the points inside [now - windowMs, now]. After a
 * decrease (an offset reset), only the points from the reset on count.
 * Null with fewer than two points or no time between them.
 */
export function rate(
  series: Array<{ at: number; value: number }>,
  now: number,
  windowMs: number,
): number | null {
  let points = series.filter(p => p.at >= now - windowMs && p.at <= now);
  for (let i = points.length - 1; i > 0; i--) {
    if (points[i].value < points[i - 1].value) {
      points = points.slice(i);
      break;
    }
  }
  if (points.length < 2) return null;
  const first = points[0];
  const last = points[points.length - 1];
  const seconds = (last.at - first.at) / 1000;
  if (seconds <= 0) return null;
  return (last.value - first.value) / seconds;
}

function catchUpOf(
  lag: number,
  consumeRate: number | null,
  produceRate: number | null,
): CatchUp {
  if (lag === 0) return { kind: 'caught-up' };
  if (consumeRate === null || produceRate === null) return { kind: 'unknown' };
  const net = consumeRate - produceRate;
  if (net <= 0) return { kind: 'never' };
  return { kind: 'eta', ms: (lag / net) * 1000 };
}

/** Offset lag, time lag, rates and time to catch up of one partition. */
export function partitionLag(input: PartitionSeriesInput): PartitionLagResult {
  const { now, endOffset, committedOffset, samples, windowMs } = input;
  const lag =
    committedOffset === null ? 0 : Math.max(0, endOffset - committedOffset);
  const time =
    committedOffset === null
      ? { ms: null, atLeast: false }
      : timeLag(
          committedOffset,
          now,
          endOffset,
          samples.map(s => ({ at: s.at, end: s.end })),
        );
  const produceRate = rate(
    [
      ...samples.map(s => ({ at: s.at, value: s.end })),
      { at: now, value: endOffset },
    ],
    now,
    windowMs,
  );
  const committedSeries = samples.flatMap(s =>
    s.committed === null ? [] : [{ at: s.at, value: s.committed }],
  );
  const consumeRate =
    committedOffset === null
      ? null
      : rate(
          [...committedSeries, { at: now, value: committedOffset }],
          now,
          windowMs,
        );
  return {
    topic: input.topic,
    partition: input.partition,
    lag,
    timeLagMs: time.ms,
    timeLagAtLeast: time.atLeast,
    consumeRate,
    produceRate,
    catchUp: catchUpOf(lag, consumeRate, produceRate),
  };
}

const sumOrNull = (values: Array<number | null>) =>
  values.every(v => v === null)
    ? null
    : values.reduce<number>((sum, v) => sum + (v ?? 0), 0);

/**
 * The lag of a whole group, and its status:
 * EMPTY without members; OK when caught up or when the samples cannot yet
 * tell a trend; STALLED when the committed offsets did not move over the
 * window while lag waits; LAGGING when lag grew over the window; else OK.
 */
export function groupLag(input: {
  now: number;
  windowMs: number;
  members: number;
  partitions: PartitionSeriesInput[];
}): GroupLagResult {
  const { now, windowMs, members } = input;
  const partitions = input.partitions.map(partitionLag);
  const totalLag = partitions.reduce((sum, p) => sum + p.lag, 0);
  const times = partitions
    .map(p => p.timeLagMs)
    .filter((t): t is number => t !== null);
  const consumeRate = sumOrNull(partitions.map(p => p.consumeRate));
  const produceRate = sumOrNull(partitions.map(p => p.produceRate));
  const base = {
    partitions,
    totalLag,
    maxTimeLagMs: times.length ? Math.max(...times) : null,
    consumeRate,
    produceRate,
    catchUp: catchUpOf(totalLag, consumeRate, produceRate),
  };
  const window = formatDuration(windowMs);
  if (members === 0) {
    return {
      ...base,
      status: 'EMPTY',
      statusReason:
        totalLag > 0
          ? `The group has no members, so nothing consumes: ${count(
              totalLag,
            )} messages wait and its committed offsets stay where they are.`
          : 'The group has no members, so nothing consumes; it has no lag.',
    };
  }
  if (totalLag === 0) {
    return {
      ...base,
      status: 'OK',
      statusReason:
        'Caught up: every committed offset is at the end of its partition.',
    };
  }
  // Cycles inside the window in which the group's offsets were sampled.
  const cycles = new Map<number, { lag: number; committed: number }>();
  for (const p of input.partitions) {
    for (const s of p.samples) {
      if (s.at < now - windowMs || s.committed === null) continue;
      const c = cycles.get(s.at) ?? { lag: 0, committed: 0 };
      c.lag += Math.max(0, s.end - s.committed);
      c.committed += s.committed;
      cycles.set(s.at, c);
    }
  }
  const ordered = [...cycles].sort((a, b) => a[0] - b[0]);
  const oldest = ordered[0];
  if (!oldest || now - oldest[0] < windowMs / 2) {
    const history = oldest
      ? `${formatDuration(now - oldest[0])} of history`
      : 'no history yet';
    return {
      ...base,
      status: 'OK',
      statusReason: `${count(
        totalLag,
      )} messages behind; not enough samples yet to tell a trend (${history}, ${window} needed).`,
    };
  }
  const committedNow = input.partitions.reduce(
    (sum, p) => sum + (p.committedOffset ?? 0),
    0,
  );
  const span = formatDuration(now - oldest[0]);
  if (committedNow === oldest[1].committed) {
    return {
      ...base,
      status: 'STALLED',
      statusReason: `Committed offsets have not moved for ${span} while ${count(
        totalLag,
      )} messages wait.`,
    };
  }
  if (totalLag > oldest[1].lag) {
    return {
      ...base,
      status: 'LAGGING',
      statusReason: `Lag grew from ${count(oldest[1].lag)} to ${count(
        totalLag,
      )} messages over the last ${span}.`,
    };
  }
  return {
    ...base,
    status: 'OK',
    statusReason: `Lag is not growing: ${count(
      oldest[1].lag,
    )} messages ${span} ago, ${count(totalLag)} now.`,
  };
}
