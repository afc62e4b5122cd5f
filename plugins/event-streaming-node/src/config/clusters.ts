import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ClusterLinks,
  LinkTemplate,
  Environment,
  environmentSchema,
} from '@eventport/plugin-event-streaming-common';

/**
 * SASL settings as kafkajs takes them. The password never leaves the backend.
 *
 * @public
 */
export interface KafkaSaslConfig {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

/**
 * `eventStreaming.clusters[].connect`: the cluster's Kafka Connect REST API.
 * The password never leaves the backend.
 *
 * @public
 */
export interface KafkaConnectConfig {
  url: string;
  auth?: { username: string; password: string };
  /** Per call; default 10 s. */
  timeoutMs?: number;
}

/**
 * One entry of `eventStreaming.clusters`.
 *
 * @public
 */
export interface KafkaClusterConfig {
  /** Stable id, used in entity annotations and URLs. */
  name: string;
  environment: Environment;
  brokers: string[];
  sasl?: KafkaSaslConfig;
  ssl?: boolean;
  connect?: KafkaConnectConfig;
  schemaRegistry?: { url: string };
  links: ClusterLinks;
}

const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** A template string, or one template per kind of resource. */
function readLinkTemplate(
  config: Config,
  key: string,
): LinkTemplate | undefined {
  const value = config.getOptional(key);
  if (value === undefined || typeof value === 'string') return value;
  const perKind = config.getConfig(key);
  return {
    topic: perKind.getOptionalString('topic'),
    group: perKind.getOptionalString('group'),
    connector: perKind.getOptionalString('connector'),
  };
}

function readCluster(config: Config): KafkaClusterConfig {
  const name = config.getString('name');
  if (!CLUSTER_NAME.test(name)) {
    throw new InputError(
      `eventStreaming.clusters: name '${name}' must be lowercase letters, digits and '-' (at most 63 characters)`,
    );
  }
  const environment = environmentSchema.safeParse(
    config.getString('environment'),
  );
  if (!environment.success) {
    throw new InputError(
      `eventStreaming.clusters[${name}].environment must be one of ${environmentSchema.options.join(
        ', ',
      )}`,
    );
  }
  const brokers = config.getStringArray('brokers');
  if (brokers.length === 0) {
    throw new InputError(
      `eventStreaming.clusters[${name}].brokers must list at least one broker`,
    );
  }
  const saslConfig = config.getOptionalConfig('sasl');
  let sasl: KafkaSaslConfig | undefined;
  if (saslConfig) {
    const mechanism = saslConfig.getString('mechanism');
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      throw new InputError(
        `eventStreaming.clusters[${name}].sasl.mechanism must be one of ${SASL_MECHANISMS.join(
          ', ',
        )}`,
      );
    }
    sasl = {
      mechanism: mechanism as KafkaSaslConfig['mechanism'],
      username: saslConfig.getString('username'),
      password: saslConfig.getString('password'),
    };
  }
  const connectUrl = config.getOptionalString('connect.url');
  const connectAuth = config.getOptionalConfig('connect.auth');
  const registryUrl = config.getOptionalString('schemaRegistry.url');
  return {
    name,
    environment: environment.data,
    brokers,
    sasl,
    ssl: config.getOptionalBoolean('ssl'),
    connect: connectUrl
      ? {
          url: connectUrl.replace(/\/+$/, ''),
          auth: connectAuth
            ? {
                username: connectAuth.getString('username'),
                password: connectAuth.getString('password'),
              }
            : undefined,
          timeoutMs: config.getOptionalNumber('connect.timeoutMs'),
        }
      : undefined,
    schemaRegistry: registryUrl ? { url: registryUrl } : undefined,
    links: {
      grafana: readLinkTemplate(config, 'links.grafana'),
      kafkaUi: readLinkTemplate(config, 'links.kafkaUi'),
    },
  };
}

/**
 * Reads `eventStreaming.clusters` from the root config. Cluster names must be
 * unique; a misconfiguration fails start-up with a message naming the key.
 *
 * @public
 */
export function readClusterConfigs(config: Config): KafkaClusterConfig[] {
  const clusters = (
    config.getOptionalConfigArray('eventStreaming.clusters') ?? []
  ).map(readCluster);
  const seen = new Set<string>();
  for (const cluster of clusters) {
    if (seen.has(cluster.name)) {
      throw new InputError(
        `eventStreaming.clusters: the name '${cluster.name}' is used twice`,
      );
    }
    seen.add(cluster.name);
  }
  return clusters;
}
