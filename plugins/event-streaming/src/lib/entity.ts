import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  EVENTPORT_ANNOTATIONS,
  EVENTPORT_ENTITY_TYPES,
  parseTopicRefs,
} from '@eventport/plugin-event-streaming-common';

/** Which Eventport entity an entity is, from its kind, type and annotations. */
const annotation = (entity: Entity, key: string) =>
  entity.metadata.annotations?.[key]?.trim() || undefined;

const isResourceOfType = (entity: Entity, type: string) =>
  entity.kind.toLowerCase() === 'resource' && entity.spec?.type === type;

/** The cluster of an Eventport entity. */
export const clusterOf = (entity: Entity) =>
  annotation(entity, EVENTPORT_ANNOTATIONS.cluster);

/** A kafka-topic Resource with its real name and cluster. *
 * @public
 */
export function isKafkaTopicEntity(entity: Entity): boolean {
  return (
    isResourceOfType(entity, EVENTPORT_ENTITY_TYPES.topic) &&
    Boolean(
      annotation(entity, EVENTPORT_ANNOTATIONS.topic) && clusterOf(entity),
    )
  );
}

export function topicOf(entity: Entity) {
  return {
    cluster: clusterOf(entity) ?? '',
    topic: annotation(entity, EVENTPORT_ANNOTATIONS.topic) ?? '',
  };
}

/** A schema API of Eventport (`eventport.io/schema-artifact`). *
 * @public
 */
export function isSchemaApiEntity(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'api' &&
    Boolean(annotation(entity, EVENTPORT_ANNOTATIONS.schemaArtifact)) &&
    Boolean(clusterOf(entity))
  );
}

export function schemaOf(entity: Entity) {
  const ref = annotation(entity, EVENTPORT_ANNOTATIONS.schemaArtifact) ?? '';
  const slash = ref.indexOf('/');
  return {
    cluster: clusterOf(entity) ?? '',
    groupId: ref.slice(0, slash),
    artifactId: ref.slice(slash + 1),
  };
}

/** @public */
export function isKafkaConnectorEntity(entity: Entity): boolean {
  return (
    isResourceOfType(entity, EVENTPORT_ENTITY_TYPES.connector) &&
    Boolean(
      annotation(entity, EVENTPORT_ANNOTATIONS.connector) && clusterOf(entity),
    )
  );
}

export function connectorOf(entity: Entity) {
  return {
    cluster: clusterOf(entity) ?? '',
    name: annotation(entity, EVENTPORT_ANNOTATIONS.connector) ?? '',
  };
}

/** @public */
export function isCdcPipelineEntity(entity: Entity): boolean {
  return (
    isResourceOfType(entity, EVENTPORT_ENTITY_TYPES.cdcPipeline) &&
    Boolean(annotation(entity, EVENTPORT_ANNOTATIONS.cdcPipeline))
  );
}

export const pipelineIdOf = (entity: Entity) =>
  annotation(entity, EVENTPORT_ANNOTATIONS.cdcPipeline) ?? '';

/**
 * Entities that name Kafka topics or consumer groups: Eventport's
 * produces/consumes annotations, or the community plugin's
 * `kafka.apache.org/consumer-groups`.
 *
 * @public
 */
export function hasKafkaAnnotations(entity: Entity): boolean {
  return [
    EVENTPORT_ANNOTATIONS.producesTopics,
    EVENTPORT_ANNOTATIONS.consumesTopics,
    EVENTPORT_ANNOTATIONS.consumerGroups,
  ].some(key => Boolean(annotation(entity, key)));
}

/** `cluster/topic` entries of an annotation; the malformed ones apart. */
export function topicRefsOf(entity: Entity, key: string) {
  return parseTopicRefs(annotation(entity, key));
}

/** The targets of an entity's relations of one type, optionally of one kind. */
export function relatedRefs(entity: Entity, type: string, kind?: string) {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .filter(ref => !kind || parseEntityRef(ref).kind.toLowerCase() === kind)
    .sort();
}
