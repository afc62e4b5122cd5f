import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  durationToMs,
  HumanDuration,
  humanDurationSchema,
} from '@eventport/plugin-event-streaming-common';

/** `eventStreaming.cdc.gitops`: where approved pipelines are committed. */
export interface CdcGitOpsConfig {
  /** A git remote: a path or file:// URL (demo, tests), https:// or ssh. */
  url: string;
  baseBranch: string;
  /** Folder in the repository; each pipeline gets `<path>/<pipeline>/`. */
  path: string;
  /** Branches are `<branchPrefix><pipeline>`. */
  branchPrefix: string;
  author: { name: string; email: string };
  /** HTTPS credentials, sent as a header to git, never in a URL or log. */
  username?: string;
  token?: string;
  /** How often a GitOps pipeline's status is compared with Connect (default 30 s). */
  followIntervalMs: number;
}

/** How the Strimzi manifests are written. */
export interface CdcStrimziConfig {
  apiVersion: 'kafka.strimzi.io/v1' | 'kafka.strimzi.io/v1beta2';
  /** `strimzi.io/cluster` of the KafkaConnector: the KafkaConnect resource. */
  connectCluster: string;
  /** `strimzi.io/cluster` of the KafkaTopics, by Eventport cluster name (default: the same name). */
  kafkaClusters: Record<string, string>;
  /** `metadata.namespace` of every manifest, when set. */
  namespace?: string;
}

export interface CdcDeployConfig {
  gitops?: CdcGitOpsConfig;
  strimzi: CdcStrimziConfig;
  /**
   * The Apicurio base URL as the Connect worker reaches it (the converter
   * speaks the registry's v2 API); default: derived from the cluster's
   * `schemaRegistry.url`.
   */
  registryUrl?: string;
}

const BRANCH = /^[A-Za-z0-9._/-]+$/;

function readGitOps(config: Config | undefined): CdcGitOpsConfig | undefined {
  if (!config) return undefined;
  const baseBranch = config.getOptionalString('baseBranch') ?? 'main';
  const branchPrefix =
    config.getOptionalString('branchPrefix') ?? 'eventport/cdc-';
  for (const [key, value] of [
    ['baseBranch', baseBranch],
    ['branchPrefix', branchPrefix],
  ]) {
    if (!BRANCH.test(value) || value.includes('..')) {
      throw new InputError(
        `eventStreaming.cdc.gitops.${key} '${value}' is not a usable git branch name`,
      );
    }
  }
  const path = (config.getOptionalString('path') ?? 'kafka/cdc').replace(
    /^\/+|\/+$/g,
    '',
  );
  if (path.split('/').some(part => part === '..')) {
    throw new InputError(
      `eventStreaming.cdc.gitops.path must stay inside the repository`,
    );
  }
  return {
    url: config.getString('url'),
    baseBranch,
    path,
    branchPrefix,
    author: {
      name: config.getOptionalString('author.name') ?? 'Eventport',
      email: config.getOptionalString('author.email') ?? 'eventport@localhost',
    },
    username: config.getOptionalString('username'),
    token: config.getOptionalString('token'),
    followIntervalMs: readFollowInterval(config),
  };
}

/** `followInterval`, a duration such as `{ seconds: 30 }` (the default). */
function readFollowInterval(config: Config): number {
  if (!config.has('followInterval')) return 30_000;
  const parsed = humanDurationSchema.safeParse(config.get('followInterval'));
  const ms = parsed.success ? durationToMs(parsed.data as HumanDuration) : 0;
  if (!(ms >= 1000)) {
    throw new InputError(
      'eventStreaming.cdc.gitops.followInterval must be a duration of at least a second, such as { seconds: 30 }',
    );
  }
  return ms;
}

/** Reads `eventStreaming.cdc` (gitops, strimzi, registryUrl). */
export function readCdcDeployConfig(root: Config): CdcDeployConfig {
  const cdc = root.getOptionalConfig('eventStreaming.cdc');
  const strimzi = cdc?.getOptionalConfig('strimzi');
  const version = strimzi?.getOptionalString('apiVersion') ?? 'v1';
  if (version !== 'v1' && version !== 'v1beta2') {
    throw new InputError(
      `eventStreaming.cdc.strimzi.apiVersion must be v1 (Strimzi 1.x) or v1beta2 (Strimzi 0.50 and older), got '${version}'`,
    );
  }
  const kafkaClusters: Record<string, string> = {};
  const clusters = strimzi?.getOptionalConfig('kafkaClusters');
  for (const key of clusters?.keys() ?? []) {
    kafkaClusters[key] = clusters!.getString(key);
  }
  return {
    gitops: readGitOps(cdc?.getOptionalConfig('gitops')),
    strimzi: {
      apiVersion: `kafka.strimzi.io/${version}`,
      connectCluster: strimzi?.getOptionalString('connectCluster') ?? 'connect',
      kafkaClusters,
      namespace: strimzi?.getOptionalString('namespace'),
    },
    registryUrl: cdc?.getOptionalString('registryUrl'),
  };
}
