/**
 * Interop runner: the same client-level checks with independent clients
 * (kcat, kafka-python, confluent-kafka / librdkafka) against both kinds of
 * Kafka: the embedded in-memory broker and Apache Kafka from the real stack.
 * The embedded broker is thereby checked against the real one. Prints one
 * line per check, prefixed with the kind, and `interop: N passed, N failed`.
 *
 *   tsx interop/run.ts [apache,embedded]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { awaitTopics } from '../src/metadata';
import {
  KafkaKind,
  startTestKafka,
  TestKafka,
  testKafkaKinds,
} from '../src/testing/kafka';

const PYTHON = '/usr/bin/python3';
let passed = 0;
let failed = 0;
let currentKind: KafkaKind = 'embedded';

function report(ok: boolean, name: string, detail = ''): void {
  if (ok) passed++;
  else failed++;
  process.stdout.write(
    `${ok ? 'ok  ' : 'FAIL'} [${currentKind}] ${name}${
      detail ? `: ${detail}` : ''
    }\n`,
  );
}

function adminOf(kafka: TestKafka) {
  return new Kafka({
    clientId: 'interop-setup',
    brokers: kafka.bootstrapServers,
    logLevel: logLevel.NOTHING,
  }).admin();
}

function run(cmd: string, args: string[], input?: string, timeoutMs = 60000) {
  return new Promise<{ code: number; stdout: string; stderr: string }>(
    resolve => {
      const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => (stdout += d));
      child.stderr.on('data', d => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', e => {
        clearTimeout(timer);
        resolve({ code: -1, stdout, stderr: String(e) });
      });
      child.on('close', code => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr });
      });
      child.stdin.end(input ?? '');
    },
  );
}

async function check(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    report(true, name);
  } catch (e) {
    report(false, name, (e as Error).message.split('\n')[0]);
  }
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

async function kcatChecks(kafka: TestKafka) {
  const bs = kafka.bootstrapServers.join(',');
  const topic = 'interop.kcat';
  const admin = adminOf(kafka);
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 2, replicationFactor: 2 }],
  });
  await awaitTopics(kafka.bootstrapServers, [topic]);
  await check('kcat metadata (-L -J)', async () => {
    const r = await run('kcat', ['-b', bs, '-L', '-J']);
    assert(r.code === 0, r.stderr);
    const md = JSON.parse(r.stdout);
    assert(md.brokers.length === 3, `brokers: ${md.brokers.length}`);
    // The embedded broker names node 1; KRaft brokers name any live broker (there is no ZooKeeper controller).
    assert(
      [1, 2, 3].includes(md.controllerid),
      `controller ${md.controllerid}`,
    );
    assert(
      md.topics.some((t: { topic: string }) => t.topic === topic),
      'topic missing',
    );
  });
  for (const codec of ['lz4', 'gzip']) {
    await check(`kcat produce ${codec}`, async () => {
      const lines = [0, 1, 2]
        .map(i => `${codec}-${i}:{"codec":"${codec}","i":${i}}`)
        .join('\n');
      const r = await run(
        'kcat',
        [
          '-b',
          bs,
          '-t',
          topic,
          '-p',
          '0',
          '-P',
          '-K:',
          '-z',
          codec,
          '-X',
          'message.timeout.ms=10000',
        ],
        `${lines}\n`,
      );
      assert(r.code === 0, r.stderr);
    });
  }
  await check('kcat consume', async () => {
    const r = await run('kcat', [
      '-b',
      bs,
      '-t',
      topic,
      '-p',
      '0',
      '-C',
      '-e',
      '-o',
      'beginning',
      '-f',
      '%o %k %s\n',
    ]);
    assert(r.code === 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert(lines.length === 6, `got ${lines.length} records: ${r.stdout}`);
    assert(
      lines[0].startsWith('0 lz4-0 ') && lines[5].startsWith('5 gzip-2 '),
      r.stdout,
    );
  });
  await check('kcat consumer group (-G)', async () => {
    const r = await run(
      'kcat',
      [
        '-b',
        bs,
        '-G',
        'interop.kcat-group',
        '-o',
        'beginning',
        '-e',
        '-f',
        '%k\n',
        '-X',
        'auto.commit.interval.ms=100',
        topic,
      ],
      undefined,
      60000,
    );
    assert(r.code === 0, r.stderr);
    assert(r.stdout.trim().split('\n').length === 6, `got: ${r.stdout}`);
    const [committed] = await admin.fetchOffsets({
      groupId: 'interop.kcat-group',
      topics: [topic],
    });
    const p0 = committed.partitions.find(p => p.partition === 0);
    assert(p0?.offset === '6', `committed ${p0?.offset}`);
  });
  await check('kcat offsets by timestamp (-Q)', async () => {
    const later = Date.now() + 3_600_000;
    const r = await run('kcat', [
      '-b',
      bs,
      '-Q',
      '-t',
      `${topic}:0:0`,
      '-t',
      `${topic}:1:${later}`,
    ]);
    assert(r.code === 0, r.stderr);
    assert(/\[0\] offset 0\b/.test(r.stdout), r.stdout);
    assert(/\[1\] offset -1\b/.test(r.stdout), r.stdout);
  });
  await admin.disconnect();
}

async function python(script: string, bs: string) {
  const r = await run(
    PYTHON,
    [path.join(__dirname, script), bs, currentKind],
    undefined,
    180000,
  );
  const lines = r.stdout
    .split('\n')
    .filter(l => l.startsWith('ok ') || l.startsWith('FAIL '));
  for (const line of lines) {
    if (line.startsWith('ok ')) report(true, line.slice(3));
    else report(false, line.slice(5));
  }
  if (r.code !== 0 || lines.length === 0) {
    report(
      false,
      `${script} exited with ${r.code}`,
      r.stderr.trim().split('\n').slice(-1)[0] ?? '',
    );
  }
}

async function saslChecks() {
  const broker = await startTestKafka(currentKind, {
    brokers: 1,
    sasl: { username: 'interop', password: 'pw' },
  });
  const bs = broker.bootstrapServers.join(',');
  const args = (pw: string) => [
    '-b',
    bs,
    '-L',
    '-J',
    '-X',
    'security.protocol=SASL_PLAINTEXT',
    '-X',
    'sasl.mechanisms=PLAIN',
    '-X',
    'sasl.username=interop',
    '-X',
    `sasl.password=${pw}`,
    '-m',
    '5',
  ];
  await check('kcat SASL/PLAIN success', async () => {
    const r = await run('kcat', args('pw'));
    assert(r.code === 0 && JSON.parse(r.stdout).brokers.length === 1, r.stderr);
  });
  await check('kcat SASL/PLAIN wrong password fails', async () => {
    const r = await run('kcat', args('wrong'), undefined, 20000);
    assert(r.code !== 0, 'metadata unexpectedly succeeded');
    assert(/Authentication failed|SASL/i.test(r.stderr), r.stderr);
  });
  await broker.close();
}

async function main() {
  const kinds = process.argv[2]
    ? (process.argv[2].split(',') as KafkaKind[])
    : testKafkaKinds();
  for (const kind of kinds) {
    currentKind = kind;
    let broker: TestKafka;
    try {
      broker = await startTestKafka(kind, { brokers: 3 });
    } catch (e) {
      report(false, `start ${kind} Kafka`, (e as Error).message);
      continue;
    }
    const bs = broker.bootstrapServers.join(',');
    process.stdout.write(`[${kind}] ${broker.label}: ${bs}\n`);
    try {
      await kcatChecks(broker);
      await python('kafka_python_checks.py', bs);
      await python('confluent_checks.py', bs);
      await saslChecks();
    } finally {
      await broker.close();
    }
  }
  process.stdout.write(`interop: ${passed} passed, ${failed} failed\n`);
  process.exit(failed ? 1 : 0);
}

main().catch(e => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.stdout.write(`interop: ${passed} passed, ${failed + 1} failed\n`);
  process.exit(1);
});
