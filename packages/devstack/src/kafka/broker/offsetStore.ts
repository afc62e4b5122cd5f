/** Committed consumer-group offsets, kept independently of group membership. */
export interface CommittedOffset {
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
}

export class OffsetStore {
  private readonly byGroup = new Map<string, Map<string, Map<number, CommittedOffset>>>();

  commit(groupId: string, topic: string, partition: number, value: CommittedOffset): void {
    let topics = this.byGroup.get(groupId);
    if (!topics) {
      topics = new Map();
      this.byGroup.set(groupId, topics);
    }
    let partitions = topics.get(topic);
    if (!partitions) {
      partitions = new Map();
      topics.set(topic, partitions);
    }
    partitions.set(partition, value);
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.byGroup.get(groupId)?.get(topic)?.get(partition);
  }

  /** All committed offsets of a group, by topic. */
  topics(groupId: string): Map<string, Map<number, CommittedOffset>> {
    return this.byGroup.get(groupId) ?? new Map();
  }

  hasOffsets(groupId: string): boolean {
    return (this.byGroup.get(groupId)?.size ?? 0) > 0;
  }

  deleteGroup(groupId: string): void {
    this.byGroup.delete(groupId);
  }

  deleteTopic(topic: string): void {
    for (const topics of this.byGroup.values()) topics.delete(topic);
  }
}
