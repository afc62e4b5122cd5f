/**
 * The real stack's launcher against the real servers: start, readiness,
 * replication across 3 brokers, Connect's plugins, Apicurio, a broker
 * restart, stop, and no JVM left when the parent is killed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { RegistryClientFactory } from '@apicurio/apicurio-registry-sdk';
import { Kafka, logLevel } from 'kafkajs';
import { awaitTopics } from '../metadata';
import { StackHandle, startStack } from '.';

jest.setTimeout(240_000);

/** Pids of live processes whose command line mentions `needle`. */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Zombies are dead already; only their parent has not reaped them.
      if (cmdline.includes(needle) && !/^\d+ \(.*\) Z/.test(stat))
        pids.push(Number(entry));
    } catch {
      // gone while we looked
    }
  }
  return pids;
}

async function waitFor<T>(
  what: string,
  fn: () => T | Promise<T>,
  ok: (v: T) => boolean,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await fn();
  while (!ok(last)) {
    if (Date.now() > deadline)
      throw new Error(
        `${what}: still ${JSON.stringify(last)} after ${ms / 1000} s`,
      );
    await new Promise(r => setTimeout(r, 250));
    last = await fn();
  }
  return last;
}

describe('the real stack (Apache Kafka, Kafka Connect, Apicurio Registry)', () => {
  let stack: StackHandle;
  let admin: ReturnType<Kafka['admin']>;

  beforeAll(async () => {
    stack = await startStack({ brokers: 3, connect: true, registry: true });
    admin = new Kafka({
      clientId: 'launcher-test',
      brokers: stack.kafka.bootstrapServers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
    await stack?.stop();
  });

  it('starts three KRaft brokers that spread leaders and replicas with replication factor 3', async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map(b => b.nodeId).sort()).toEqual([1, 2, 3]);
    expect(cluster.clusterId).toBe(stack.kafka.clusterId);
    // kafkajs's waitForLeaders gives up on Kafka 4's metadata propagation
    // (UNKNOWN_TOPIC_OR_PARTITION from a broker that has not caught up): poll.
    await admin.createTopics({
      waitForLeaders: false,
      topics: [
        { topic: 'launcher.spread', numPartitions: 6, replicationFactor: 3 },
      ],
    });
    await awaitTopics(stack.kafka.bootstrapServers, ['launcher.spread']);
    const { topics } = await admin.fetchTopicMetadata({
      topics: ['launcher.spread'],
    });
    const partitions = topics[0].partitions;
    expect(new Set(partitions.map(p => p.leader))).toEqual(new Set([1, 2, 3]));
    for (const p of partitions)
      expect([...p.replicas].sort()).toEqual([1, 2, 3]);
  });

  it('serves Kafka Connect with Debezium PostgreSQL and MySQL, FileStream and the Apicurio converter', async () => {
    const res = await fetch(
      `${stack.connect!.url}/connector-plugins?connectorsOnly=false`,
    );
    expect(res.status).toBe(200);
    const classes = ((await res.json()) as Array<{ class: string }>).map(
      p => p.class,
    );
    expect(classes).toEqual(
      expect.arrayContaining([
        'io.debezium.connector.postgresql.PostgresConnector',
        'io.debezium.connector.mysql.MySqlConnector',
        'org.apache.kafka.connect.file.FileStreamSourceConnector',
        'org.apache.kafka.connect.file.FileStreamSinkConnector',
        'io.apicurio.registry.utils.converter.AvroConverter',
      ]),
    );
    const root = (await (await fetch(`${stack.connect!.url}/`)).json()) as {
      version: string;
    };
    expect(root.version).toBe(stack.versions.kafka);
  });

  it('serves Apicurio Registry 3 with its system info', async () => {
    const res = await fetch(`${stack.registry!.url}/system/info`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      version: stack.versions.apicurio,
    });
  });

  it('registers an Avro schema with the official Apicurio SDK and reads it back', async () => {
    // The registry URL is the v3 API base.
    const client = RegistryClientFactory.createRegistryClient(stack.registry!.url);
    const schema = JSON.stringify({
      type: 'record',
      name: 'Payment',
      namespace: 'eventport.test',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'amountCents', type: 'long' },
      ],
    });
    const created = await client.groups.byGroupId('launcher').artifacts.post({
      artifactId: 'payment-value',
      artifactType: 'AVRO',
      firstVersion: { content: { content: schema, contentType: 'application/json' } },
    });
    expect(created?.version?.version).toBe('1');
    const content = await client.groups
      .byGroupId('launcher')
      .artifacts.byArtifactId('payment-value')
      .versions.byVersionExpression('branch=latest')
      .content.get();
    expect(JSON.parse(Buffer.from(content!).toString('utf8'))).toEqual(JSON.parse(schema));
  });

  it('restarts a broker, which comes back with its data', async () => {
    const producer = new Kafka({
      clientId: 'launcher-test',
      brokers: stack.kafka.bootstrapServers,
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
    await producer.send({
      topic: 'launcher.spread',
      acks: -1,
      messages: Array.from({ length: 30 }, (_, i) => ({
        key: `k${i}`,
        value: `v${i}`,
      })),
    });
    await producer.disconnect();
    const before = stack.pids();
    await stack.kafka.restartBroker(2);
    expect(stack.pids()).toHaveLength(before.length);
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map(b => b.nodeId).sort()).toEqual([1, 2, 3]);
    const offsets = await admin.fetchTopicOffsets('launcher.spread');
    expect(offsets.reduce((sum, o) => sum + Number(o.high), 0)).toBe(30);
  });

  it('refuses a busy port at once, saying which', async () => {
    const started = Date.now();
    const error = await startStack({
      brokers: 1,
      kafkaPort: stack.kafka.brokers[0].port,
    }).catch(e => e);
    expect(error.name).toBe('StackError');
    expect(error.message).toMatch(
      new RegExp(
        `port ${stack.kafka.brokers[0].port} \\(Kafka broker 1\\) is already in use`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops every JVM it started', async () => {
    const pids = stack.pids();
    expect(pids).toHaveLength(5);
    const runDir = stack.runDir;
    await stack.stop();
    expect(processesMentioning(runDir)).toEqual([]);
    expect(fs.existsSync(runDir)).toBe(false);
  });
});

describe('the launcher without its parent', () => {
  it('leaves no JVM behind when the process that started the stack is killed', async () => {
    const cli = path.resolve(__dirname, '..', 'cli.ts');
    // tsx as a loader in this very process (not tsx's CLI, which runs the
    // script in a second process): the process killed is the launcher itself.
    const tsx = require.resolve('tsx/cjs');
    const port = await new Promise<number>(resolve => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const child = spawn(
      process.execPath,
      [
        '--require',
        tsx,
        cli,
        '--stack',
        'apache',
        '--brokers',
        '1',
        '--kafka-port',
        String(port),
        '--no-connect',
        '--registry-port',
        '0',
        '--no-seed',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    await waitFor(
      'ready lines',
      () => out,
      o => /registry ready: /.test(o) || child.exitCode !== null,
      180_000,
    );
    expect(out).toMatch(/kafka ready: localhost:\d+/);
    const runDir = /logs in (\S+)/.exec(err)?.[1];
    expect(runDir).toBeTruthy();
    const jvms = processesMentioning(runDir!).length;
    expect(jvms).toBeGreaterThanOrEqual(2);

    child.kill('SIGKILL');
    const left = await waitFor(
      'JVMs of the killed launcher',
      () => processesMentioning(runDir!),
      p => p.length === 0,
      60_000,
    );
    expect(left).toEqual([]);
  });
});

describe('clear errors', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('says what to do when no Java 17+ is installed', async () => {
    process.env.EVENTPORT_JAVA_CANDIDATES = '/nonexistent/bin/java';
    const error = await startStack({ brokers: 1 }).catch(e => e);
    expect(error.name).toBe('StackError');
    expect(error.message).toMatch(
      /Apache Kafka 4 needs Java 17 or newer, and none was found/,
    );
    expect(error.message).toMatch(/EVENTPORT_JAVA_HOME|--stack embedded/);
  });

  it('says what to do when Maven cannot fetch the artifacts', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'eventport-empty-'));
    process.env.EVENTPORT_STACK_CACHE = path.join(empty, 'cache');
    // Offline, with an empty local repository: the fetch must fail.
    process.env.EVENTPORT_MVN_OPTS = `-o -Dmaven.repo.local=${path.join(
      empty,
      'm2',
    )}`;
    const started = Date.now();
    const error = await startStack({ brokers: 1 }).catch(e => e);
    expect(error.name).toBe('StackError');
    expect(error.message).toMatch(/Maven could not fetch the real stack/);
    expect(error.message).toMatch(/Full Maven log: /);
    expect(Date.now() - started).toBeLessThan(120_000);
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('says what to do when Maven is missing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'eventport-empty-'));
    process.env.EVENTPORT_STACK_CACHE = path.join(empty, 'cache');
    process.env.EVENTPORT_MVN = path.join(empty, 'no-mvn');
    const error = await startStack({ brokers: 1 }).catch(e => e);
    expect(error.message).toMatch(/Maven .* is not installed or does not run/);
    fs.rmSync(empty, { recursive: true, force: true });
  });
});
