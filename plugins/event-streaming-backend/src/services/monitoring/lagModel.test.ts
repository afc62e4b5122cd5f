import {
  groupLag,
  PartitionSeriesInput,
  partitionLag,
  rate,
  timeLag,
} from './lagModel';

const WINDOW = 5 * 60_000;
const NOW = 10 * 60_000;

/** One partition sampled every 30 s over the last 6 minutes. */
function series(
  end: (t: number) => number,
  committed: (t: number) => number,
): PartitionSeriesInput {
  const samples = [];
  for (let at = NOW - 6 * 60_000; at < NOW; at += 30_000) {
    samples.push({ at, end: end(at), committed: committed(at) });
  }
  return {
    topic: 't',
    partition: 0,
    now: NOW,
    endOffset: end(NOW),
    committedOffset: committed(NOW),
    samples,
    windowMs: WINDOW,
  };
}

const seconds = (t: number) => t / 1000;

const group = (partitions: PartitionSeriesInput[], members: number) =>
  groupLag({ now: NOW, windowMs: WINDOW, members, partitions });

describe('timeLag', () => {
  const history = [
    { at: 0, end: 100 },
    { at: 10_000, end: 100 },
    { at: 20_000, end: 100 },
    { at: 30_000, end: 150 },
  ];

  it('is zero when caught up', () => {
    expect(timeLag(200, 40_000, 200, history)).toEqual({
      ms: 0,
      atLeast: false,
    });
  });

  it('interpolates where the end offset crossed the committed offset', () => {
    // Crossed 125 halfway between 20 s (100) and 30 s (150): 25 s.
    expect(timeLag(125, 40_000, 200, history)).toEqual({
      ms: 15_000,
      atLeast: false,
    });
  });

  it('takes the last sample of a flat stretch, not the first', () => {
    expect(timeLag(100, 40_000, 200, history)).toEqual({
      ms: 20_000,
      atLeast: false,
    });
  });

  it('interpolates towards the live point after the last sample', () => {
    // 150 at 30 s, 200 at 40 s (now): 175 was the end at 35 s.
    expect(timeLag(175, 40_000, 200, history)).toEqual({
      ms: 5_000,
      atLeast: false,
    });
  });

  it('gives a lower bound below the oldest sample, and nothing without history', () => {
    expect(timeLag(50, 40_000, 200, history)).toEqual({
      ms: 40_000,
      atLeast: true,
    });
    expect(timeLag(50, 40_000, 200, [])).toEqual({ ms: null, atLeast: false });
  });

  it('ignores samples at or after now: the live point stands for now', () => {
    expect(timeLag(50, 40_000, 200, [{ at: 40_000, end: 200 }])).toEqual({
      ms: null,
      atLeast: false,
    });
    // The same history as above, with the live cycle's own sample repeated.
    expect(
      timeLag(175, 40_000, 200, [...history, { at: 40_000, end: 200 }]),
    ).toEqual({ ms: 5_000, atLeast: false });
  });

  it('uses the crossing after an end-offset reset, not the oldest sample', () => {
    const reset = [
      { at: 0, end: 1000 },
      { at: 10_000, end: 0 },
      { at: 20_000, end: 100 },
    ];
    // 150 lies between 100 (20 s) and the live 200 (30 s): 25 s, 5 s ago.
    expect(timeLag(150, 30_000, 200, reset)).toEqual({
      ms: 5_000,
      atLeast: false,
    });
    // Below every point since the reset: at least since the oldest sample.
    expect(timeLag(-1, 30_000, 200, reset)).toEqual({
      ms: 30_000,
      atLeast: true,
    });
  });

  it('takes the end of a flat stretch in the middle of the history', () => {
    const flat = [
      { at: 0, end: 50 },
      { at: 10_000, end: 100 },
      { at: 20_000, end: 100 },
      { at: 30_000, end: 100 },
      { at: 40_000, end: 180 },
    ];
    // 120 between 100 (30 s) and 180 (40 s): 32.5 s, 17.5 s before 50 s.
    expect(timeLag(120, 50_000, 200, flat)).toEqual({
      ms: 17_500,
      atLeast: false,
    });
    // 75 between 50 (0 s) and 100 (10 s): 5 s.
    expect(timeLag(75, 50_000, 200, flat)).toEqual({
      ms: 45_000,
      atLeast: false,
    });
  });
});

