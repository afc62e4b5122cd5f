import { KafkaBrokers } from '../clients/kafkajsBrokers';

/** Retries what a new cluster refuses while __consumer_offsets loads (coordinator not available, not the coordinator). */
export async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt > 60)
        throw error;
      await new Promise(r => setTimeout(r, 500));
    }
  }
}

/**
 * Commits offsets for a group with one plain OffsetCommit request
 * (generation -1, no member), as a simple consumer does: much faster than
 * kafkajs's `admin.setOffsets`, which runs a consumer per call (see
 * brokerAdmin's commit).
 */
export async function commitOffsets(
  brokers: KafkaBrokers,
  groupId: string,
  topics: Array<{
    topic: string;
    partitions: Array<{ partition: number; offset: string }>;
  }>,
) {
  await retrying(async () => {
    const { coordinator } = await brokers.anyBroker(b =>
      b.findGroupCoordinator({ groupId, coordinatorType: 0 }),
    );
    await brokers.broker(coordinator.nodeId, b =>
      (b as any).offsetCommit({
        groupId,
        groupGenerationId: -1,
        memberId: '',
        retentionTime: -1,
        topics,
      }),
    );
  });
}
