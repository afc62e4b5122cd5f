/**
 * The demo's stand-in for the Strimzi operators: reads the `KafkaTopic` and
 * `KafkaConnector` manifests on the GitOps repository's base branch and
 * makes Kafka and the Connect worker match them (topics created when
 * missing, connector configs written when they differ). Nothing is deleted.
 *
 * In the demo, `autoMergePrefix` also merges the pipeline branches Eventport
 * pushed, as a platform engineer merging the pull request would.
 */
import { Kafka, logLevel } from 'kafkajs';
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
}

export interface GitOpsSyncResult {
  merged: string[];
  topicsCreated: string[];
  connectorsApplied: string[];
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
  if (topics.length) {
    const admin = new Kafka({
      brokers: options.bootstrapServers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
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
    } finally {
      await admin.disconnect();
    }
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
    if (live.status === 200) {
      const { name: _n, ...config } = live.body as Record<string, string>;
      if (same(config, wanted)) continue;
    }
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
    if (doc.spec.state === 'paused' || doc.spec.state === 'stopped') {
      await connectCall(
        options.connectUrl,
        'PUT',
        `${at}/${doc.spec.state === 'paused' ? 'pause' : 'stop'}`,
      );
    }
    result.connectorsApplied.push(name);
    log(`gitops sync: applied connector ${name} (${file})`);
  }
  return result;
}

/** Runs `syncGitOps` every `intervalMs` until stopped; errors are logged, never thrown. */
export function startGitOpsSync(
  options: GitOpsSyncOptions & { intervalMs?: number },
) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const log = options.log ?? (() => {});
  const tick = () => {
    running = syncGitOps(options)
      .then(r => r.errors.forEach(e => log(`gitops sync: ${e}`)))
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
