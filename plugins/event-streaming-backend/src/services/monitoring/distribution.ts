import { PartitionDistribution } from '@eventport/plugin-event-streaming-common';
import { TopicMetadata } from '@eventport/plugin-event-streaming-node';

/**
 * Leaders and replicas per broker, leader skew and under-replicated
 * partitions, from metadata. `onlineBrokers` are the brokers the metadata
 * lists; a broker that only appears in replica lists is offline.
 */
export function partitionDistribution(
  cluster: string,
  topics: TopicMetadata[],
  onlineBrokers: number[],
  topic?: string,
): PartitionDistribution {
  const online = new Set(onlineBrokers);
  const shares = new Map<number, { leaders: number; replicas: number }>();
  const shareOf = (nodeId: number) => {
    let share = shares.get(nodeId);
    if (!share) {
      share = { leaders: 0, replicas: 0 };
      shares.set(nodeId, share);
    }
    return share;
  };
  onlineBrokers.forEach(shareOf);
  let total = 0;
  let led = 0;
  let offline = 0;
  let nonPreferred = 0;
  const underReplicated: PartitionDistribution['underReplicated'] = [];
  for (const t of topics) {
    for (const p of t.partitions) {
      total++;
      p.replicas.forEach(r => shareOf(r).replicas++);
      if (p.leader >= 0) {
        shareOf(p.leader).leaders++;
        led++;
        if (p.replicas.length > 0 && p.replicas[0] !== p.leader) {
          nonPreferred++;
        }
      } else {
        offline++;
      }
      if (p.leader < 0 || p.isr.length < p.replicas.length) {
        underReplicated.push({
          topic: t.name,
          partition: p.partition,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
        });
      }
    }
  }
  const brokers = [...shares]
    .map(([nodeId, share]) => ({
      nodeId,
      online: online.has(nodeId),
      ...share,
    }))
    .sort((a, b) => a.nodeId - b.nodeId);
  const evenShare = online.size > 0 ? led / online.size : 0;
  const mostLeaders = Math.max(0, ...brokers.map(b => b.leaders));
  const leaderSkew =
    evenShare > 0 ? Math.max(0, mostLeaders / evenShare - 1) : 0;
  return {
    cluster,
    ...(topic ? { topic } : {}),
    totalPartitions: total,
    brokers,
    leaderSkew: Math.round(leaderSkew * 1000) / 1000,
    nonPreferredLeaders: nonPreferred,
    underReplicated: underReplicated.sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition,
    ),
    offline,
  };
}
