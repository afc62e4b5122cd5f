import type { Admin } from 'kafkajs';

/**
 * Waits until the cluster's metadata shows every topic with a leader for each
 * partition, in `confirmations` answers in a row. Apache Kafka's brokers learn
 * of new topics asynchronously, and kafkajs asks a random broker, so one
 * positive answer does not mean that the next request sees the topic. (The
 * embedded broker is consistent at once.) kafkajs's own
 * `createTopics({ waitForLeaders: true })` gives up on Kafka 4 with
 * UNKNOWN_TOPIC_OR_PARTITION instead of waiting.
 */
export async function awaitTopics(
  admin: Admin,
  topics: string[],
  { timeoutMs = 30_000, confirmations = 5 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  let last = '';
  while (seen < confirmations) {
    if (Date.now() > deadline) {
      throw new Error(`topics ${topics.join(', ')} did not appear with leaders within ${timeoutMs / 1000} s (${last})`);
    }
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const ready = topics.every(name => {
        const t = found.find(f => f.name === name);
        return t && t.partitions.length > 0 && t.partitions.every(p => p.leader >= 0);
      });
      seen = ready ? seen + 1 : 0;
    } catch (e) {
      seen = 0;
      last = (e as Error).message;
    }
    await new Promise(r => setTimeout(r, 50));
  }
}
