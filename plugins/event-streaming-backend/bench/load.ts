/* eslint-disable no-console */
/**
 * Load benchmark (issue 9): many portal users at once against the real
 * router, on both kinds of Kafka. 50 concurrent clients send a mix of
 * requests over HTTP on loopback:
 *
 *   50% topic list pages, 30% topic detail, 10% approvals,
 *    5% topic creates in team-a., 5% GET /clusters
 *
 * and it prints requests per second, p50, p99, max and the errors (any 5xx,
 * and any answer other than the expected one) per kind of Kafka.
 *
 *   npm run bench:load                                   (both kinds, 50 x 200 requests)
 *   LOAD_KAFKA=apache LOAD_REQUESTS=50 npm run bench:load
 *
 * It asserts nothing and is bounded: a fixed number of requests, loopback only.
 * The broker is started beside the backend in this process's machine, so both
 * share the same 2 cores and noise.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KafkaKind,
  startSeedTraffic,
  startTestKafka,
} from '@eventport/devstack';
import { AddressInfo } from 'node:net';
import { eventStreamingPlugin } from '../src/plugin';
import { eventStreamingConfig } from '../src/__testUtils__/config';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 200);
const KINDS = (process.env.LOAD_KAFKA ?? 'embedded,apache').split(
  ',',
) as KafkaKind[];
const USER = 'user:default/guest';
process.env.EVENTPORT_TEST_KAFKA_REUSE = '0';

type Kind = 'list' | 'detail' | 'approvals' | 'create' | 'clusters';
const DETAIL_TOPICS = [
  'team-a.payments-v1',
  'team-a.order-events-v2',
  'team-a.customer-profiles',
  'team-b.shipments-v1',
];

function pick(n: number): Kind {
  const r = n % 100;
  if (r < 50) return 'list';
  if (r < 80) return 'detail';
  if (r < 90) return 'approvals';
  if (r < 95) return 'create';
  return 'clusters';
}

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))
  ];
}

async function run(kind: KafkaKind) {
  const kafka = await startTestKafka(kind, { brokers: 3 });
  // The demo topics and traffic, as in `npm run dev`.
  const seed = await startSeedTraffic({
    bootstrapServers: kafka.bootstrapServers,
  });
  const backend = await startTestBackend({
    features: [
      eventStreamingPlugin,
      mockServices.rootConfig.factory({
        data: eventStreamingConfig(kafka.bootstrapServers),
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      // The catalog's answer for guest (no jest here, so no mockServices.userInfo.mock).
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo() {
            return {
              userEntityRef: USER,
              ownershipEntityRefs: [USER, 'group:default/team-a'],
            };
          },
        }),
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  console.log(
    `${kafka.label}: backend on port ${port}, ${CLIENTS} clients x ${REQUESTS} requests`,
  );
  const base = `http://127.0.0.1:${port}/api/event-streaming`;
  const auth = mockCredentials.user.header(USER);
  const runId = Date.now().toString(36);
  let created = 0;

  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const request = async (n: number) => {
    const what = pick(n);
    let url = `${base}/clusters/dev-local/topics?limit=25&offset=${
      (n % 4) * 25
    }`;
    let init: RequestInit = { headers: { authorization: auth } };
    let expected = 200;
    if (what === 'detail')
      url = `${base}/clusters/dev-local/topics/${
        DETAIL_TOPICS[n % DETAIL_TOPICS.length]
      }`;
    if (what === 'approvals') url = `${base}/approvals?status=pending`;
    if (what === 'clusters') url = `${base}/clusters`;
    if (what === 'create') {
      url = `${base}/clusters/dev-local/topics`;
      init = {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `team-a.load-${runId}-${created++}`,
          partitions: 1,
        }),
      };
      expected = 201;
    }
    const started = performance.now();
    let status = 0;
    let message = '';
    try {
      const res = await fetch(url, init);
      status = res.status;
      const body = await res.text();
      if (status !== expected) message = body.slice(0, 160);
    } catch (e) {
      message = (e as Error).message;
    }
    latencies.push(performance.now() - started);
    if (status !== expected) {
      const key = `${what} ${status}: ${message.replace(/"stack":".*/, '')}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  };

  const started = Date.now();
  let next = 0;
  const total = CLIENTS * REQUESTS;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (;;) {
        const n = next++;
        if (n >= total) return;
        await request(n);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  await backend.stop();
  await seed.stop();
  await kafka.close();

  latencies.sort((a, b) => a - b);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log('');
  console.log(
    `${
      kafka.label
    }: ${total} requests from ${CLIENTS} clients in ${seconds.toFixed(1)} s`,
  );
  console.log(`  throughput ${(total / seconds).toFixed(0)} req/s`);
  console.log(
    `  latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(
      latencies,
      99,
    ).toFixed(0)} ms, ` +
      `max ${latencies[latencies.length - 1].toFixed(0)} ms`,
  );
  console.log(`  errors ${errorCount}`);
  for (const [key, count] of [...errors.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)) {
    console.log(`    ${count} x ${key}`);
  }
}

async function main() {
  for (const kind of KINDS) await run(kind);
  // kafkajs leaves timers behind after disconnecting; the figures are printed.
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
