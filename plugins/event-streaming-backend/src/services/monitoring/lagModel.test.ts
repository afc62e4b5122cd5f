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
    const g = groupLag({
      now: NOW,
      windowMs: WINDOW,
      members: 1,
      partitions: [input],
    });
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
    const g = groupLag({
      now: NOW,
      windowMs: WINDOW,
      members: 2,
      partitions: [input],
    });
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
    const g = groupLag({
      now: NOW,
      windowMs: WINDOW,
      members: 1,
      partitions: [input],
    });
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
    const g = groupLag({
      now: NOW,
      windowMs: WINDOW,
      members: 1,
      partitions: [input],
    });
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
    const g = groupLag({
      now: NOW,
      windowMs: WINDOW,
      members: 0,
      partitions: [input],
    });
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
    const g = groupLag({
      now: NOW,
      windowMs: WINDOW,
      members: 1,
      partitions: [input],
    });
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
    const g = groupLag({
      now: NOW,
      windowMs: WINDOW,
      members: 1,
      partitions: [input],
    });
    expect(g.status).toBe('OK');
    expect(g.statusReason).toBe(
      '600,000 messages behind; not enough samples yet to tell a trend (no history yet, 5 minutes needed).',
    );
    expect(g.catchUp).toEqual({ kind: 'unknown' });
  });
});
