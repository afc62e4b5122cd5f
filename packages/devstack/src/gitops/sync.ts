/**
 * The demo's stand-in for the Strimzi operators: reads the `KafkaTopic` and
 * `KafkaConnector` manifests on the GitOps repository's base branch and
 * makes Kafka and the Connect worker match them: topics created when
 * missing, connector configs written when they differ, a connector's
 * `spec.state` (running, paused, stopped) applied when it differs. As an
 * operator does when GitOps prunes a resource, a connector or topic whose
 * manifest was on the base branch at the previous pass and is gone now is
 * deleted (`previous`: what the last pass saw; nothing is deleted on a
 * first pass).
 *
 * In the demo, `autoMergePrefix` also merges the pipeline branches Eventport
 * pushed, as a platform engineer merging the pull request would.
 */
import { Admin, Kafka, logLevel } from 'kafkajs';
import { parse } from 'yaml';
import { BareRepo } from './repo';

export interface GitOpsSyncOptions {
  repo: BareRepo;
  /** Folder of the manifests in the repository (default: everything). */
  path?: string;
  connectUrl: string;
  bootstrapServers: string[];
  /** Merge branches with this prefix into the base branch first (demo only). */
  autoMergePrefix?: string;
  log?: (line: string) => void;
  /** What the previous pass saw (its result's `seen`), to delete what was removed since. */
  previous?: GitOpsSeen;
}

/** The resources the manifests on the base branch declared at one pass. */
export interface GitOpsSeen {
  topics: string[];
  connectors: string[];
}

export interface GitOpsSyncResult {
  merged: string[];
  topicsCreated: string[];
  connectorsApplied: string[];
  /** Connectors and topics deleted because their manifests were removed. */
  deleted: string[];
  /** What this pass saw: `previous` of the next one. */
  seen: GitOpsSeen;
  /** Manifests that could not be applied, each with the reason. */
  errors: string[];
}

interface Manifest {
  kind?: string;
  metadata?: { name?: string };
  spec?: Record<string, any>;
}

async function connectCall(
  url: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function connectorConfig(spec: Record<string, any>): Record<string, string> {
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.config ?? {})) config[k] = String(v);
  config['connector.class'] = String(spec.class);
  config['tasks.max'] = String(spec.tasksMax ?? 1);
  return config;
}

const same = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => b[k] === v);

/** One pass: merge (demo), then apply every manifest on the base branch. */
export async function syncGitOps(
  options: GitOpsSyncOptions,
): Promise<GitOpsSyncResult> {
  const { repo } = options;
  const log = options.log ?? (() => {});
  const result: GitOpsSyncResult = {
    merged: [],
    topicsCreated: [],
    connectorsApplied: [],
    deleted: [],
    seen: { topics: [], connectors: [] },
    errors: [],
  };
  if (options.autoMergePrefix) {
    for (const branch of await repo.branches()) {
      if (!branch.startsWith(options.autoMergePrefix)) continue;
      if (await repo.isMerged(branch)) continue;
      await repo.merge(branch);
      result.merged.push(branch);
      log(`gitops sync: merged ${branch} into ${repo.baseBranch}`);
    }
  }
  const files = (await repo.files(repo.baseBranch, options.path)).filter(f =>
    /\.ya?ml$/.test(f),
  );
  const manifests: Array<{ file: string; doc: Manifest }> = [];
  for (const file of files) {
    const text = await repo.show(repo.baseBranch, file);
    try {
      const doc = parse(text ?? '') as Manifest;
      if (doc?.kind === 'KafkaTopic' || doc?.kind === 'KafkaConnector')
        manifests.push({ file, doc });
    } catch (error) {
      result.errors.push(`${file}: not YAML (${(error as Error).message})`);
    }
  }
  const topics = manifests.filter(m => m.doc.kind === 'KafkaTopic');
  result.seen = {
    topics: topics
      .map(m => m.doc.spec?.topicName ?? m.doc.metadata?.name)
      .filter((n): n is string => !!n),
    connectors: manifests
      .filter(m => m.doc.kind === 'KafkaConnector')
      .map(m => m.doc.metadata?.name)
      .filter((n): n is string => !!n),
  };
  await prune(options, result);
  if (topics.length) {
    await withAdmin(options.bootstrapServers, async admin => {
      const existing = new Set(await admin.listTopics());
      for (const { file, doc } of topics) {
        const name = doc.spec?.topicName ?? doc.metadata?.name;
        if (!name || existing.has(name)) continue;
        try {
          await admin.createTopics({
            waitForLeaders: true,
            topics: [
              {
                topic: name,
                numPartitions: doc.spec?.partitions ?? 1,
                replicationFactor: doc.spec?.replicas ?? 1,
                configEntries: Object.entries(doc.spec?.config ?? {}).map(
                  ([k, v]) => ({ name: k, value: String(v) }),
                ),
              },
            ],
          });
          result.topicsCreated.push(name);
          log(`gitops sync: created topic ${name} (${file})`);
        } catch (error) {
          result.errors.push(
            `${file}: topic ${name}: ${(error as Error).message}`,
          );
        }
      }
    });
  }
  for (const { file, doc } of manifests.filter(
    m => m.doc.kind === 'KafkaConnector',
  )) {
    const name = doc.metadata?.name;
    if (!name || !doc.spec?.class) {
      result.errors.push(
        `${file}: a KafkaConnector needs metadata.name and spec.class`,
      );
      continue;
    }
    const wanted = connectorConfig(doc.spec);
    const at = `/connectors/${encodeURIComponent(name)}`;
    const live = await connectCall(options.connectUrl, 'GET', `${at}/config`);
    let applied = false;
    const { name: _n, ...config } = (live.body ?? {}) as Record<string, string>;
    if (live.status !== 200 || !same(config, wanted)) {
      const put = await connectCall(
        options.connectUrl,
        'PUT',
        `${at}/config`,
        wanted,
      );
      if (put.status >= 300) {
        result.errors.push(
          `${file}: Connect answered ${put.status}: ${put.body?.message ?? ''}`,
        );
        continue;
      }
      applied = true;
    }
    if (await applyState(options.connectUrl, at, doc.spec.state)) {
      applied = true;
    }
    if (applied) {
      result.connectorsApplied.push(name);
      log(`gitops sync: applied connector ${name} (${file})`);
    }
  }
  return result;
}

