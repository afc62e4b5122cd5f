/**
 * The Debezium connector config of a pipeline, generated from the selection
 * and the introspected tables. It never holds a password: the source's
 * config-provider reference stands in for it.
 */
import { InputError } from '@backstage/errors';
import {
  CdcIntrospection,
  CdcPipelineRequest,
  CdcReviewTable,
  cdcArtifactIds,
  cdcChangeTopic,
  cdcExactPattern,
  cdcMaskableType,
  cdcSchemaHistoryTopic,
  cdcSlotName,
  CdcSourceType,
} from '@eventport/plugin-event-streaming-common';
import { createHash } from 'node:crypto';
import { CdcSourceConfig } from './config';

export const CONNECTOR_CLASSES: Record<CdcSourceType, string> = {
  postgres: 'io.debezium.connector.postgresql.PostgresConnector',
  mariadb: 'io.debezium.connector.mariadb.MariaDbConnector',
  mysql: 'io.debezium.connector.mysql.MySqlConnector',
};

/** The Apicurio converter of Debezium's docs (the registry's v2 API). */
export const APICURIO_AVRO_CONVERTER =
  'io.apicurio.registry.utils.converter.AvroConverter';

/** Asterisks that replace a masked value. */
export const MASK_LENGTH = 8;

/**
 * The selected tables as the review shows them: every column with its
 * handling, PII flag and type, and the change topic with its artifacts.
 * Unknown tables or columns, and handling that cannot work, are refused.
 */
export function reviewTables(
  request: CdcPipelineRequest,
  introspection: CdcIntrospection,
): CdcReviewTable[] {
  const seen = new Set<string>();
  return request.tables.map(selection => {
    const key = `${selection.schema}.${selection.table}`;
    if (seen.has(key)) {
      throw new InputError(`Table ${key} is selected twice`);
    }
    seen.add(key);
    const schema = introspection.schemas.find(s => s.name === selection.schema);
    const table = schema?.tables.find(t => t.name === selection.table);
    if (!table) {
      throw new InputError(
        `Table ${key} does not exist in source '${introspection.sourceId}' (or the source user cannot see it)`,
      );
    }
    for (const column of Object.keys(selection.columns)) {
      if (!table.columns.some(c => c.name === column)) {
        throw new InputError(`Table ${key} has no column '${column}'`);
      }
    }
    const columns = table.columns.map(column => {
      const handling = selection.columns[column.name] ?? 'capture';
      if (handling !== 'capture' && column.primaryKey) {
        throw new InputError(
          `Column ${key}.${column.name} is part of the primary key: change events carry it in their key, so it cannot be ${handling}ed. Leave the table out, or capture the column.`,
        );
      }
      if (
        (handling === 'hash' || handling === 'mask') &&
        !cdcMaskableType(column.dataType)
      ) {
        throw new InputError(
          `Column ${key}.${column.name} is ${column.dataType}: Debezium hashes and masks character columns only. Exclude it instead.`,
        );
      }
      return {
        name: column.name,
        dataType: column.dataType,
        handling,
        pii: column.pii,
        ...(column.piiReason ? { piiReason: column.piiReason } : {}),
      };
    });
    if (columns.every(c => c.handling === 'exclude')) {
      throw new InputError(
        `Every column of ${key} is excluded: leave the table out instead`,
      );
    }
    const topic = cdcChangeTopic(
      request.topicPrefix,
      selection.schema,
      selection.table,
    );
    const artifacts = cdcArtifactIds(topic);
    return {
      schema: selection.schema,
      table: selection.table,
      topic,
      valueArtifact: artifacts.value,
      keyArtifact: artifacts.key,
      columns,
    };
  });
}

function columnsWith(
  tables: CdcReviewTable[],
  handling: 'exclude' | 'hash' | 'mask',
): string | undefined {
  const patterns = tables.flatMap(t =>
    t.columns
      .filter(c => c.handling === handling)
      .map(c => cdcExactPattern(t.schema, t.table, c.name)),
  );
  return patterns.length ? patterns.join(',') : undefined;
}

