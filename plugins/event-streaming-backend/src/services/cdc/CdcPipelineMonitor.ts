/**
 * What a pipeline does right now: connector and task state from Connect,
 * end offsets and throughput of its change topics, the groups reading them
 * with their lag, and the PostgreSQL replication slot's lag in bytes. Each
 * part that cannot be read is named in `problems`; the rest still answers.
 */
import {
  CdcPipeline,
  CdcPipelineLive,
  cdcSlotName,
} from '@eventport/plugin-event-streaming-common';
import { ClusterRegistry } from '../ClusterRegistry';
import { MonitoringService } from '../monitoring/MonitoringService';
import { TopicMetricsService } from '../monitoring/TopicMetricsService';
import { CdcSources } from './CdcSourceInspector';

const why = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
const isNotFound = (error: unknown) =>
  (error as Error)?.name === 'NotFoundError';

export class CdcPipelineMonitor {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly sources: CdcSources,
    private readonly metrics: TopicMetricsService,
    private readonly monitoring: MonitoringService,
    /** Retained WAL past which the page warns (the slot guard's size). */
    private readonly retainedWarningBytes: number,
  ) {}

  private async connector(pipeline: CdcPipeline, problems: string[]) {
    const name = pipeline.artefacts.connectorName;
    try {
      const status = await this.clusters
        .connect(pipeline.cluster)
        .getStatus(name);
      return {
        name,
        state: status.connector.state,
        ...(status.connector.trace ? { trace: status.connector.trace } : {}),
        tasks: status.tasks.map(t => ({
          id: t.id,
          state: t.state,
          ...(t.trace ? { trace: t.trace } : {}),
        })),
      };
    } catch (error) {
      if (!isNotFound(error)) problems.push(`Kafka Connect: ${why(error)}`);
      return null;
    }
  }

  private async topic(
    pipeline: CdcPipeline,
    topic: string,
    problems: string[],
  ) {
    const admin = this.clusters.admin(pipeline.cluster);
    let offsets;
    try {
      offsets = await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (isNotFound(error)) {
        return {
          topic,
          exists: false,
          endOffset: null,
          messagesPerSecond: null,
          consumers: [],
        };
      }
      problems.push(`Kafka, topic ${topic}: ${why(error)}`);
      return {
        topic,
        exists: true,
        endOffset: null,
        messagesPerSecond: null,
        consumers: [],
      };
    }
    const endOffset = offsets.reduce((sum, p) => sum + Number(p.latest), 0);
    const [throughput, readers] = await Promise.all([
      this.metrics.topicThroughput(pipeline.cluster, topic, 15).catch(error => {
        problems.push(`Throughput of ${topic}: ${why(error)}`);
        return undefined;
      }),
      this.monitoring.topicConsumers(pipeline.cluster, topic).catch(error => {
        problems.push(`Readers of ${topic}: ${why(error)}`);
        return undefined;
      }),
    ]);
    return {
      topic,
      exists: true,
      endOffset,
      messagesPerSecond: throughput?.current ?? null,
      consumers: (readers?.items ?? []).map(r => ({
        groupId: r.groupId,
        lag: r.lag,
        maxTimeLagMs: r.maxTimeLagMs,
        status: r.status,
      })),
    };
  }

  private async slot(pipeline: CdcPipeline, problems: string[]) {
    if (pipeline.sourceType !== 'postgres') return null;
    try {
      const slot = await this.sources
        .inspector(pipeline.sourceId)
        .replicationSlot(cdcSlotName(pipeline.name));
      return slot
        ? { ...slot, retainedWarningBytes: this.retainedWarningBytes }
        : null;
    } catch (error) {
      problems.push(`Source database: ${why(error)}`);
      return null;
    }
  }

  async live(pipeline: CdcPipeline): Promise<CdcPipelineLive> {
    const problems: string[] = [];
    const [connector, topics, slot] = await Promise.all([
      this.connector(pipeline, problems),
      Promise.all(
        pipeline.artefacts.tables.map(t =>
          this.topic(pipeline, t.topic, problems),
        ),
      ),
      this.slot(pipeline, problems),
    ]);
    return { connector, topics, slot, problems };
  }
}
