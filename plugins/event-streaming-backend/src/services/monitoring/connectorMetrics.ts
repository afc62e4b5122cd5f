import {
  ConnectorMetrics,
  fillLinks,
} from '@eventport/plugin-event-streaming-common';
import { ConnectStatus } from '@eventport/plugin-event-streaming-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { ConnectorSample, SampleStore } from './SampleStore';

/**
 * Task transitions between consecutive samples and the live status: a task
 * that left RUNNING and came back counts as a restart, one that turned
 * FAILED as a failure.
 */
export function taskTransitions(
  samples: ConnectorSample[],
  live: ConnectStatus,
  now: number,
) {
  const series = [
    ...samples,
    {
      at: now,
      state: live.connector.state,
      tasks: live.tasks.map(t => [t.id, t.state] as [number, string]),
    },
  ];
  const transitions: ConnectorMetrics['transitions'] = [];
  let restarts = 0;
  let failures = 0;
  const last = new Map<number, string>();
  const leftRunning = new Set<number>();
  series.forEach((sample, i) => {
    for (const [taskId, state] of sample.tasks) {
      const before = last.get(taskId);
      last.set(taskId, state);
      if (i === 0 || before === state) continue;
      transitions.push({
        taskId,
        at: new Date(sample.at).toISOString(),
        from: before ?? null,
        to: state,
      });
      if (state === 'FAILED') failures++;
      if (before === 'RUNNING') leftRunning.add(taskId);
      const cameBack = leftRunning.delete(taskId) || before === 'FAILED';
      if (state === 'RUNNING' && cameBack) restarts++;
    }
  });
  return { transitions, restarts, failures };
}

/** Task state counts now, and what changed over the window. */
export async function connectorMetrics(
  clusters: ClusterRegistry,
  store: SampleStore,
  cluster: string,
  name: string,
  windowMs: number,
): Promise<ConnectorMetrics> {
  const live = await clusters.connect(cluster).getStatus(name);
  const now = Date.now();
  const samples = await store.connectorSamples(cluster, name, now - windowMs);
  const taskStates: Record<string, number> = {};
  for (const task of live.tasks) {
    taskStates[task.state] = (taskStates[task.state] ?? 0) + 1;
  }
  const { transitions, restarts, failures } = taskTransitions(
    samples,
    live,
    now,
  );
  return {
    connector: name,
    windowMs,
    taskStates,
    transitions,
    restartsInWindow: restarts,
    failuresInWindow: failures,
    links: fillLinks(clusters.get(cluster).links, {
      kind: 'connector',
      cluster,
      connector: name,
    }),
  };
}
