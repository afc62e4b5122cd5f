import { healthResponseSchema } from './schemas';

describe('healthResponseSchema', () => {
  it('accepts a report with a reachable and an unreachable cluster', () => {
    const parsed = healthResponseSchema.parse({
      status: 'degraded',
      checkedAt: '2026-11-24T10:00:00.000Z',
      clusters: [
        {
          name: 'dev-local',
          environment: 'dev',
          reachable: true,
          latencyMs: 4,
          clusterId: 'abc',
          controllerId: 1,
          brokers: [{ nodeId: 1, host: 'localhost', port: 9092 }],
        },
        {
          name: 'prod-eu',
          environment: 'prod',
          reachable: false,
          latencyMs: 3000,
          error: 'Connection timeout',
        },
      ],
    });
    expect(parsed.clusters.map(c => c.reachable)).toEqual([true, false]);
  });

  it('rejects an unknown environment and a missing status', () => {
    expect(
      healthResponseSchema.safeParse({
        checkedAt: 'now',
        clusters: [
          { name: 'x', environment: 'qa', reachable: true, latencyMs: 1 },
        ],
      }).success,
    ).toBe(false);
  });
});
