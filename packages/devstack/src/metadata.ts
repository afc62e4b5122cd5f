import { Kafka, logLevel } from 'kafkajs';

export interface AwaitTopicsOptions {
  sasl?: { username: string; password: string };
  timeoutMs?: number;
}

/**
 * Waits until every broker's metadata shows each topic with a leader for
 * every partition. Apache Kafka's brokers learn of new topics asynchronously
 * from the metadata log, and clients ask a random broker, so one broker's
 * answer does not mean that the next request sees the topic (the embedded
 * broker is consistent at once). kafkajs's own `createTopics({ waitForLeaders:
 * true })` gives up on Kafka 4 with UNKNOWN_TOPIC_OR_PARTITION instead.
 *
 * Each broker is asked directly: a fresh client whose only seed is that
 * broker sends its first Metadata request there.
 */
export async function awaitTopics(
  bootstrapServers: string[],
  topics: string[],
  { sasl, timeoutMs = 60_000 }: AwaitTopicsOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const broker of bootstrapServers) {
    let last = '';
    for (;;) {
      if (Date.now() > deadline) {
        throw new Error(
          `broker ${broker} did not show topics ${topics.join(
            ', ',
          )} with leaders within ${timeoutMs / 1000} s (${last})`,
        );
      }
      const admin = new Kafka({
        clientId: 'eventport-await-topics',
        brokers: [broker],
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
        ...(sasl ? { sasl: { mechanism: 'plain' as const, ...sasl } } : {}),
      }).admin();
      let ready = false;
      try {
        await admin.connect();
        const { topics: found } = await admin.fetchTopicMetadata({ topics });
        ready = topics.every(name => {
          const t = found.find(f => f.name === name);
          return (
            !!t &&
            t.partitions.length > 0 &&
            t.partitions.every(p => p.leader >= 0)
          );
        });
      } catch (e) {
        last = (e as Error).message;
      } finally {
        await admin.disconnect().catch(() => {});
      }
      if (ready) break;
      await new Promise(r => setTimeout(r, 100));
    }
  }
}