/** A stable server id in 5400..2^31, from the pipeline's name. */
export function mysqlServerId(pipelineName: string): number {
  const digest = createHash('sha256').update(pipelineName).digest();
  return 5400 + (digest.readUInt32BE(0) % 2_000_000_000);
}

/** The salt of the hashed columns: stable per pipeline, shown in the config. */
function hashSalt(pipelineName: string, sourceId: string): string {
  return createHash('sha256')
    .update(`eventport:${sourceId}:${pipelineName}`)
    .digest('hex')
    .slice(0, 16);
}

/** The v2 API base the converter needs, from a registry's v3 URL. */
export function converterRegistryUrl(url: string): string {
  const base = url.replace(/\/+$/, '').replace(/\/apis\/registry\/v3$/, '');
  return `${base}/apis/registry/v2`;
}

export interface DebeziumConfigInput {
  request: CdcPipelineRequest;
  source: CdcSourceConfig;
  tables: CdcReviewTable[];
  /** Apicurio's v2 API base as the Connect worker reaches it. */
  registryUrl: string;
  /** Bootstrap servers of the cluster, for the schema-history topic. */
  brokers: string[];
}

/** The connector class and config; `connector.class` and `tasks.max` included. */
export function debeziumConfig(input: DebeziumConfigInput): {
  connectorClass: string;
  config: Record<string, string>;
  schemaHistoryTopic?: string;
} {
  const { request, source, tables } = input;
  const connectorClass = CONNECTOR_CLASSES[source.type];
  const config: Record<string, string> = {
    'connector.class': connectorClass,
    'tasks.max': '1',
    'database.hostname': source.connectorHost,
    'database.port': String(source.connectorPort),
    'database.user': source.user,
    'database.password': source.passwordReference,
    'topic.prefix': request.topicPrefix,
    'table.include.list': tables
      .map(t => cdcExactPattern(t.schema, t.table))
      .join(','),
    'snapshot.mode': 'initial',
    // Avro names allow [A-Za-z0-9_] only; topic prefixes hold '-' and '.'.
    'schema.name.adjustment.mode': 'avro',
    'field.name.adjustment.mode': 'avro',
  };
  let schemaHistoryTopic: string | undefined;
  if (source.type === 'postgres') {
    Object.assign(config, {
      'database.dbname': source.database,
      'plugin.name': 'pgoutput',
      'slot.name': cdcSlotName(request.name),
      'publication.name': cdcSlotName(request.name),
      'publication.autocreate.mode': 'filtered',
    });
  } else {
    schemaHistoryTopic = cdcSchemaHistoryTopic(
      source.type,
      request.topicPrefix,
    )!;
    Object.assign(config, {
      'database.server.id': String(mysqlServerId(request.name)),
      'database.include.list': [
        ...new Set(tables.map(t => cdcExactPattern(t.schema))),
      ].join(','),
      'schema.history.internal.kafka.bootstrap.servers':
        input.brokers.join(','),
      'schema.history.internal.kafka.topic': schemaHistoryTopic,
      'include.schema.changes': 'false',
    });
  }
  const excluded = columnsWith(tables, 'exclude');
  if (excluded) config['column.exclude.list'] = excluded;
  const hashed = columnsWith(tables, 'hash');
  if (hashed) {
    config[
      `column.mask.hash.SHA-256.with.salt.${hashSalt(request.name, source.id)}`
    ] = hashed;
  }
  const masked = columnsWith(tables, 'mask');
  if (masked) config[`column.mask.with.${MASK_LENGTH}.chars`] = masked;
  for (const side of ['key', 'value']) {
    Object.assign(config, {
      [`${side}.converter`]: APICURIO_AVRO_CONVERTER,
      [`${side}.converter.apicurio.registry.url`]: input.registryUrl,
      [`${side}.converter.apicurio.registry.auto-register`]: 'true',
      [`${side}.converter.apicurio.registry.find-latest`]: 'true',
    });
  }
  return { connectorClass, config, schemaHistoryTopic };
}
