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
  /** When the live offsets below were read (epoch ms). */
  now: number;
  /** Live end offset (log end, high watermark), read now. */
  endOffset: number;
  /** Live committed offset of the group, read now; null: nothing committed. */
  committedOffset: number | null;
  /**
   * Samples ascending by `at`, none later than `now`; may be empty. A sample
   * has `committed: null` from before the group was watched.
   */
  samples: PartitionSample[];
  /** Rates and trends are computed over [now - windowMs, now]. */
  windowMs: number;
}

/** The lag of a group on one partition; see {@link partitionLag}. */
export interface PartitionLagResult {
  topic: string;
  partition: number;
  /** End offset minus committed offset, at least 0; 0 when nothing is committed. */
  lag: number;
  /** See {@link timeLag}. */
  timeLagMs: number | null;
  timeLagAtLeast: boolean;
  /** Committed offsets per second over the window; null when unknown. */
  consumeRate: number | null;
  /** End offsets per second over the window; null when unknown. */
  produceRate: number | null;
  catchUp: CatchUp;
}

/** The lag of a whole group; see {@link groupLag}. */
export interface GroupLagResult {
  /** In the order of the input. */
  partitions: PartitionLagResult[];
  totalLag: number;
  maxTimeLagMs: number | null;
  consumeRate: number | null;
  produceRate: number | null;
  catchUp: CatchUp;
  status: LagStatus;
  /** One sentence, with numbers, saying why the status is what it is. */
  statusReason: string;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * A duration for people: "45 seconds", "5 minutes", "2 hours", "3 days".
 * Seconds up to 2 minutes, minutes up to 2 hours, hours up to 2 days.
 */
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
 * kafka-lag-exporter estimate it. The end-offset history, followed by the
 * live point (`now`, `currentEnd`), is searched for the last sample whose end
 * was at most `committed` followed by one above it; the moment the end passed
 * `committed` is interpolated linearly between those two. On a flat stretch
 * (the same end over several samples) this takes the last sample of the
 * stretch, because the consumer read everything produced until the end moved.
 *
 * When every point is above `committed` (it is older than the oldest sample),
 * the answer is `now` minus the oldest sample's time with `atLeast: true`, a
 * lower bound. Without any sample before `now`, the time lag is unknown.
 * Samples at or after `now` are ignored: the live point stands for `now`.
 * `endHistory` is sorted by time, oldest first.
 */
export function timeLag(
  committed: number,
  now: number,
  currentEnd: number,
  endHistory: Array<{ at: number; end: number }>,
): { ms: number | null; atLeast: boolean } {
  let before = endHistory.length;
  while (before > 0 && endHistory[before - 1].at >= now) before--;
  return timeLagBefore(committed, now, currentEnd, endHistory, before);
}

/**
 * {@link timeLag} over the first `before` points of a history sorted by
 * time, all of them before `now`: no copies, so that a caller walking a
 * long history cycle by cycle stays linear.
 */
export function timeLagBefore(
  committed: number,
  now: number,
  currentEnd: number,
  history: ReadonlyArray<{ at: number; end: number }>,
  before: number,
): { ms: number | null; atLeast: boolean } {
  if (committed >= currentEnd) return { ms: 0, atLeast: false };
  if (before < 1) return { ms: null, atLeast: false };
  // The end now is above `committed`: walking back, the first point at or
  // below it starts the crossing (the latest one, should the end have been
  // reset in between).
  let after = { at: now, end: currentEnd };
  for (let i = before - 1; i >= 0; i--) {
    const point = history[i];
    if (point.end <= committed) {
      const share = (committed - point.end) / (after.end - point.end);
      const at = point.at + share * (after.at - point.at);
      return { ms: Math.max(0, now - at), atLeast: false };
    }
    after = point;
  }
  return { ms: now - history[0].at, atLeast: true };
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

/**
 * Offset lag, time lag, rates and time to catch up of one partition. The
 * rates are over the window, each with the live point last: the produce rate
 * from the end offsets, the consume rate from the committed offsets of the
 * samples that have one. Catching up takes `lag / (consumeRate - produceRate)`
 * seconds; `never` when that difference is not positive, `unknown` when a
 * rate is.
 */
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
 * The lag of a whole group: each partition's {@link partitionLag}, their
 * sums, and a status with a one-sentence reason. The first rule that applies
 * decides:
 * - `EMPTY` without members;
 * - `OK` when caught up (no lag);
 * - `OK` when the window holds fewer than two cycles with committed offsets,
 *   or they cover less than half of it: too little to tell a trend;
 * - `STALLED` when the sum of committed offsets is the same now as at the
 *   oldest cycle in the window;
 * - `LAGGING` when the lag now is above the lag at that cycle;
 * - `OK` otherwise.
 *
 * Trends compare the oldest cycle in the window with the live offsets, over
 * the partitions that cycle had committed offsets for (a partition the group
 * started reading later does not count as growth). The group's rates are the
 * sums of the partitions' known rates, and its catch-up time uses them.
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
  // Cycles inside the window in which the group's offsets were sampled, and
  // the same sums now over the partitions each cycle had.
  const cycles = new Map<
    number,
    { lag: number; committed: number; lagNow: number; committedNow: number }
  >();
  for (const p of input.partitions) {
    const committedNow = p.committedOffset;
    if (committedNow === null) continue;
    for (const s of p.samples) {
      if (s.at < now - windowMs || s.committed === null) continue;
      const c = cycles.get(s.at) ?? {
        lag: 0,
        committed: 0,
        lagNow: 0,
        committedNow: 0,
      };
      c.lag += Math.max(0, s.end - s.committed);
      c.committed += s.committed;
      c.lagNow += Math.max(0, p.endOffset - committedNow);
      c.committedNow += committedNow;
      cycles.set(s.at, c);
    }
  }
  const ordered = [...cycles].sort((a, b) => a[0] - b[0]);
  const oldestAt = ordered.length ? ordered[0][0] : undefined;
  if (
    oldestAt === undefined ||
    ordered.length < 2 ||
    now - oldestAt < windowMs / 2
  ) {
    let history = 'no samples yet';
    if (oldestAt !== undefined) {
      const span = formatDuration(now - oldestAt);
      history =
        ordered.length === 1
          ? `one sample, ${span} ago`
          : `${ordered.length} samples over ${span}`;
    }
    return {
      ...base,
      status: 'OK',
      statusReason: `${count(
        totalLag,
      )} messages behind; not enough samples yet to tell a trend (${history}; the window is ${window}).`,
    };
  }
  const oldest = ordered[0][1];
  const span = formatDuration(now - oldestAt);
  if (oldest.committedNow === oldest.committed) {
    return {
      ...base,
      status: 'STALLED',
      statusReason: `Committed offsets have not moved for ${span} while ${count(
        totalLag,
      )} messages wait.`,
    };
  }
  if (oldest.lagNow > oldest.lag) {
    return {
      ...base,
      status: 'LAGGING',
      statusReason: `Lag grew from ${count(oldest.lag)} to ${count(
        oldest.lagNow,
      )} messages over the last ${span}.`,
    };
  }
  return {
    ...base,
    status: 'OK',
    statusReason: `Lag is not growing: ${count(
      oldest.lag,
    )} messages ${span} ago, ${count(oldest.lagNow)} now.`,
  };
}
