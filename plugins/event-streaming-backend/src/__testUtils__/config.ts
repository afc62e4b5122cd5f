/** The demo's eventStreaming config around the given brokers, for tests and benchmarks. */
export function eventStreamingConfig(brokers: string[]) {
  return {
    eventStreaming: {
      clusters: [{ name: 'dev-local', environment: 'dev', brokers }],
      namespaces: [
        { prefix: 'team-a.', owner: 'group:default/team-a' },
        { prefix: 'team-b.', owner: 'group:default/team-b' },
      ],
      topicDefaults: {
        partitions: 3,
        replicationFactor: 3,
        retention: { days: 7 },
        cleanupPolicy: 'delete',
      },
      limits: {
        dev: {
          retention: { min: { hours: 1 }, max: { days: 30 } },
          maxPartitions: 48,
        },
      },
      approvals: {
        approvers: ['group:default/platform-team'],
        securityReviewers: ['group:default/security'],
      },
    },
  };
}
