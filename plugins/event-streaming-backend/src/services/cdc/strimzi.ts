/**
 * Strimzi manifests of a pipeline: one `KafkaConnector` and a `KafkaTopic`
 * per change topic (and the schema-history topic of MariaDB/MySQL), in
 * `kafka.strimzi.io/v1` or, when configured, `v1beta2`.
 */
import { CdcManifest } from '@eventport/plugin-event-streaming-common';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { CdcStrimziConfig } from './deployConfig';

/** Keys Strimzi sets itself and refuses in `spec.config`. */
const STRIMZI_OWNED = [
  'name',
  'connector.class',
  'tasks.max',
  'connector.plugin.version',
];

/**
 * A Kubernetes resource name (RFC 1123 subdomain, 253 characters) for a
 * Kafka name: lowercase, other characters as '-', with a hash suffix when
 * anything had to change, so that two topics never share one.
 */
export function kubernetesName(kafkaName: string): string {
  const cleaned = kafkaName
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  if (cleaned === kafkaName && cleaned.length <= 253) return cleaned;
  const hash = createHash('sha256').update(kafkaName).digest('hex').slice(0, 8);
  return `${cleaned.slice(0, 243).replace(/[^a-z0-9]+$/, '')}-${hash}`;
}

export interface ManifestTopic {
  name: string;
  partitions: number;
  replicas: number;
  config: Record<string, string>;
}

export interface ManifestInput {
  strimzi: CdcStrimziConfig;
  /** Eventport's cluster name; the KafkaTopics' `strimzi.io/cluster` is mapped from it. */
  cluster: string;
  pipelineName: string;
  connectorName: string;
  connectorClass: string;
  connectorConfig: Record<string, string>;
  topics: ManifestTopic[];
  /** Annotations on every manifest, e.g. the source entity. */
  annotations: Record<string, string>;
}

function metadata(
  input: ManifestInput,
  name: string,
  clusterLabel: string,
): Record<string, unknown> {
  return {
    name,
    ...(input.strimzi.namespace ? { namespace: input.strimzi.namespace } : {}),
    labels: {
      'strimzi.io/cluster': clusterLabel,
      'app.kubernetes.io/managed-by': 'eventport',
      'eventport.io/cdc-pipeline': input.pipelineName,
    },
    annotations: input.annotations,
  };
}

const yaml = (doc: unknown) => stringify(doc, { lineWidth: 0 });

/** The manifests, each with its path relative to the pipeline's folder. */
export function strimziManifests(input: ManifestInput): CdcManifest[] {
  const tasksMax = Number(input.connectorConfig['tasks.max'] ?? '1');
  const config = Object.fromEntries(
    Object.entries(input.connectorConfig).filter(
      ([k]) => !STRIMZI_OWNED.includes(k),
    ),
  );
  const connector = {
    apiVersion: input.strimzi.apiVersion,
    kind: 'KafkaConnector',
    metadata: metadata(
      input,
      input.connectorName,
      input.strimzi.connectCluster,
    ),
    spec: {
      class: input.connectorClass,
      tasksMax,
      autoRestart: { enabled: true },
      state: 'running',
      config,
    },
  };
  const kafkaCluster =
    input.strimzi.kafkaClusters[input.cluster] ?? input.cluster;
  const topics = input.topics.map(topic => {
    const name = kubernetesName(topic.name);
    return {
      path: `topics/${name}.yaml`,
      kind: 'KafkaTopic' as const,
      content: yaml({
        apiVersion: input.strimzi.apiVersion,
        kind: 'KafkaTopic',
        metadata: metadata(input, name, kafkaCluster),
        spec: {
          ...(name !== topic.name ? { topicName: topic.name } : {}),
          partitions: topic.partitions,
          replicas: topic.replicas,
          config: topic.config,
        },
      }),
    };
  });
  return [
    {
      path: 'kafkaconnector.yaml',
      kind: 'KafkaConnector',
      content: yaml(connector),
    },
    ...topics,
  ];
}