describe('rate', () => {
  it('is messages per second over the window', () => {
    const points = [0, 10, 20, 30].map(s => ({ at: s * 1000, value: s * 5 }));
    expect(rate(points, 30_000, 60_000)).toBe(5);
    // Only the points inside the window count.
    expect(rate(points, 30_000, 10_000)).toBe(5);
    expect(rate(points.slice(0, 1), 30_000, 60_000)).toBeNull();
  });

  it('starts again after an offset reset', () => {
    const points = [
      { at: 0, value: 1000 },
      { at: 10_000, value: 2000 },
      { at: 20_000, value: 0 },
      { at: 30_000, value: 50 },
    ];
    expect(rate(points, 30_000, 60_000)).toBe(5);
    // A reset at the last point leaves a single point: unknown.
    expect(rate(points.slice(0, 3), 20_000, 60_000)).toBeNull();
  });

  it('is null without time between the points, or with one point in the window', () => {
    expect(
      rate(
        [
          { at: 10_000, value: 1 },
          { at: 10_000, value: 5 },
        ],
        10_000,
        60_000,
      ),
    ).toBeNull();
    expect(
      rate(
        [
          { at: 0, value: 0 },
          { at: 30_000, value: 100 },
        ],
        30_000,
        5_000,
      ),
    ).toBeNull();
  });
});

