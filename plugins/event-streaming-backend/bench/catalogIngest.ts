/* eslint-disable no-console */
/**
 * Benchmark of one full catalog mutation (issue 14): the catalog module's
 * provider reads a cluster from the Eventport backend and applies every
 * entity to the real catalog backend, in one Backstage backend process.
 *
 * Full size: BENCH_CATALOG_TOPICS topics (10,000), BENCH_CATALOG_SCHEMAS
 * schemas (2,000) and BENCH_CATALOG_CONNECTORS connectors (200); the same
 * run first measures a tenth of that, so the figures show how the cost grows.
 *
 * Where the data lives:
 * - schemas: the real Apicurio Registry 3 (real artifacts, latest content
 *   read per artifact);
 * - connectors: the real Kafka Connect worker, created in the STOPPED state
 *   (Connect lists and describes them; 200 running FileStream tasks would
 *   measure the 2-core machine, not the catalog);
 * - topics: the in-memory broker of packages/devstack, in its own process
 *   (its CLI, `--stack embedded`), so that the backend's RSS is the
 *   backend's. It speaks the Kafka protocol (Metadata, DescribeConfigs) as
 *   Apache Kafka does: 10,000 topics on one Apache Kafka broker on 2 cores
 *   take many minutes to create and most of the machine's memory.
 *
 * The catalog stores in SQLite in memory (the test backend's default). The
 * figure is the provider's own: snapshot over HTTP, mapping, and the
 * catalog's applyMutation, until it returns; the catalog's processing of the
 * new entities continues after it, as in production.
 *
 * It prints figures; it asserts nothing beyond the entity count.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogModuleEventStreaming from '@eventport/plugin-catalog-backend-module-event-streaming';
import { startStack } from '@eventport/devstack';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { eventStreamingPlugin } from '../src/plugin';
import { eventStreamingConfig } from '../src/__testUtils__/config';
import { CapturingLogger } from '../src/__testUtils__/capturingLogger';

const FULL = {
  topics: Number(process.env.BENCH_CATALOG_TOPICS ?? 10_000),
  schemas: Number(process.env.BENCH_CATALOG_SCHEMAS ?? 2_000),
  connectors: Number(process.env.BENCH_CATALOG_CONNECTORS ?? 200),
};
const TENTH = {
  topics: Math.round(FULL.topics / 10),
  schemas: Math.round(FULL.schemas / 10),
  connectors: Math.round(FULL.connectors / 10),
};

const topicName = (i: number) =>
  `team-a.bench.topic-${String(i).padStart(5, '0')}`;

async function inParallel(
  from: number,
  to: number,
  limit: number,
  fn: (i: number) => Promise<void>,
) {
  let next = from;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < to) await fn(next++);
    }),
  );
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(r => server.close(r));
  return port;
}

/** The in-memory broker in a child process; resolves with its address. */
async function startBrokerProcess() {
  const port = await freePort();
  const cli = path.resolve(__dirname, '../../../packages/devstack/src/cli.ts');
  const child = spawn(
    process.execPath,
    [
      '--require',
      'tsx/cjs',
      cli,
      '--stack',
      'embedded',
      '--no-seed',
      '--brokers',
      '1',
      '--kafka-port',
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const brokers = await new Promise<string[]>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /kafka ready: (\S+)/.exec(output);
      if (m) resolve(m[1].split(','));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', code =>
      reject(
        new Error(
          `the in-memory broker exited (${code}): ${output.slice(-2000)}`,
        ),
      ),
    );
  });
  return { brokers, stop: () => child.kill('SIGTERM') };
}

async function ok(res: Response, what: string) {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
}

