import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  Environment,
  environmentSchema,
} from '@eventport/plugin-event-streaming-common';

/**
 * Config-provider references a team may put in its connectors: every
 * reference of the provider (and path) whose key starts with `keyPrefix`.
 *
 * @public
 */
export interface SecretReferenceGrant {
  /** The provider's name on the worker: `env`, `file`, `dir`, … */
  provider: string;
  /** The file or folder of `file`/`dir` references; absent for `env`. */
  path?: string;
  /** Keys that start with this (default: every key). */
  keyPrefix?: string;
  /** The group whose connectors may use them. */
  owner: string;
}

/**
 * A folder on the worker that FileStream-like `file` settings may name.
 *
 * @public
 */
export interface FileDirectoryGrant {
  /** Absolute, normalised folder. */
  path: string;
  /** The group whose connectors may use it; absent: every team. */
  owner?: string;
}

/**
 * What self-service connectors may do, from `eventStreaming.connect`.
 *
 * @public
 */
export interface ConnectPolicyConfig {
  /**
   * Connector, transform, predicate and converter classes allowed per
   * environment; an entry ending in `*` matches a prefix. Kafka's own
   * transforms, predicates and converters are always allowed.
   */
  allowedClasses: Record<Environment, string[]>;
  /** Classes that capture from a database: only through CDC pipelines. */
  captureClasses: string[];
  fileDirectories: FileDirectoryGrant[];
  secretReferences: SecretReferenceGrant[];
  /** Upper bound of `tasks.max`. */
  maxTasks: number;
}

/**
 * Classes that read a database's data. Their connectors are CDC pipelines,
 * which the security reviewers decide.
 *
 * @public
 */
export const DEFAULT_CAPTURE_CLASSES = [
  'io.debezium.connector.*',
  'io.confluent.connect.jdbc.JdbcSourceConnector',
  'io.aiven.connect.jdbc.JdbcSourceConnector',
  'com.mongodb.kafka.connect.MongoSourceConnector',
];

const DEFAULT_MAX_TASKS = 8;

/**
 * True for `/a/b`, false for relative paths and any `.`, `..`, `//` or `\`.
 *
 * @public
 */
export function isNormalisedAbsolutePath(value: string): boolean {
  if (!value.startsWith('/') || value.includes('\\')) return false;
  if (value.includes('\0')) return false;
  const parts = value.split('/').slice(1);
  return parts.every(
    (p, i) =>
      p !== '.' &&
      p !== '..' &&
      (p !== '' || (i === parts.length - 1 && i > 0)),
  );
}

function readPath(config: Config, key: string, where: string): string {
  const value = config.getString(key).replace(/\/+$/, '') || '/';
  if (!isNormalisedAbsolutePath(value)) {
    throw new InputError(
      `${where}.${key} must be an absolute path without '.', '..', '//' or '\\': '${value}'`,
    );
  }
  return value;
}

/**
 * Reads and validates `eventStreaming.connect`.
 *
 * @public
 */
export function readConnectPolicyConfig(root: Config): ConnectPolicyConfig {
  const config = root.getOptionalConfig('eventStreaming.connect');
  const where = 'eventStreaming.connect';
  const classes = config?.getOptionalConfig('allowedClasses');
  const allowedClasses = Object.fromEntries(
    environmentSchema.options.map(env => [
      env,
      classes?.getOptionalStringArray(env) ?? [],
    ]),
  ) as Record<Environment, string[]>;
  const secretReferences = (
    config?.getOptionalConfigArray('secretReferences') ?? []
  ).map((c, i) => {
    const provider = c.getString('provider');
    if (!/^[A-Za-z0-9_.-]+$/.test(provider)) {
      throw new InputError(
        `${where}.secretReferences[${i}].provider must be a provider name such as env or file: '${provider}'`,
      );
    }
    const path = c.has('path')
      ? readPath(c, 'path', `${where}.secretReferences[${i}]`)
      : undefined;
    return {
      provider,
      path,
      keyPrefix: c.getOptionalString('keyPrefix'),
      owner: c.getString('owner'),
    };
  });
  const fileDirectories = (
    config?.getOptionalConfigArray('fileDirectories') ?? []
  ).map((c, i) => ({
    path: readPath(c, 'path', `${where}.fileDirectories[${i}]`),
    owner: c.getOptionalString('owner'),
  }));
  const maxTasks = config?.getOptionalNumber('maxTasks') ?? DEFAULT_MAX_TASKS;
  if (!Number.isInteger(maxTasks) || maxTasks < 1) {
    throw new InputError(`${where}.maxTasks must be a positive integer`);
  }
  return {
    allowedClasses,
    captureClasses:
      config?.getOptionalStringArray('captureClasses') ??
      DEFAULT_CAPTURE_CLASSES,
    fileDirectories,
    secretReferences,
    maxTasks,
  };
}
