import {
  fillLinks,
  PartitionDistribution,
  TopicThroughput,
} from '@eventport/plugin-event-streaming-common';
import { ClusterRegistry } from '../ClusterRegistry';
import { partitionDistribution } from './distribution';
import { SampleStore } from './SampleStore';
import { partitionRates, throughputPoints } from './throughput';

/** Throughput from the end-offset samples, and partition distribution from metadata. */
export class TopicMetricsService {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly store: SampleStore,
  ) {}

  async topicThroughput(
    cluster: string,
    topic: string,
    minutes: number,
  ): Promise<TopicThroughput> {
    const metadata = await this.clusters.admin(cluster).describeTopic(topic);
    const samples = await this.store.topicSamples(
      cluster,
      topic,
      Date.now() - minutes * 60_000,
    );
    const points = throughputPoints(samples);
    return {
      topic,
      points: points.map(p => ({
        at: new Date(p.at).toISOString(),
        messagesPerSecond: p.messagesPerSecond,
      })),
      current: points.length
        ? points[points.length - 1].messagesPerSecond
        : null,
      partitions: partitionRates(samples, metadata.partitions.length),
      links: fillLinks(this.clusters.get(cluster).links, {
        kind: 'topic',
        cluster,
        topic,
      }),
    };
  }

  /** Leaders and replicas per broker, for the cluster or one topic. */
  async distribution(
    cluster: string,
    topic?: string,
  ): Promise<PartitionDistribution> {
    const admin = this.clusters.admin(cluster);
    const [description, topics] = await Promise.all([
      admin.describeCluster(),
      topic ? admin.describeTopic(topic).then(t => [t]) : admin.listTopics(),
    ]);
    return partitionDistribution(
      cluster,
      topics,
      description.brokers.map(b => b.nodeId),
      topic,
    );
  }
}