describe('partitionLag and groupLag on synthetic series', () => {
  it('steady: constant lag of 1,000 at 100 msg/s both ways is OK, 10 s behind, never catches up', () => {
    const input = series(
      t => seconds(t) * 100,
      t => seconds(t) * 100 - 1000,
    );
    const p = partitionLag(input);
    expect(p.lag).toBe(1000);
    expect(p.timeLagMs).toBeCloseTo(10_000, 6);
    expect(p.produceRate).toBeCloseTo(100, 6);
    expect(p.consumeRate).toBeCloseTo(100, 6);
    expect(p.catchUp).toEqual({ kind: 'never' });
    const g = group([input], 1);
    expect(g.status).toBe('OK');
    expect(g.statusReason).toBe(
      'Lag is not growing: 1,000 messages 5 minutes ago, 1,000 now.',
    );
  });

  it('growing: producing 100/s and consuming 50/s is LAGGING and never catches up', () => {
    const input = series(
      t => seconds(t) * 100,
      t => seconds(t) * 50,
    );
    const g = group([input], 2);
    expect(g.totalLag).toBe(30_000);
    expect(g.status).toBe('LAGGING');
    expect(g.statusReason).toBe(
      'Lag grew from 15,000 to 30,000 messages over the last 5 minutes.',
    );
    expect(g.catchUp).toEqual({ kind: 'never' });
    expect(g.consumeRate).toBeCloseTo(50, 6);
    expect(g.produceRate).toBeCloseTo(100, 6);
  });

  it('stalled: committed offsets flat while the end grows', () => {
    const input = series(
      t => seconds(t) * 10,
      () => 500,
    );
    const g = group([input], 1);
    expect(g.totalLag).toBe(5500);
    expect(g.status).toBe('STALLED');
    expect(g.statusReason).toBe(
      'Committed offsets have not moved for 5 minutes while 5,500 messages wait.',
    );
    // The end offset was 500 at 50 s, before the oldest sample (240 s):
    // the time lag is at least the 360 s the samples cover.
    expect(g.maxTimeLagMs).toBe(360_000);
    expect(g.partitions[0].timeLagAtLeast).toBe(true);
  });

  it('caught up: committed equals end', () => {
    const input = series(
      t => seconds(t) * 10,
      t => seconds(t) * 10,
    );
    const g = group([input], 1);
    expect(g.status).toBe('OK');
    expect(g.totalLag).toBe(0);
    expect(g.maxTimeLagMs).toBe(0);
    expect(g.catchUp).toEqual({ kind: 'caught-up' });
    expect(g.statusReason).toBe(
      'Caught up: every committed offset is at the end of its partition.',
    );
  });

  it('empty: no members', () => {
    const input = series(
      t => seconds(t) * 10,
      () => 0,
    );
    const g = group([input], 0);
    expect(g.status).toBe('EMPTY');
    expect(g.statusReason).toBe(
      'The group has no members, so nothing consumes: 6,000 messages wait and its committed offsets stay where they are.',
    );
  });

  it('catching up: consuming 150/s against 100/s clears 20,000 messages in 400 s', () => {
    const input = series(
      t => seconds(t) * 100,
      t => seconds(t) * 150 - 50_000,
    );
    const g = group([input], 1);
    // At 600 s: end 60,000, committed 40,000.
    expect(g.totalLag).toBe(20_000);
    expect(g.status).toBe('OK');
    expect(g.catchUp.kind).toBe('eta');
    expect(g.catchUp.ms).toBeCloseTo(400_000, 3);
  });

  it('says when there are not enough samples for a trend', () => {
    const input = {
      ...series(
        t => t,
        () => 0,
      ),
      samples: [],
    };
    const g = group([input], 1);
    expect(g.status).toBe('OK');
    expect(g.statusReason).toBe(
      '600,000 messages behind; not enough samples yet to tell a trend (no samples yet; the window is 5 minutes).',
    );
    expect(g.catchUp).toEqual({ kind: 'unknown' });
  });

  it('says so with one sample, or samples over less than half the window', () => {
    const growing = series(
      t => seconds(t) * 100,
      t => seconds(t) * 50,
    );
    const one = group([{ ...growing, samples: growing.samples.slice(-1) }], 1);
    expect(one.status).toBe('OK');
    expect(one.statusReason).toBe(
      '30,000 messages behind; not enough samples yet to tell a trend (one sample, 30 seconds ago; the window is 5 minutes).',
    );
    // The sample at 570 s and the live point give a rate, but no trend.
    expect(one.consumeRate).toBeCloseTo(50, 6);
    const short = group(
      [{ ...growing, samples: growing.samples.slice(-4) }],
      1,
    );
    expect(short.status).toBe('OK');
    expect(short.statusReason).toBe(
      '30,000 messages behind; not enough samples yet to tell a trend (4 samples over 2 minutes; the window is 5 minutes).',
    );
  });

  it('a partition without a committed offset has no lag, and its samples only count for the produce rate', () => {
    const input = series(
      t => seconds(t) * 10,
      () => 0,
    );
    const p = partitionLag({
      ...input,
      committedOffset: null,
      samples: input.samples.map(s => ({ ...s, committed: null })),
    });
    expect(p).toEqual({
      topic: 't',
      partition: 0,
      lag: 0,
      timeLagMs: null,
      timeLagAtLeast: false,
      consumeRate: null,
      produceRate: 10,
      catchUp: { kind: 'caught-up' },
    });
  });

  it('a group watched only lately: consume rate from the cycles that have committed offsets', () => {
    const input = series(
      t => seconds(t) * 100,
      t => seconds(t) * 80,
    );
    // Committed offsets only from 510 s on: 40,800 then, 48,000 at 600 s.
    const p = partitionLag({
      ...input,
      samples: input.samples.map(s =>
        s.at < 510_000 ? { ...s, committed: null } : s,
      ),
    });
    expect(p.consumeRate).toBeCloseTo(80, 6);
    expect(p.produceRate).toBeCloseTo(100, 6);
    expect(p.lag).toBe(12_000);
    // The end was 48,000 at 480 s: 120 s ago.
    expect(p.timeLagMs).toBeCloseTo(120_000, 6);
  });

  it('sums partitions in input order, and compares the trend over the same partitions', () => {
    const steady = series(
      t => seconds(t) * 100,
      t => seconds(t) * 100 - 1000,
    );
    const late = {
      ...series(
        t => seconds(t) * 10,
        t => seconds(t) * 10 - 500,
      ),
      topic: 'u',
      partition: 3,
    };
    // The second partition's offsets were committed only from 480 s on.
    late.samples = late.samples.map(s =>
      s.at < 480_000 ? { ...s, committed: null } : s,
    );
    const g = group([steady, late], 2);
    expect(g.partitions.map(p => [p.topic, p.partition, p.lag])).toEqual([
      ['t', 0, 1000],
      ['u', 3, 500],
    ]);
    expect(g.totalLag).toBe(1500);
    // 10 s behind on the first partition, 50 s on the second.
    expect(g.maxTimeLagMs).toBeCloseTo(50_000, 6);
    expect(g.consumeRate).toBeCloseTo(110, 6);
    expect(g.produceRate).toBeCloseTo(110, 6);
    expect(g.catchUp).toEqual({ kind: 'never' });
    // The newly read partition's lag is not counted as growth.
    expect(g.status).toBe('OK');
    expect(g.statusReason).toBe(
      'Lag is not growing: 1,000 messages 5 minutes ago, 1,000 now.',
    );
  });
});
