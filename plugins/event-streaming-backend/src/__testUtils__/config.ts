import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Folders on the (local) Connect worker that FileStream connectors of the
 * tests may name, one per team (`eventStreaming.connect.fileDirectories`).
 */
export const CONNECT_FILES = {
  teamA: path.join(os.tmpdir(), 'eventport-connect-files', 'team-a'),
  teamB: path.join(os.tmpdir(), 'eventport-connect-files', 'team-b'),
};
for (const dir of Object.values(CONNECT_FILES)) {
  fs.mkdirSync(dir, { recursive: true });
}

/** The config-provider references each team may use in the tests. */
export const SECRET_REFERENCES = [
  {
    provider: 'file',
    path: '/opt/connect/secrets.properties',
    owner: 'group:default/team-a',
  },
  { provider: 'env', keyPrefix: 'TEAM_A_', owner: 'group:default/team-a' },
  { provider: 'env', keyPrefix: 'TEAM_B_', owner: 'group:default/team-b' },
];

/** The demo's eventStreaming config around the given brokers, for tests and benchmarks. */
export function eventStreamingConfig(brokers: string[]) {
  return {
    eventStreaming: {
      connect: {
        allowedClasses: { dev: ['org.apache.kafka.connect.file.*'] },
        fileDirectories: [
          { path: CONNECT_FILES.teamA, owner: 'group:default/team-a' },
          { path: CONNECT_FILES.teamB, owner: 'group:default/team-b' },
        ],
        secretReferences: SECRET_REFERENCES,
      },
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
