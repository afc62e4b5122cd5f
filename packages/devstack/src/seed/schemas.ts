/**
 * Demo schemas in Apicurio Registry for the demo topics, some with several
 * versions, each under a COMPATIBILITY rule: what the Schemas tab shows in
 * `npm run dev`. Registered over the registry's REST API.
 */

interface SeedSchema {
  artifactId: string;
  artifactType: 'AVRO' | 'JSON' | 'PROTOBUF';
  labels?: Record<string, string>;
  rule: string;
  versions: string[];
}

const avro = (fields: unknown[]) =>
  JSON.stringify(
    { type: 'record', name: 'Payment', namespace: 'demo.payments', fields },
    null,
    2,
  );

const orderEvent = (extra: Record<string, unknown>) =>
  JSON.stringify(
    {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'OrderEvent',
      type: 'object',
      properties: {
        orderId: { type: 'string' },
        status: { enum: ['CREATED', 'PAID', 'SHIPPED'] },
        total: { type: 'number', minimum: 0 },
        ...extra,
      },
      required: ['orderId', 'status'],
      // Closed, so that adding a property accepts all old events (BACKWARD).
      additionalProperties: false,
    },
    null,
    2,
  );

const shipment = (extra: string) =>
  `syntax = "proto3";
package demo.shipments;

message Shipment {
  string id = 1;
  string carrier = 2;
  int64 shipped_at = 3;${extra}
}
`;

export const SEED_SCHEMAS: SeedSchema[] = [
  {
    artifactId: 'team-a.payments-v1-value',
    artifactType: 'AVRO',
    rule: 'BACKWARD',
    versions: [
      avro([
        { name: 'paymentId', type: 'string' },
        { name: 'amountCents', type: 'long' },
        { name: 'currency', type: 'string' },
      ]),
      avro([
        { name: 'paymentId', type: 'string' },
        { name: 'amountCents', type: 'long' },
        { name: 'currency', type: 'string' },
        {
          name: 'method',
          type: { type: 'enum', name: 'Method', symbols: ['CARD', 'SEPA'] },
          default: 'CARD',
        },
      ]),
    ],
  },
  {
    artifactId: 'team-a.order-events-v2-value',
    artifactType: 'JSON',
    rule: 'BACKWARD',
    versions: [
      orderEvent({}),
      orderEvent({ channel: { type: 'string' } }),
      orderEvent({
        channel: { type: 'string' },
        items: { type: 'array', items: { type: 'string' } },
      }),
    ],
  },
  {
    artifactId: 'team-b.shipments-v1-value',
    artifactType: 'PROTOBUF',
    rule: 'BACKWARD',
    versions: [shipment(''), shipment('\n  string tracking_url = 4;')],
  },
  {
    artifactId: 'team-b.clickstream-raw-value',
    artifactType: 'JSON',
    labels: { 'eventport.io/format': 'cloudevents' },
    rule: 'FULL',
    versions: [
      JSON.stringify(
        {
          title: 'Click (CloudEvents)',
          type: 'object',
          properties: {
            specversion: { const: '1.0' },
            id: { type: 'string' },
            source: { type: 'string' },
            type: { const: 'demo.click' },
            time: { type: 'string', format: 'date-time' },
            data: {
              type: 'object',
              properties: {
                page: { type: 'string' },
                userId: { type: 'string' },
              },
            },
          },
          required: ['specversion', 'id', 'source', 'type'],
        },
        null,
        2,
      ),
    ],
  },
];

const contentType = (t: string) =>
  t === 'PROTOBUF' ? 'application/x-protobuf' : 'application/json';

async function call(url: string, method: string, body: unknown) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) {
    throw new Error(
      `${method} ${url} answered ${res.status}: ${await res.text()}`,
    );
  }
}

/** Registers the demo schemas; an artifact that exists already is left alone. */
export async function seedSchemas(registryUrl: string): Promise<number> {
  let created = 0;
  for (const s of SEED_SCHEMAS) {
    const base = `${registryUrl}/groups/default/artifacts`;
    const exists = await fetch(`${base}/${encodeURIComponent(s.artifactId)}`, {
      signal: AbortSignal.timeout(30_000),
    });
    if (exists.ok) continue;
    const [first, ...rest] = s.versions;
    await call(base, 'POST', {
      artifactId: s.artifactId,
      artifactType: s.artifactType,
      ...(s.labels ? { labels: s.labels } : {}),
      firstVersion: {
        content: { content: first, contentType: contentType(s.artifactType) },
      },
    });
    await call(`${base}/${encodeURIComponent(s.artifactId)}/rules`, 'POST', {
      ruleType: 'COMPATIBILITY',
      config: s.rule,
    });
    for (const content of rest) {
      await call(
        `${base}/${encodeURIComponent(s.artifactId)}/versions`,
        'POST',
        {
          content: { content, contentType: contentType(s.artifactType) },
        },
      );
    }
    created += 1;
  }
  return created;
}
