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
 * and any answer other than the expected one) per kind of Kafka, first with
 * the demo topics only, then with LOAD_SCALE_TOPICS (10,000) more topics in
 * the cluster. Each is measured twice in the same run: with the baseline
 * (kafkajs's shared metadata cache, as before issue 9; bench/sharedCacheAdmin.ts)
 * and with Eventport's KafkajsAdmin.
 *
 *   npm run bench:load                                   (both kinds, 50 x 200 requests)
 *   LOAD_KAFKA=apache LOAD_REQUESTS=50 npm run bench:load
 *   LOAD_SCALE_TOPICS=0 LOAD_BASELINE=0 npm run bench:load   (no 10k step, no baseline)
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
import { Kafka, logLevel } from 'kafkajs';
import { createEventStreamingPlugin } from '../src/plugin';
import { eventStreamingConfig } from '../src/__testUtils__/config';
import { KafkaAdminFactory } from '../src/services/ClusterRegistry';
import { SharedCacheAdmin } from './sharedCacheAdmin';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 200);
const KINDS = (process.env.LOAD_KAFKA ?? 'embedded,apache').split(
  ',',
) as KafkaKind[];
const SCALE_TOPICS = Number(process.env.LOAD_SCALE_TOPICS ?? 10_000);
const BASELINE = process.env.LOAD_BASELINE !== '0';
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

interface Figures {
  label: string;
  seconds: number;
  total: number;
  latencies: number[];
  byKind: Map<Kind, number[]>;
  errors: Map<string, number>;
}

/** Creates `count` more topics (1 partition, 1 replica) in batches. */
async function addTopics(bootstrapServers: string[], count: number) {
  const admin = new Kafka({
    clientId: 'bench-scale',
    brokers: bootstrapServers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  const started = Date.now();
  const names = Array.from(
    { length: count },
    (_, i) => `scale.topic-${String(i).padStart(5, '0')}`,
  );
  for (let i = 0; i < names.length; i += 500) {
    await admin.createTopics({
      waitForLeaders: false,
      topics: names
        .slice(i, i + 500)
        .map(topic => ({ topic, numPartitions: 1, replicationFactor: 1 })),
    });
    process.stdout.write(
      `\r  created ${Math.min(i + 500, count)}/${count} topics`,
    );
  }
  // Every broker must list them before the measurement starts.
  for (;;) {
    const known = (await admin.listTopics()).filter(t =>
      t.startsWith('scale.'),
    );
    if (known.length >= count) break;
    await new Promise(r => setTimeout(r, 500));
  }
  await admin.disconnect();
  console.log(` in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Waits until the cluster answers a full metadata request within a second,
 * twice in a row, so that one measurement does not start while the brokers
 * still work off the previous one.
 */
async function settle(bootstrapServers: string[]) {
  const admin = new Kafka({
    clientId: 'bench-settle',
    brokers: bootstrapServers,
    logLevel: logLevel.NOTHING,
  }).admin();
  const started = Date.now();
  let quick = 0;
  try {
    await admin.connect();
    while (quick < 2 && Date.now() - started < 120_000) {
      const t = Date.now();
      await admin.listTopics().catch(() => {});
      quick = Date.now() - t < 1000 ? quick + 1 : 0;
      await new Promise(r => setTimeout(r, 1000));
    }
  } finally {
    await admin.disconnect().catch(() => {});
  }
  return (Date.now() - started) / 1000;
}

async function measure(
  kafka: { bootstrapServers: string[] },
  label: string,
  adminFactory?: KafkaAdminFactory,
): Promise<Figures> {
  const backend = await startTestBackend({
    features: [
      createEventStreamingPlugin({ adminFactory }),
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
  const settled = await settle(kafka.bootstrapServers);
  console.log(
    `  ${label}: ${CLIENTS} clients x ${REQUESTS} requests (cluster settled in ${settled.toFixed(
      0,
    )} s) ...`,
  );
  const base = `http://127.0.0.1:${port}/api/event-streaming`;
  const auth = mockCredentials.user.header(USER);
  const runId = Date.now().toString(36);
  let created = 0;

  const latencies: number[] = [];
  const byKind = new Map<Kind, number[]>();
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
    const took = performance.now() - started;
    latencies.push(took);
    byKind.set(what, [...(byKind.get(what) ?? []), took]);
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
  return { label, seconds, total, latencies, byKind, errors };
}

function report(f: Figures) {
  const sorted = [...f.latencies].sort((a, b) => a - b);
  const errorCount = [...f.errors.values()].reduce((a, b) => a + b, 0);
  const route = (kind: Kind) => {
    const l = [...(f.byKind.get(kind) ?? [])].sort((a, b) => a - b);
    return l.length ? `${percentile(l, 99).toFixed(0)} ms` : '-';
  };
  console.log(
    `  ${f.label.padEnd(34)} ${(f.total / f.seconds)
      .toFixed(0)
      .padStart(5)} req/s` +
      `  p50 ${percentile(sorted, 50).toFixed(0).padStart(5)} ms` +
      `  p99 ${percentile(sorted, 99).toFixed(0).padStart(5)} ms` +
      `  max ${sorted[sorted.length - 1].toFixed(0).padStart(5)} ms` +
      `  errors ${String(errorCount).padStart(4)}` +
      `   (p99 list ${route('list')}, detail ${route('detail')}, create ${route(
        'create',
      )})`,
  );
  for (const [key, count] of [...f.errors.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)) {
    console.log(`      ${count} x ${key}`);
  }
}

async function run(kind: KafkaKind) {
  // 1 GB heaps: with 10,000 topics and the baseline's many full metadata
  // requests, a 256 MB node (the tests' default) ran out of heap.
  const kafka = await startTestKafka(kind, { brokers: 3, kafkaHeapMb: 1024 });
  // The demo topics and traffic, as in `npm run dev`.
  const seed = await startSeedTraffic({
    bootstrapServers: kafka.bootstrapServers,
  });
  const results: Array<[string, Figures[]]> = [];
  const both = async (title: string) => {
    console.log(`${kafka.label}, ${title}:`);
    const figures: Figures[] = [];
    if (BASELINE) {
      figures.push(
        await measure(
          kafka,
          'before: kafkajs shared cache',
          c => new SharedCacheAdmin(c),
        ),
      );
    }
    figures.push(await measure(kafka, 'after: KafkajsAdmin (issue 9)'));
    results.push([title, figures]);
  };
  await both('demo topics');
  if (SCALE_TOPICS > 0) {
    await addTopics(kafka.bootstrapServers, SCALE_TOPICS);
    await both(`${SCALE_TOPICS} more topics`);
  }
  await seed.stop();
  await kafka.close();
  console.log('');
  for (const [title, figures] of results) {
    console.log(`${kafka.label}, ${title}: ${figures[0].total} requests each`);
    figures.forEach(report);
  }
  console.log('');
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
