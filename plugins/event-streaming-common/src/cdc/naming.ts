/**
 * The names a CDC pipeline gives things, the way Debezium and the Apicurio
 * converter derive them, so that the portal can show them before anything
 * is deployed.
 */
import { CdcSourceType } from './schemas';

/** Debezium replaces every character Kafka refuses in a topic name with '_'. */
function topicPart(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The change topic of a table: `<prefix>.<schema>.<table>` (PostgreSQL) or
 * `<prefix>.<database>.<table>` (MariaDB/MySQL).
 *
 * @public
 */
export function cdcChangeTopic(
  topicPrefix: string,
  schema: string,
  table: string,
): string {
  return `${topicPrefix}.${topicPart(schema)}.${topicPart(table)}`;
}

/**
 * The Apicurio artifacts of a change topic (the converter's TopicIdStrategy):
 * `<topic>-value` and `<topic>-key`.
 *
 * @public
 */
export function cdcArtifactIds(topic: string): { value: string; key: string } {
  return { value: `${topic}-value`, key: `${topic}-key` };
}

/**
 * Debezium's schema-history topic of a MariaDB/MySQL pipeline; PostgreSQL
 * has none.
 *
 * @public
 */
export function cdcSchemaHistoryTopic(
  type: CdcSourceType,
  topicPrefix: string,
): string | undefined {
  return type === 'postgres' ? undefined : `${topicPrefix}.schema-history`;
}

/**
 * The replication slot and publication of a PostgreSQL pipeline:
 * `eventport_<name>` with '-' as '_' (slot names allow `[a-z0-9_]` only).
 *
 * @public
 */
export function cdcSlotName(pipelineName: string): string {
  return `eventport_${pipelineName.replace(/-/g, '_')}`;
}

/**
 * The Debezium regular expression that matches exactly one qualified name,
 * e.g. `public\.customers\.email`.
 *
 * @public
 */
export function cdcExactPattern(...parts: string[]): string {
  return parts
    .map(p => p.replace(/[.*+?^${}()|[\]\\]/g, c => `\\${c}`))
    .join('\\.');
}

/**
 * The annotation of a catalog `Resource` (`spec.type: database`) naming its
 * connection in `eventStreaming.cdc.sources`.
 *
 * @public
 */
export const CDC_SOURCE_ANNOTATION = 'eventport.io/cdc-source';

/**
 * True when Debezium can hash or mask a column of this type: its
 * `column.mask.*` options apply to character columns only.
 *
 * @public
 */
export function cdcMaskableType(dataType: string): boolean {
  return /char|text|string|enum|uuid|json/i.test(dataType);
}
