import {
  Entity,
  getCompoundEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  EVENTPORT_ANNOTATIONS,
  parseTopicRefs,
  topicEntityName,
} from '@eventport/plugin-event-streaming-common';

/**
 * Relates components (any entity, in fact) to the topics their annotations
 * name: `eventport.io/produces-topics` makes the entity a `dependencyOf`
 * each topic, as a source connector is; `eventport.io/consumes-topics` makes
 * it `dependsOn` each topic, as a sink connector does. Both are comma lists
 * of `cluster/topic`.
 *
 * An entry that is not `cluster/topic` is skipped and logged, not reported
 * as a processing error: the catalog would then stop updating the whole
 * entity. The entity page's Kafka tab shows such entries to its owners.
 *
 * @public
 */
export class EventStreamingTopicRelationsProcessor implements CatalogProcessor {
  constructor(private readonly logger?: LoggerService) {}

  getProcessorName(): string {
    return 'EventStreamingTopicRelationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const annotations = entity.metadata.annotations ?? {};
    const self = getCompoundEntityRef(entity);
    const relate = (annotation: string, outgoing: string, incoming: string) => {
      const { topics, invalid: malformed } = parseTopicRefs(
        annotations[annotation],
      );
      if (malformed.length) {
        this.logger?.warn(
          `${annotation} of ${stringifyEntityRef(entity)} (${
            location.target
          }) holds entries that are not 'cluster/topic', skipped: ${malformed.join(
            ', ',
          )}`,
        );
      }
      for (const { cluster, topic } of topics) {
        const target = {
          kind: 'resource',
          namespace: 'default',
          name: topicEntityName(cluster, topic),
        };
        emit(
          processingResult.relation({ source: self, type: outgoing, target }),
        );
        emit(
          processingResult.relation({
            source: target,
            type: incoming,
            target: self,
          }),
        );
      }
    };
    relate(
      EVENTPORT_ANNOTATIONS.producesTopics,
      RELATION_DEPENDENCY_OF,
      RELATION_DEPENDS_ON,
    );
    relate(
      EVENTPORT_ANNOTATIONS.consumesTopics,
      RELATION_DEPENDS_ON,
      RELATION_DEPENDENCY_OF,
    );
    return entity;
  }
}
