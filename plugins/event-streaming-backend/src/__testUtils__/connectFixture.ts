import fs from 'node:fs';
import path from 'node:path';
import { startTestStack, StackHandle } from '@eventport/devstack';
import { CONNECT_FILES } from './config';
import { connectApi } from './connect';
import { startBackend, TEST_DATABASE_IDS, testDatabases } from './harness';

export const CONNECTORS = '/clusters/dev-local/connectors';
export const SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
export const SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';

export const sourceConfig = (file: string, topic: string) => ({
  'connector.class': SOURCE,
  'tasks.max': '1',
  file,
  topic,
});

export const sinkConfig = (file: string, topics: string) => ({
  'connector.class': SINK,
  'tasks.max': '1',
  file,
  topics,
});

/**
 * Per-suite fixture: the real stack with a 1-broker Kafka and a Connect
 * worker, the backend on a fresh database pointed at it, Connect's own API
 * for setting up and checking, and a folder for FileStream files (with
 * `in.txt` holding two lines).
 */
export function useConnectFixture() {
  const databases = testDatabases();
  const stops: (() => Promise<void>)[] = [];
  const fixture = {} as {
    stack: StackHandle;
    api: Awaited<ReturnType<typeof startBackend>>['api'];
    connect: ReturnType<typeof connectApi>;
    dir: string;
    /** Another backend on the same stack, stopped with the suite. */
    backend(
      options?: Partial<Parameters<typeof startBackend>[0]>,
    ): Promise<Awaited<ReturnType<typeof startBackend>>['api']>;
  };
  fixture.backend = async options => {
    const started = await startBackend({
      knex: await databases.init(TEST_DATABASE_IDS[0]),
      kafka: fixture.stack.kafka,
      ...options,
    });
    stops.push(() => started.backend.stop());
    return started.api;
  };
  beforeAll(async () => {
    fixture.stack = await startTestStack({ connect: true });
    fixture.connect = connectApi(fixture.stack.connect!.url);
    // Inside team-a's granted folder (eventStreaming.connect.fileDirectories).
    fixture.dir = fs.mkdtempSync(path.join(CONNECT_FILES.teamA, 'test-'));
    fs.writeFileSync(path.join(fixture.dir, 'in.txt'), 'one\ntwo\n');
    fixture.api = await fixture.backend({
      connectUrl: fixture.stack.connect!.url,
    });
  }, 600_000);
  afterAll(async () => {
    for (const stop of stops) await stop();
    await fixture.stack?.stop();
    if (fixture.dir) fs.rmSync(fixture.dir, { recursive: true, force: true });
  }, 120_000);
  return fixture;
}