/** Connect's state for each `spec.state` of a KafkaConnector. */
const STATES: Record<string, { live: string; call: string }> = {
  running: { live: 'RUNNING', call: 'resume' },
  paused: { live: 'PAUSED', call: 'pause' },
  stopped: { live: 'STOPPED', call: 'stop' },
};

/** Moves the connector to `spec.state` (default running); says whether it had to. */
async function applyState(
  connectUrl: string,
  at: string,
  state: string | undefined,
): Promise<boolean> {
  const wanted = STATES[state ?? 'running'] ?? STATES.running;
  const status = await connectCall(connectUrl, 'GET', `${at}/status`);
  const live = status.body?.connector?.state;
  // A failed connector is not resumed: that is a restart, for its owner.
  if (status.status !== 200 || live === wanted.live || live === 'FAILED') {
    return false;
  }
  if (wanted.live === 'RUNNING' && live !== 'PAUSED' && live !== 'STOPPED') {
    return false;
  }
  await connectCall(connectUrl, 'PUT', `${at}/${wanted.call}`);
  return true;
}

/** Deletes what the previous pass saw and this one does not. */
async function prune(options: GitOpsSyncOptions, result: GitOpsSyncResult) {
  const previous = options.previous;
  // A manifest that could not be read is not a removed one.
  if (!previous || result.errors.length) return;
  const log = options.log ?? (() => {});
  for (const name of previous.connectors) {
    if (result.seen.connectors.includes(name)) continue;
    const res = await connectCall(
      options.connectUrl,
      'DELETE',
      `/connectors/${encodeURIComponent(name)}`,
    );
    if (res.status < 300 || res.status === 404) {
      result.deleted.push(`connector ${name}`);
      log(`gitops sync: deleted connector ${name} (its manifest was removed)`);
    } else {
      result.errors.push(
        `connector ${name}: Connect answered ${res.status} to its deletion`,
      );
    }
  }
  const gone = previous.topics.filter(t => !result.seen.topics.includes(t));
  if (!gone.length) return;
  try {
    await withAdmin(options.bootstrapServers, async admin => {
      const existing = new Set(await admin.listTopics());
      const doomed = gone.filter(t => existing.has(t));
      if (!doomed.length) return;
      await admin.deleteTopics({ topics: doomed });
      for (const t of doomed) {
        result.deleted.push(`topic ${t}`);
        log(`gitops sync: deleted topic ${t} (its manifest was removed)`);
      }
    });
  } catch (error) {
    result.errors.push(`deleting topics: ${(error as Error).message}`);
  }
}

/** A Kafka admin client for the duration of `run`. */
async function withAdmin<T>(
  bootstrapServers: string[],
  run: (admin: Admin) => Promise<T>,
): Promise<T> {
  const admin = new Kafka({
    brokers: bootstrapServers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Runs `syncGitOps` every `intervalMs` until stopped; errors are logged, never thrown. */
export function startGitOpsSync(
  options: GitOpsSyncOptions & { intervalMs?: number },
) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let previous: GitOpsSeen | undefined;
  const log = options.log ?? (() => {});
  const tick = () => {
    running = syncGitOps({ ...options, previous })
      .then(r => {
        previous = r.seen;
        r.errors.forEach(e => log(`gitops sync: ${e}`));
      })
      .catch(error => log(`gitops sync failed: ${(error as Error).message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 10_000);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
