/**
 * The generated Debezium configs and Strimzi manifests, validated against
 * Strimzi's own CRDs in ../shared/reference/strimzi.
 */
import Ajv from 'ajv';
import { declareNotRun, sharedReferenceDir } from '@eventport/devstack';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  CdcIntrospection,
  CdcPipelineRequest,
} from '@eventport/plugin-event-streaming-common';
import { CdcSourceConfig } from './config';
import {
  converterRegistryUrl,
  debeziumConfig,
  mysqlServerId,
  reviewTables,
} from './debezium';
import { kubernetesName, strimziManifests } from './strimzi';

/** Strimzi's CRDs, beside the repository (a public clone has none). */
const REFERENCE = sharedReferenceDir('strimzi');
const STRIMZI_ABSENT =
  "Strimzi's CRDs are read from ../shared/reference/strimzi beside the repository; this clone has none";

function crdSchema(file: string, version: string) {
  const crd = parse(fs.readFileSync(path.join(REFERENCE!, file), 'utf8'));
  const served = crd.spec.versions.find((v: any) => v.name === version);
  if (!served) throw new Error(`${file} serves no ${version}`);
  return served.schema.openAPIV3Schema;
}

const ajv = new Ajv({ strict: false, allErrors: true });

function source(type: CdcSourceConfig['type']): CdcSourceConfig {
  return {
    id: 'shop',
    type,
    host: 'db.internal',
    port: type === 'postgres' ? 5432 : 3306,
    database: 'shop',
    user: 'debezium',
    password: 'hunter2-not-in-output',
    timeoutMs: 10_000,
    passwordReference:
      '${file:/opt/kafka/external-configuration/shop/db.properties:password}',
    connectorHost: 'db.prod.svc',
    connectorPort: type === 'postgres' ? 5432 : 3306,

    users: [],
  };
}

const column = (name: string, dataType: string, extra: object = {}) => ({
  name,
  dataType,
  nullable: true,
  primaryKey: false,
  pii: false,
  ...extra,
});

const introspection = (
  type: CdcSourceConfig['type'],
  schema: string,
): CdcIntrospection => ({
  sourceId: 'shop',
  type,
  serverVersion: 'test',
  schemas: [
    {
      name: schema,
      tables: [
        {
          name: 'customers',
          primaryKey: ['id'],
          columns: [
            column('id', 'integer', { primaryKey: true, nullable: false }),
            column('email', 'character varying(255)', {
              pii: true,
              piiReason: 'email address',
            }),
            column('phone', 'varchar(40)', {
              pii: true,
              piiReason: 'phone number',
            }),
            column('tier', 'text'),
          ],
        },
        {
          name: 'Odd Table$',
          primaryKey: ['id'],
          columns: [column('id', 'integer', { primaryKey: true })],
        },
      ],
    },
  ],
});

const request = (schema: string): CdcPipelineRequest => ({
  sourceEntityRef: 'resource:default/shop-db',
  cluster: 'prod-eu',
  name: 'shop-customers',
  topicPrefix: 'team-a.cdc.shop',
  tables: [
    {
      schema,
      table: 'customers',
      columns: { email: 'exclude', phone: 'hash' },
    },
    { schema, table: 'Odd Table$', columns: {} },
  ],
});

function generate(
  type: CdcSourceConfig['type'],
  apiVersion: 'kafka.strimzi.io/v1' | 'kafka.strimzi.io/v1beta2',
) {
  const schema = type === 'postgres' ? 'public' : 'shop';
  const tables = reviewTables(request(schema), introspection(type, schema));
  const generated = debeziumConfig({
    request: request(schema),
    source: source(type),
    tables,
    registryUrl: converterRegistryUrl('http://apicurio:8080/apis/registry/v3'),
    brokers: ['kafka-0:9092', 'kafka-1:9092'],
  });
  const manifests = strimziManifests({
    strimzi: {
      apiVersion,
      connectCluster: 'cdc-connect',
      kafkaClusters: { 'prod-eu': 'kafka-prod' },
      namespace: 'kafka',
    },
    cluster: 'prod-eu',
    pipelineName: 'shop-customers',
    connectorName: 'team-a.shop-customers',
    connectorClass: generated.connectorClass,
    connectorConfig: generated.config,
    topics: [
      ...tables.map(t => ({
        name: t.topic,
        partitions: 3,
        replicas: 3,
        config: { 'retention.ms': '604800000' },
      })),
      ...(generated.schemaHistoryTopic
        ? [
            {
              name: generated.schemaHistoryTopic,
              partitions: 1,
              replicas: 3,
              config: { 'retention.ms': '-1' },
            },
          ]
        : []),
    ],
    annotations: { 'eventport.io/source-entity': 'resource:default/shop-db' },
  });
  return { tables, generated, manifests };
}

