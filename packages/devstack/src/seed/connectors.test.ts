/**
 * The demo connectors and the worker's config providers, against the real
 * Kafka Connect worker of the real stack (no mocks): the seed's source and
 * sink run, the failed one fails for its real reason and runs after the fix
 * and a task restart, and `${file:...}`, `${dir:...}` and `${env:...}`
 * references resolve on the worker while Connect keeps returning them as
 * references.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { awaitTopics } from '../metadata';
import { StackHandle, startStack } from '../stack';
import {
  ConnectorSeedHandle,
  fixSeedFailure,
  resetSeedFailure,
  SEED_CONNECTORS,
  seedConnectorFiles,
  seedConnectors,
} from './connectors';
import { SeedHandle, startSeedTraffic } from './traffic';

jest.setTimeout(180_000);

interface TaskStatus {
  id: number;
  state: string;
  trace?: string;
}
interface ConnectorStatus {
  name: string;
  connector: { state: string; trace?: string };
  tasks: TaskStatus[];
  type: string;
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  ms = 120_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: still ${JSON.stringify(last)}${
          lastError ? ` (${lastError})` : ''
        } after ${ms / 1000} s`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

describe('demo connectors on the real Kafka Connect worker', () => {
  let stack: StackHandle;
  let traffic: SeedHandle;
  let connectorSeed: ConnectorSeedHandle;
  let kafka: Kafka;
  let url: string;

  const get = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${url}${p}`, {
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const send = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok)
      throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return res.status;
  };
  const status = (name: string) =>
    get<ConnectorStatus>(`/connectors/${encodeURIComponent(name)}/status`);
  const isRunning = (s: ConnectorStatus) =>
    s.connector.state === 'RUNNING' &&
    s.tasks.length > 0 &&
    s.tasks.every(t => t.state === 'RUNNING');

  /** Values of the first `count` records of `topic`, read from the beginning. */
  async function readTopic(topic: string, count: number): Promise<string[]> {
    const consumer = kafka.consumer({
      groupId: `connectors-test-${topic}-${Date.now()}`,
    });
    const values: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value?.toString() ?? '');
        },
      });
      await waitFor(
        `${count} records in ${topic}`,
        async () => values.length,
        n => n >= count,
        90_000,
      );
    } finally {
      await consumer.disconnect();
    }
    return values;
  }

  beforeAll(async () => {
    // The worker inherits this process's environment: for ${env:...}.
    process.env.EVENTPORT_CONNECT_TEST_TOPIC = 'team-b.env-lines';
    // Outside the env provider's allowlist: never resolved.
    process.env.NOT_ALLOWED_TOPIC = 'team-a.secret-lines';
    stack = await startStack({ brokers: 1, connect: true });
    url = stack.connect!.url;
    kafka = new Kafka({
      clientId: 'connectors-test',
      brokers: stack.kafka.bootstrapServers,
      logLevel: logLevel.NOTHING,
    });
    // What `npm run devstack` does: topics and traffic, then the connectors.
    traffic = await startSeedTraffic({
      bootstrapServers: stack.kafka.bootstrapServers,
      rate: 8,
    });
    connectorSeed = await seedConnectors({
      connect: stack.connect!,
      lineIntervalMs: 500,
    });
  }, 300_000);

  afterAll(async () => {
    delete process.env.EVENTPORT_CONNECT_TEST_TOPIC;
    delete process.env.NOT_ALLOWED_TOPIC;
    await connectorSeed?.stop();
    await traffic?.stop();
    await stack?.stop();
  });

  it('creates the three demo connectors, with their types and classes', async () => {
    expect(connectorSeed.created).toBe(3);
    const all = await get<
      Record<string, { info: { type: string; config: Record<string, string> } }>
    >('/connectors?expand=info');
    for (const c of Object.values(SEED_CONNECTORS)) {
      expect(all[c.name]?.info.type).toBe(c.type);
      expect(all[c.name].info.config['connector.class']).toBe(c.class);
    }
    // Names are under the owning team's namespace.
    expect(SEED_CONNECTORS.source.name.startsWith('team-a.')).toBe(true);
    expect(SEED_CONNECTORS.sink.name.startsWith('team-b.')).toBe(true);
    expect(SEED_CONNECTORS.failed.name.startsWith('team-a.')).toBe(true);
    expect(SEED_CONNECTORS.source.topic.startsWith('team-a.')).toBe(true);
    expect(SEED_CONNECTORS.sink.topic.startsWith('team-b.')).toBe(true);
  });

  it('runs the FileStream source, which writes the seed file into its team-a. topic and keeps up with appends', async () => {
    const { source } = SEED_CONNECTORS;
    await waitFor(
      `${source.name} running`,
      () => status(source.name),
      isRunning,
    );
    // 20 lines are written before the connector starts; more are appended.
    const orders = seedConnectorFiles(connectorSeed.dataDir).orders;
    const before = await waitFor(
      `lines appended to ${orders}`,
      async () =>
        fs.readFileSync(orders, 'utf8').split('\n').filter(Boolean).length,
      n => n > 20,
      30_000,
    );
    const values = await readTopic(source.topic, before);
    const events = values.map(v => JSON.parse(v));
    expect(events.map(e => e.orderId)).toContain('ord-1');
    expect(events[0]).toEqual(
      expect.objectContaining({ status: expect.any(String) }),
    );
    const topics = await get<Record<string, { topics: string[] }>>(
      `/connectors/${encodeURIComponent(source.name)}/topics`,
    );
    expect(topics[source.name].topics).toEqual([source.topic]);
  });

  it('runs the FileStream sink as the group connect-<name>, behind the demo traffic', async () => {
    const { sink } = SEED_CONNECTORS;
    expect(sink.group).toBe(`connect-${sink.name}`);
    await waitFor(`${sink.name} running`, () => status(sink.name), isRunning);
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        `group ${sink.group} listed`,
        async () => (await admin.listGroups()).groups.map(g => g.groupId),
        groups => groups.includes(sink.group),
      );
      // It commits offsets, and is behind the end of the topic (lag).
      await waitFor(
        `${sink.group} committed offsets with lag`,
        async () => {
          const [committed, ends] = await Promise.all([
            admin.fetchOffsets({ groupId: sink.group, topics: [sink.topic] }),
            admin.fetchTopicOffsets(sink.topic),
          ]);
          const parts = committed[0].partitions;
          const done = parts.reduce(
            (n, p) => n + Math.max(0, Number(p.offset)),
            0,
          );
          const end = ends.reduce((n, p) => n + Number(p.high), 0);
          return { done, lag: end - done };
        },
        ({ done, lag }) => done > 0 && lag > 0,
      );
    } finally {
      await admin.disconnect();
    }
    const out = seedConnectorFiles(connectorSeed.dataDir).shipments;
    await waitFor(
      `${out} written`,
      async () => (fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : ''),
      text => text.includes('shipmentId'),
    );
  });

  it('has a team-a. connector whose task FAILED with the real trace, and runs after the cause is fixed and the task restarted', async () => {
    const { failed } = SEED_CONNECTORS;
    const files = seedConnectorFiles(connectorSeed.dataDir);
    const broken = await waitFor(
      `${failed.name} task failed`,
      () => status(failed.name),
      s => s.tasks[0]?.state === 'FAILED',
    );
    const trace = broken.tasks[0].trace ?? '';
    const firstLine = trace.split('\n')[0];
    expect(firstLine).toBe(
      `org.apache.kafka.connect.errors.ConnectException: ${failed.cause} '${files.archive}' for FileStreamSinkTask`,
    );
    // The worker's own stack trace, down to the missing folder.
    expect(trace).toContain(
      'at org.apache.kafka.connect.file.FileStreamSinkTask.start',
    );
    expect(trace).toContain(
      `Caused by: java.nio.file.NoSuchFileException: ${files.archive}`,
    );
    expect(fs.existsSync(files.archiveDir)).toBe(false);

    // A restart without the fix fails again.
    expect(
      await send(
        'POST',
        `/connectors/${encodeURIComponent(failed.name)}/tasks/0/restart`,
      ),
    ).toBe(204);
    await new Promise(r => setTimeout(r, 3000));
    await waitFor(
      `${failed.name} task failed again`,
      () => status(failed.name),
      s => s.tasks[0]?.state === 'FAILED',
    );

    expect(await fixSeedFailure(url)).toBe(files.archiveDir);
    expect(
      await send(
        'POST',
        `/connectors/${encodeURIComponent(failed.name)}/tasks/0/restart`,
      ),
    ).toBe(204);
    const fixed = await waitFor(
      `${failed.name} running after the fix`,
      () => status(failed.name),
      isRunning,
    );
    expect(fixed.tasks[0].trace).toBeUndefined();
    await waitFor(
      `${files.archive} written`,
      async () =>
        fs.existsSync(files.archive)
          ? fs.readFileSync(files.archive, 'utf8')
          : '',
      text => text.includes('paymentId'),
    );

    // And it can be broken again, for a test that runs twice.
    expect(await resetSeedFailure(url)).toBe(files.archiveDir);
    await waitFor(
      `${failed.name} failed after the reset`,
      () => status(failed.name),
      s => s.tasks[0]?.state === 'FAILED',
    );
  });

  it('resolves ${file:...}, ${dir:...} and ${env:...} references on the worker and returns them unresolved', async () => {
    const { secretsFile, secretsDir } = stack.connect!;
    expect(path.dirname(secretsFile)).toBe(path.join(stack.runDir, 'connect'));
    // The demo values are there, for connectors that need a password.
    expect(fs.readFileSync(secretsFile, 'utf8')).toMatch(/^pg\.password=\S+$/m);
    expect(fs.existsSync(path.join(secretsDir, 'pg.password'))).toBe(true);

    // Keys added while the worker runs are read on each resolution.
    fs.appendFileSync(secretsFile, 'test.topic=team-a.secret-lines\n');
    const input = path.join(path.dirname(secretsFile), 'secret-input.txt');
    fs.writeFileSync(input, 'one\ntwo\nthree\n');
    fs.writeFileSync(path.join(secretsDir, 'test.input'), input);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: false,
      topics: [{ topic: 'team-a.secret-lines' }, { topic: 'team-b.env-lines' }],
    });
    await admin.disconnect();
    await awaitTopics(stack.kafka.bootstrapServers, [
      'team-a.secret-lines',
      'team-b.env-lines',
    ]);

    const strings = {
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    };
    const fileRef = `\${file:${secretsFile}:test.topic}`;
    const dirRef = `\${dir:${secretsDir}:test.input}`;
    const envRef = '${env:EVENTPORT_CONNECT_TEST_TOPIC}';
    await send('PUT', '/connectors/team-a.secret-source/config', {
      'connector.class': SEED_CONNECTORS.source.class,
      topic: fileRef,
      file: dirRef,
      ...strings,
    });
    await send('PUT', '/connectors/team-b.env-source/config', {
      'connector.class': SEED_CONNECTORS.source.class,
      topic: envRef,
      file: input,
      ...strings,
    });

    // The running tasks got the values: the lines of the file named in the
    // secrets folder arrive in the topics named in the secrets file and the
    // worker's environment.
    expect(await readTopic('team-a.secret-lines', 3)).toEqual([
      'one',
      'two',
      'three',
    ]);
    expect(await readTopic('team-b.env-lines', 3)).toEqual([
      'one',
      'two',
      'three',
    ]);
    const topics = await get<Record<string, { topics: string[] }>>(
      '/connectors/team-a.secret-source/topics',
    );
    expect(topics['team-a.secret-source'].topics).toEqual([
      'team-a.secret-lines',
    ]);

    // Connect stores and returns the references, in the config and in the
    // task configs, never the values.
    const config = await get<Record<string, string>>(
      '/connectors/team-a.secret-source/config',
    );
    expect(config.topic).toBe(fileRef);
    expect(config.file).toBe(dirRef);
    const tasks = JSON.stringify(
      await get<unknown>('/connectors/team-a.secret-source/tasks'),
    );
    expect(tasks).toContain(fileRef);
    expect(tasks).not.toContain('secret-input.txt');
    expect(tasks).not.toContain('team-a.secret-lines');
    expect(
      (
        await get<Record<string, string>>(
          '/connectors/team-b.env-source/config',
        )
      ).topic,
    ).toBe(envRef);
  });

  it('resolves no file outside the worker folder and no variable outside EVENTPORT_CONNECT_*', async () => {
    // Values that would be valid topics, were they resolved.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'connectors-test-'));
    const outsideFile = path.join(outside, 'secrets.properties');
    fs.writeFileSync(outsideFile, 'topic=team-a.secret-lines\n');
    const input = path.join(
      path.dirname(stack.connect!.secretsFile),
      'refused-input.txt',
    );
    fs.writeFileSync(input, 'x\n');
    try {
      for (const [name, ref] of [
        ['team-a.outside-file-source', `\${file:${outsideFile}:topic}`],
        ['team-a.outside-env-source', '${env:NOT_ALLOWED_TOPIC}'],
      ]) {
        await send('PUT', `/connectors/${name}/config`, {
          'connector.class': SEED_CONNECTORS.source.class,
          topic: ref,
          file: input,
          'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
          'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        });
        // The reference reaches the task as it is: not a valid topic name.
        const failed = await waitFor(
          `${name} task failed`,
          () => status(name),
          s => s.tasks[0]?.state === 'FAILED',
        );
        expect(failed.tasks[0].trace).toContain(
          `InvalidTopicException: Invalid topics: [${ref}]`,
        );
      }
      expect(fs.readFileSync(stack.logs.connect, 'utf8')).toContain(
        `The path ${outsideFile} is not allowed to be accessed`,
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
