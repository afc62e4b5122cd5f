/**
 * The real stack for integration suites: Apache Kafka (one broker) with a
 * Connect worker and Apicurio Registry, shared by the suites of one test
 * process (issue 26).
 *
 *   let stack: StackHandle;
 *   beforeAll(async () => { stack = await startTestStack({ registry: true }); }, KAFKA_START_TIMEOUT_MS);
 *   afterAll(() => stack.stop());
 *
 * Starting Connect and the registry costs tens of seconds of two busy cores
 * each time; a run has a dozen such suites. So each test process keeps one
 * stack with all three servers, and leases it to one suite at a time. Before
 * each lease the stack is emptied, as a new one would be:
 * - every connector is stopped, its offsets deleted (so a connector of the
 *   same name starts afresh) and removed;
 * - every artifact and group of the registry is deleted, and its global rules;
 * - every topic but the servers' own (`_…`) and every consumer group is deleted.
 * A stack that cannot be emptied (the reset names what is left) is stopped
 * and replaced by a new one.
 *
 * `stop()` on the lease gives the stack back; the test process's exit stops
 * it. `EVENTPORT_TEST_KAFKA_REUSE=0` starts a new stack for every suite.
 */
import { handOverUse, startStack, StackHandle } from '../stack';
import { kafkaInUse } from './kafkaUse';
import { workerState } from './workerState';
import { resetCluster } from './kafka';

export interface TestStackOptions {
  /** The suite needs the Connect worker (the pooled stack always has one). */
  connect?: boolean;
  /** The suite needs Apicurio Registry (the pooled stack always has one). */
  registry?: boolean;
}

interface Pooled {
  stack: StackHandle;
  leased: boolean;
}

// One pool per test process, for every test file it runs (see workerState).
function pooled(): { entry?: Pooled } {
  return workerState('testStackPool', () => ({} as { entry?: Pooled }));
}

async function call(
  url: string,
  method: string,
  expected: number[],
): Promise<unknown> {
  let res = await fetch(url, { method });
  // Connect answers 409 while its herder catches up with a config change
  // ("stale configuration"): ask again shortly, as its docs advise.
  for (let i = 0; res.status === 409 && i < 40; i++) {
    await res.text();
    await new Promise(r => setTimeout(r, 250));
    res = await fetch(url, { method });
  }
  const text = await res.text();
  if (!expected.includes(res.status)) {
    throw new Error(
      `reset of the test stack: ${method} ${url} answered ${res.status}: ${text}`,
    );
  }
  return text ? JSON.parse(text) : undefined;
}

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`reset of the test stack: ${what} after ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

/** Stops, forgets the offsets of and deletes every connector. */
export async function resetConnect(url: string): Promise<void> {
  const names = (await call(`${url}/connectors`, 'GET', [200])) as string[];
  const at = (name: string) => `${url}/connectors/${encodeURIComponent(name)}`;
  await Promise.all(
    names.map(async name => {
      await call(`${at(name)}/stop`, 'PUT', [202, 204, 404]);
      await until(`connector ${name} did not stop`, async () => {
        const status = (await call(`${at(name)}/status`, 'GET', [200, 404])) as
          | { connector?: { state: string } }
          | undefined;
        return !status?.connector || status.connector.state === 'STOPPED';
      });
      // Source offsets outlive the connector: a later one of the same name
      // would resume from them.
      await call(`${at(name)}/offsets`, 'DELETE', [200, 404]);
      await call(at(name), 'DELETE', [204, 404]);
    }),
  );
  await until(
    'connectors are still listed',
    async () =>
      ((await call(`${url}/connectors`, 'GET', [200])) as string[]).length ===
      0,
  );
}

/** Deletes every artifact and group of Apicurio Registry 3, and its global rules. */
export async function resetRegistry(url: string): Promise<void> {
  type Found = {
    count: number;
    artifacts: Array<{ groupId?: string | null; artifactId: string }>;
  };
  const search = () =>
    call(`${url}/search/artifacts?limit=500`, 'GET', [200]) as Promise<Found>;
  // Artifact by artifact, whatever their group (the default group is not
  // listed under /groups).
  for (let found = await search(); found.count > 0; found = await search()) {
    for (const { groupId, artifactId } of found.artifacts) {
      await call(
        `${url}/groups/${encodeURIComponent(
          groupId ?? 'default',
        )}/artifacts/${encodeURIComponent(artifactId)}`,
        'DELETE',
        [204, 404],
      );
    }
    if (found.artifacts.length === 0) break;
  }
  const { groups } = (await call(`${url}/groups?limit=1000`, 'GET', [200])) as {
    groups: Array<{ groupId: string }>;
  };
  for (const { groupId } of groups) {
    // The default group cannot be deleted (405); emptied is enough.
    await call(
      `${url}/groups/${encodeURIComponent(groupId)}`,
      'DELETE',
      [204, 404, 405],
    );
  }
  await call(`${url}/admin/rules`, 'DELETE', [204]);
  const left = await search();
  if (left.count > 0) {
    throw new Error(
      `reset of the test stack: the registry still holds ${
        left.count
      } artifact(s): ${left.artifacts.map(a => a.artifactId).join(', ')}`,
    );
  }
}

async function reset(stack: StackHandle): Promise<void> {
  if (stack.connect) await resetConnect(stack.connect.url);
  if (stack.registry) await resetRegistry(stack.registry.url);
  await resetCluster(stack.kafka.bootstrapServers);
}

/**
 * An empty real stack (one broker, Connect and Apicurio Registry) for one
 * suite; `stop()` gives it back.
 */
export async function startTestStack(
  _options: TestStackOptions = {},
): Promise<StackHandle> {
  const reuse = process.env.EVENTPORT_TEST_KAFKA_REUSE !== '0';
  const pool = pooled();
  let entry =
    reuse && pool.entry && !pool.entry.leased ? pool.entry : undefined;
  if (entry) {
    try {
      await reset(entry.stack);
    } catch (error) {
      // A stack that cannot be emptied is replaced, not handed on.
      process.stderr.write(
        `${(error as Error).message}; starting a new test stack instead\n`,
      );
      pool.entry = undefined;
      await entry.stack.stop();
      entry = undefined;
    }
  }
  if (!entry) {
    const stack = await startStack({
      brokers: 1,
      connect: true,
      registry: true,
    });
    // In use while leased, not while pooled (see kafkaUse).
    handOverUse(stack);
    entry = { stack, leased: false };
    if (reuse && !pool.entry) {
      pool.entry = entry;
      // Kept until the test process exits, which must not wait for it.
      stack.unref();
    }
  }
  entry.leased = true;
  const leased = entry;
  const isPooled = pool.entry === leased;
  const endUse = kafkaInUse('apache');
  return {
    ...leased.stack,
    async stop() {
      endUse();
      leased.leased = false;
      if (!isPooled) await leased.stack.stop();
    },
  };
}
