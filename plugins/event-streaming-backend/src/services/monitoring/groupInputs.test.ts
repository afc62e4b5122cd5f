import { historyPoints } from './groupInputs';
import { timeLag } from './lagModel';
import { GroupSample, TopicSample } from './SampleStore';

const T = 'team-a.orders';
const U = 'team-a.payments';

/** A group sample with these committed offsets per topic. */
const committed = (
  at: number,
  offsets: Record<string, number[]>,
): GroupSample => ({
  at,
  state: 'Stable',
  members: 1,
  offsets: new Map(
    Object.entries(offsets).map(([topic, byPartition]) => [
      topic,
      new Map(byPartition.map((o, p) => [p, o])),
    ]),
  ),
});

describe('historyPoints', () => {
  // End offsets every 10 s: orders grows 100 per cycle on both partitions,
  // payments is flat at 50 and has no sample at 20 s.
  const topics = new Map<string, TopicSample[]>([
    [
      T,
      [0, 10_000, 20_000, 30_000].map(at => ({
        at,
        ends: [at / 100, at / 100],
      })),
    ],
    [U, [0, 10_000, 30_000].map(at => ({ at, ends: [50] }))],
  ]);

  it('sums offset lag per cycle and takes the largest time lag, against the same cycle’s end offsets', () => {
    const points = historyPoints(
      [
        committed(0, { [T]: [0, 0], [U]: [50] }),
        committed(10_000, { [T]: [50, 100], [U]: [50] }),
        committed(20_000, { [T]: [100, 200], [U]: [40] }),
        committed(30_000, { [T]: [300, 300], [U]: [50] }),
      ],
      topics,
    );
    expect(points).toEqual([
      { at: new Date(0).toISOString(), lag: 0, timeLagMs: 0 },
      // Partition 0 committed 50: the end was 50 at 5 s, so 5 s behind.
      { at: new Date(10_000).toISOString(), lag: 50, timeLagMs: 5_000 },
      // Payments has no end offset at 20 s: its 10 messages do not count.
      { at: new Date(20_000).toISOString(), lag: 100, timeLagMs: 10_000 },
      { at: new Date(30_000).toISOString(), lag: 0, timeLagMs: 0 },
    ]);
  });

  it('gives each cycle the time lag the model gives for the history up to it', () => {
    const ends = topics.get(T)!.map(s => ({ at: s.at, end: s.ends[0]! }));
    const points = historyPoints(
      [committed(30_000, { [T]: [120, 300] })],
      topics,
    );
    expect(points[0].lag).toBe(180);
    expect(points[0].timeLagMs).toBe(timeLag(120, 30_000, 300, ends).ms);
    expect(points[0].timeLagMs).toBe(18_000);
  });

  it('answers a day of samples over 200 partitions, the last cycle exactly', () => {
    // 2,880 cycles (a day at 30 s) of one topic with 200 partitions; the
    // earlier code filtered every topic's history once per cycle and
    // partition, cycles² × partitions steps.
    const cycles = Array.from({ length: 2880 }, (_, i) => i * 30_000);
    const many = new Map<string, TopicSample[]>([
      [
        T,
        cycles.map(at => ({
          at,
          ends: Array.from({ length: 200 }, () => at / 1000),
        })),
      ],
    ]);
    const samples = cycles.map(at =>
      committed(at, { [T]: Array.from({ length: 200 }, () => at / 1000 - 30) }),
    );
    const points = historyPoints(samples, many);
    expect(points).toHaveLength(2880);
    expect(points[2879]).toEqual({
      at: new Date(cycles[2879]).toISOString(),
      lag: 200 * 30,
      timeLagMs: 30_000,
    });
  });
});