async function main() {
  const started = Date.now();
  const progress = (line: string) =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);
  progress('starting the in-memory broker, Apache Kafka, Connect and Apicurio');
  const topicsKafka = await startBrokerProcess();
  const stack = await startStack({ brokers: 1, connect: true, registry: true });
  const registry = stack.registry!.url;
  const connect = stack.connect!.url;
  const logger = new CapturingLogger();

  const backend = await startTestBackend({
    features: [
      eventStreamingPlugin,
      catalogPlugin,
      catalogModuleEventStreaming,
      eventsServiceFactory,
      schedulerServiceFactory,
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => logger,
      }),
      mockServices.rootConfig.factory({
        data: (() => {
          const config = eventStreamingConfig(topicsKafka.brokers);
          Object.assign(config.eventStreaming.clusters[0], {
            schemaRegistry: { url: registry },
            connect: { url: connect },
          });
          Object.assign(config.eventStreaming, {
            monitoring: { enabled: false },
            catalog: {
              schedule: { frequency: { hours: 24 }, timeout: { minutes: 10 } },
              defaultOwner: 'group:default/platform-team',
            },
          });
          return { ...config, catalog: { rules: [{ allow: ['Component'] }] } };
        })(),
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });

  const admin = new Kafka({
    brokers: topicsKafka.brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  let have = { topics: 0, schemas: 0, connectors: 0 };

  async function grow(to: typeof FULL) {
    const t0 = Date.now();
    for (let i = have.topics; i < to.topics; i += 1000) {
      const names = Array.from(
        { length: Math.min(1000, to.topics - i) },
        (_, k) => topicName(i + k),
      );
      await admin.createTopics({
        topics: names.map(topic => ({
          topic,
          numPartitions: 1,
          replicationFactor: 1,
        })),
      });
    }
    await inParallel(have.schemas, to.schemas, 8, async i => {
      await ok(
        await fetch(`${registry}/groups/default/artifacts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            artifactId: `${topicName(i)}-value`,
            artifactType: 'AVRO',
            firstVersion: {
              content: {
                contentType: 'application/json',
                content: JSON.stringify({
                  type: 'record',
                  name: `Event${i}`,
                  fields: [{ name: 'id', type: 'string' }],
                }),
              },
            },
          }),
        }),
        `create artifact ${i}`,
      );
    });
    await inParallel(have.connectors, to.connectors, 4, async i => {
      await ok(
        await fetch(`${connect}/connectors`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `team-a.bench-sink-${i}`,
            config: {
              'connector.class':
                'org.apache.kafka.connect.file.FileStreamSinkConnector',
              'tasks.max': '1',
              file: '/dev/null',
              topics: topicName(i),
            },
            initial_state: 'STOPPED',
          }),
        }),
        `create connector ${i}`,
      );
    });
    have = { ...to };
    progress(
      `seeded ${to.topics} topics, ${to.schemas} schemas, ${
        to.connectors
      } connectors in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
  }

  /** Triggers the provider's refresh and waits for its own report. */
  async function fullMutation(expected: number) {
    const before = logger.lines.length;
    // With --expose-gc, what the process holds, not garbage not yet collected.
    (globalThis as { gc?: () => void }).gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const res = await request(backend.server)
      .post(
        `/api/catalog/.backstage/scheduler/v1/tasks/${encodeURIComponent(
          'event-streaming:dev-local:refresh',
        )}/trigger`,
      )
      .set('Authorization', mockCredentials.service.header());
    if (res.status !== 200) throw new Error(`trigger answered ${res.status}`);
    let report: RegExpExecArray | null = null;
    for (let waited = 0; !report && waited < 600_000; waited += 100) {
      await new Promise(r => setTimeout(r, 100));
      for (const line of logger.lines.slice(before)) {
        report ??= /refresh of (\d+) entities .* in (\d+) ms/.exec(line);
        if (line.includes('could not read')) throw new Error(line);
      }
    }
    clearInterval(sampler);
    if (!report) throw new Error('no refresh report within 10 minutes');
    const entities = Number(report[1]);
    if (entities !== expected) {
      throw new Error(
        `expected ${expected} entities, the provider applied ${entities}`,
      );
    }
    return {
      ms: Number(report[2]),
      entities,
      rssBefore,
      peak,
      heapBefore,
      heapAfter: process.memoryUsage().heapUsed,
    };
  }

  const results: Array<
    { label: string; size: typeof FULL } & Awaited<
      ReturnType<typeof fullMutation>
    >
  > = [];
  for (const [label, size] of [
    ['tenth', TENTH],
    ['full', FULL],
  ] as const) {
    await grow(size);
    // The first refresh ran at start-up: the one measured is a refresh of
    // a catalog that holds the previous size (replace and add).
    progress(`full mutation at ${label} size`);
    const r = await fullMutation(size.topics + size.schemas + size.connectors);
    results.push({ label, size, ...r });
  }

  await admin.disconnect();
  await backend.stop();
  await stack.stop();
  topicsKafka.stop();

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log('');
  console.log(
    'Catalog ingest: one full mutation of one cluster (provider: snapshot over HTTP + mapping + catalog applyMutation)',
  );
  console.log(
    '  topics on the in-memory broker (own process); schemas on Apicurio Registry 3; connectors on Kafka Connect (STOPPED); catalog on SQLite',
  );
  for (const r of results) {
    console.log(
      `  ${r.label.padEnd(5)} ${String(r.size.topics).padStart(
        6,
      )} topics ${String(r.size.schemas).padStart(5)} schemas ${String(
        r.size.connectors,
      ).padStart(4)} connectors = ${String(r.entities).padStart(
        6,
      )} entities: ${(r.ms / 1000).toFixed(1)} s; backend RSS ${mb(
        r.rssBefore,
      )} before, ${mb(r.peak)} peak; JS heap ${mb(r.heapBefore)} before, ${mb(
        r.heapAfter,
      )} after`,
    );
  }
  const [tenth, full] = results;
  console.log(
    `  growth: ${(full.ms / tenth.ms).toFixed(
      1,
    )}x the time for 10x the entities; target: under 30 s and under 500 MB RSS at full size (${
      full.ms < 30_000 && full.peak < 500 * 1024 * 1024 ? 'met' : 'NOT met'
    })`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
