import { ApprovalExecutor, ApprovalExecutors } from '../approvals/executors';
import { CatalogChangeListener, CatalogTouch } from './CatalogChanges';

type Touches = {
  [K in keyof ApprovalExecutors]?: (
    payload: Parameters<ApprovalExecutors[K]['execute']>[0],
  ) => CatalogTouch;
};

/** What each approved operation changes in the catalog. */
const TOUCHES: Touches = {
  'topic.delete': p => ({ removedTopics: [p.topic] }),
  'schema.override': p => ({
    schemas: [{ groupId: p.groupId, artifactId: p.artifactId }],
  }),
  'connector.create': p => ({ connectors: [p.name] }),
  'connector.update': p => ({ connectors: [p.name] }),
  'connector.delete': p => ({ removedConnectors: [p.name] }),
  'cdc.deploy': p => ({
    pipelines: [p.pipelineId],
    topics: p.artefacts.tables.map(t => t.topic),
    // In GitOps mode the connector appears when the manifests are applied;
    // its change schemas when the converter first registers them. The next
    // full refresh brings those.
    connectors: [p.artefacts.connectorName],
  }),
  'cdc.change': p => ({
    pipelines: [p.pipelineId],
    topics: p.artefacts.tables.map(t => t.topic),
  }),
  'cdc.decommission': p => ({
    pipelines: [p.pipelineId],
    removedConnectors: [p.connectorName],
    removedTopics: p.deleteTopics ? p.topics : [],
  }),
};

/**
 * The executors, each announcing its change to the catalog once it has run,
 * so that an approved delete or create shows in the catalog at once.
 */
export function announcingExecutors(
  executors: ApprovalExecutors,
  changes: CatalogChangeListener,
): ApprovalExecutors {
  const wrapped: Record<string, ApprovalExecutor<any>> = {};
  for (const [kind, executor] of Object.entries(executors)) {
    const touch = (TOUCHES as Record<string, (p: any) => CatalogTouch>)[kind];
    wrapped[kind] = touch
      ? {
          ...executor,
          async execute(payload) {
            const outcome = await executor.execute(payload);
            changes.touched(payload.cluster, touch(payload));
            return outcome;
          },
        }
      : executor;
  }
  return wrapped as ApprovalExecutors;
}