/** The manifests of a pipeline on this database validate against Strimzi's CRDs. */
function expectValidManifests(type: 'postgres' | 'mariadb' | 'mysql') {
  const { manifests } = generate(type, 'kafka.strimzi.io/v1');
  const validators = {
    KafkaConnector: ajv.compile(crdSchema('kafkaconnector-crd.yaml', 'v1')),
    KafkaTopic: ajv.compile(crdSchema('kafkatopic-crd.yaml', 'v1')),
  };
  expect(manifests.map(m => m.kind)).toEqual(
    type === 'postgres'
      ? ['KafkaConnector', 'KafkaTopic', 'KafkaTopic']
      : ['KafkaConnector', 'KafkaTopic', 'KafkaTopic', 'KafkaTopic'],
  );
  for (const manifest of manifests) {
    const doc = parse(manifest.content);
    const validate = validators[manifest.kind];
    expect({
      path: manifest.path,
      valid: validate(doc),
      errors: validate.errors ?? null,
    }).toEqual({
      path: manifest.path,
      valid: true,
      errors: null,
    });
    expect(doc.apiVersion).toBe('kafka.strimzi.io/v1');
    expect(doc.metadata.namespace).toBe('kafka');
    expect(doc.metadata.name).toMatch(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/);
    expect(manifest.content).not.toContain('hunter2');
  }
  const connector = parse(manifests[0].content);
  expect(connector.metadata.labels['strimzi.io/cluster']).toBe('cdc-connect');
  expect(connector.spec.tasksMax).toBe(1);
  for (const owned of ['name', 'connector.class', 'tasks.max']) {
    expect(connector.spec.config).not.toHaveProperty([owned]);
  }
  const topic = parse(manifests[1].content);
  expect(topic.metadata.labels['strimzi.io/cluster']).toBe('kafka-prod');
}

describe('Debezium config and Strimzi manifests', () => {
  const TYPES = ['postgres', 'mariadb', 'mysql'] as const;
  if (REFERENCE) {
    // eslint-disable-next-line jest/expect-expect
    it.each(TYPES)(
      '%s: the manifests are valid KafkaConnector and KafkaTopic resources of kafka.strimzi.io/v1',
      type => expectValidManifests(type),
    );
  } else {
    // Left out, and declared: the run lists them with the reason.
    declareNotRun(
      "the validation of the manifests against Strimzi's CRDs",
      STRIMZI_ABSENT,
    );
  }

  it('writes v1beta2 when configured (Strimzi 0.50 and older), otherwise the same documents', () => {
    const v1 = generate('postgres', 'kafka.strimzi.io/v1').manifests;
    const beta = generate('postgres', 'kafka.strimzi.io/v1beta2').manifests;
    expect(beta.map(m => parse(m.content).apiVersion)).toEqual(
      beta.map(() => 'kafka.strimzi.io/v1beta2'),
    );
    expect(beta.map(m => m.content.replace('v1beta2', 'v1'))).toEqual(
      v1.map(m => m.content),
    );
  });

  it('PostgreSQL: pgoutput, slot, filtered publication, escaped table and column lists, no password', () => {
    const { generated, tables } = generate('postgres', 'kafka.strimzi.io/v1');
    expect(generated.config).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'database.hostname': 'db.prod.svc',
      'database.dbname': 'shop',
      'database.password':
        '${file:/opt/kafka/external-configuration/shop/db.properties:password}',
      'plugin.name': 'pgoutput',
      'slot.name': 'eventport_shop_customers',
      'publication.name': 'eventport_shop_customers',
      'publication.autocreate.mode': 'filtered',
      'table.include.list': 'public\\.customers,public\\.Odd Table\\$',
      'column.exclude.list': 'public\\.customers\\.email',
      'key.converter.apicurio.registry.url':
        'http://apicurio:8080/apis/registry/v2',
    });
    expect(generated.schemaHistoryTopic).toBeUndefined();
    expect(JSON.stringify(generated)).not.toContain('hunter2');
    expect(tables.map(t => t.topic)).toEqual([
      'team-a.cdc.shop.public.customers',
      'team-a.cdc.shop.public.Odd_Table_',
    ]);
  });

  it('MariaDB and MySQL: server id, schema-history topic inside the prefix, database include list', () => {
    const maria = generate('mariadb', 'kafka.strimzi.io/v1').generated;
    const mysql = generate('mysql', 'kafka.strimzi.io/v1').generated;
    expect(maria.config['connector.class']).toBe(
      'io.debezium.connector.mariadb.MariaDbConnector',
    );
    expect(mysql.config['connector.class']).toBe(
      'io.debezium.connector.mysql.MySqlConnector',
    );
    expect(maria.config).toMatchObject({
      'database.server.id': String(mysqlServerId('shop-customers')),
      'database.include.list': 'shop',
      'schema.history.internal.kafka.topic': 'team-a.cdc.shop.schema-history',
      'schema.history.internal.kafka.bootstrap.servers':
        'kafka-0:9092,kafka-1:9092',
      'table.include.list': 'shop\\.customers,shop\\.Odd Table\\$',
      'include.schema.changes': 'false',
    });
    expect(maria.config).not.toHaveProperty('slot.name');
    expect(Number(maria.config['database.server.id'])).toBeGreaterThanOrEqual(
      5400,
    );
  });

  it('Kubernetes names: kept when valid, lowercased and suffixed with a stable hash otherwise', () => {
    expect(kubernetesName('team-a.cdc.shop.public.customers')).toBe(
      'team-a.cdc.shop.public.customers',
    );
    const odd = kubernetesName('team-a.cdc.shop.public.Odd_Table_');
    expect(odd).toMatch(/^team-a\.cdc\.shop\.public\.odd-table-[0-9a-f]{8}$/);
    expect(kubernetesName('team-a.cdc.shop.public.Odd_Table_')).toBe(odd);
    expect(kubernetesName('team-a.cdc.shop.public.odd_table_')).not.toBe(odd);
    const long = kubernetesName(`team-a.${'x'.repeat(300)}`);
    expect(long.length).toBeLessThanOrEqual(253);
  });
});
