/**
 * The CDC part of the demo: the shop database in a PostgreSQL of its own
 * (`wal_level=logical`), a bare git repository as the GitOps remote, and the
 * sync that merges Eventport's pipeline branches and applies their Strimzi
 * manifests to Kafka and the Connect worker, so that an approved pipeline
 * comes alive end to end.
 */
import { createBareRepo } from '../gitops/repo';
import { startGitOpsSync } from '../gitops/sync';
import {
  createReplicationRole,
  DEMO_REPLICATION_ROLE,
  loadDemoShop,
} from './demoShop';
import { startCdcPostgres } from './postgres';

/** The branches Eventport pushes for pipelines (its default `branchPrefix`). */
export const DEMO_BRANCH_PREFIX = 'eventport/cdc-';
/** The folder of the manifests (Eventport's default `path`). */
export const DEMO_GITOPS_PATH = 'kafka/cdc';

export interface CdcDemoHandle {
  /** `user` is the superuser that loaded the shop (for tests' SQL). */
  postgres: { host: string; port: number; user: string; database: string };
  /** The least-privilege role the CDC source connects as. */
  sourceUser: string;
  /** The bare repository's path: `eventStreaming.cdc.gitops.url`. */
  gitopsRepo: string;
  stop(): Promise<void>;
}

export async function startCdcDemo(options: {
  connectUrl: string;
  bootstrapServers: string[];
  log: (line: string) => void;
  syncIntervalMs?: number;
}): Promise<CdcDemoHandle> {
  const [pg, repo] = await Promise.all([
    startCdcPostgres({ database: 'shop', onProgress: options.log }),
    createBareRepo(),
  ]);
  try {
    await loadDemoShop(pg);
    await createReplicationRole(pg);
  } catch (error) {
    await pg.close();
    repo.remove();
    throw error;
  }
  const sync = startGitOpsSync({
    repo,
    path: DEMO_GITOPS_PATH,
    connectUrl: options.connectUrl,
    bootstrapServers: options.bootstrapServers,
    autoMergePrefix: DEMO_BRANCH_PREFIX,
    intervalMs: options.syncIntervalMs ?? 5_000,
    log: options.log,
  });
  return {
    postgres: {
      host: pg.host,
      port: pg.port,
      user: pg.user,
      database: pg.database,
    },
    sourceUser: DEMO_REPLICATION_ROLE,
    gitopsRepo: repo.dir,
    async stop() {
      await sync.stop();
      await pg.close();
      repo.remove();
    },
  };
}
