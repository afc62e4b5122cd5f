import { taskTransitions } from './connectorMetrics';
import { partitionDistribution } from './distribution';
import { bucketStart, cyclesToDrop } from './thinning';
import { partitionRates, throughputPoints } from './throughput';

describe('partitionDistribution', () => {
  const p = (
    partition: number,
    leader: number,
    replicas: number[],
    isr = replicas,
  ) => ({ partition, leader, replicas, isr });

  it('counts leaders and replicas per broker, with no skew when even', () => {
    const result = partitionDistribution(
      'c',
      [
        {
          name: 't',
          partitions: [p(0, 1, [1, 2]), p(1, 2, [2, 3]), p(2, 3, [3, 1])],
        },
      ],
      [1, 2, 3],
    );
    expect(result.brokers).toEqual([
      { nodeId: 1, online: true, leaders: 1, replicas: 2 },
      { nodeId: 2, online: true, leaders: 1, replicas: 2 },
      { nodeId: 3, online: true, leaders: 1, replicas: 2 },
    ]);
    expect(result.leaderSkew).toBe(0);
    expect(result.nonPreferredLeaders).toBe(0);
    expect(result.underReplicated).toEqual([]);
  });

  it('shows a stopped broker: offline, its leaders moved, partitions under-replicated', () => {
    const result = partitionDistribution(
      'c',
      [
        {
          name: 'b',
          partitions: [
            p(0, 1, [3, 1], [1]),
            p(1, 2, [2, 3], [2]),
            p(2, 1, [1, 2]),
          ],
        },
        { name: 'a', partitions: [p(0, -1, [3], [])] },
      ],
      [1, 2],
      undefined,
    );
    expect(result.brokers).toEqual([
      { nodeId: 1, online: true, leaders: 2, replicas: 2 },
      { nodeId: 2, online: true, leaders: 1, replicas: 2 },
      { nodeId: 3, online: false, leaders: 0, replicas: 3 },
    ]);
    // 3 led partitions over 2 online brokers: 1.5 each; broker 1 leads 2.
    expect(result.leaderSkew).toBeCloseTo(2 / 1.5 - 1, 3);
    expect(result.nonPreferredLeaders).toBe(1);
    expect(result.offline).toBe(1);
    expect(
      result.underReplicated.map(u => `${u.topic}/${u.partition}`),
    ).toEqual(['a/0', 'b/0', 'b/1']);
  });
});

describe('throughput', () => {
  const samples = [
    { at: 0, ends: [0, 10] },
    { at: 10_000, ends: [100, 10] },
    { at: 20_000, ends: [300, 5] },
  ];

  it('sums end-offset deltas per interval, ignoring a partition that went back', () => {
    expect(throughputPoints(samples)).toEqual([
      { at: 10_000, messagesPerSecond: 10 },
      { at: 20_000, messagesPerSecond: 20 },
    ]);
  });

  it('gives each partition’s rate over the last interval', () => {
    expect(partitionRates(samples, 3)).toEqual([
      { partition: 0, messagesPerSecond: 20 },
      { partition: 1, messagesPerSecond: null },
      { partition: 2, messagesPerSecond: null },
    ]);
    expect(partitionRates(samples.slice(0, 1), 1)).toEqual([
      { partition: 0, messagesPerSecond: null },
    ]);
  });
});

describe('thinning', () => {
  it('keeps the earliest cycle of each bucket, also on a second pass', () => {
    const cycles = [0, 30, 60, 90, 120, 150, 180].map(s => s * 1000);
    const drop = cyclesToDrop(cycles, 60_000);
    expect(drop).toEqual([30_000, 90_000, 150_000]);
    const kept = cycles.filter(c => !drop.includes(c));
    expect(cyclesToDrop(kept, 60_000)).toEqual([]);
    expect(bucketStart(150_000, 60_000)).toBe(120_000);
  });
});

describe('taskTransitions', () => {
  it('counts a task that failed and came back as one failure and one restart', () => {
    const result = taskTransitions(
      [
        {
          at: 0,
          state: 'RUNNING',
          tasks: [
            [0, 'RUNNING'],
            [1, 'RUNNING'],
          ],
        },
        {
          at: 1000,
          state: 'RUNNING',
          tasks: [
            [0, 'FAILED'],
            [1, 'RUNNING'],
          ],
        },
      ],
      {
        name: 'c',
        type: 'sink',
        connector: { state: 'RUNNING' },
        tasks: [
          { id: 0, state: 'RUNNING' },
          { id: 1, state: 'RUNNING' },
        ],
      },
      2000,
    );
    expect(result.failures).toBe(1);
    expect(result.restarts).toBe(1);
    expect(result.transitions).toEqual([
      {
        taskId: 0,
        at: new Date(1000).toISOString(),
        from: 'RUNNING',
        to: 'FAILED',
      },
      {
        taskId: 0,
        at: new Date(2000).toISOString(),
        from: 'FAILED',
        to: 'RUNNING',
      },
    ]);
  });
});
