/**
 * The evidence beside a request: why a person decides it, what would make
 * it self-service, and the facts about the resource read from Kafka, the
 * sampler, Kafka Connect, the registry and the catalog. Each part that
 * cannot be read says why; the others still answer.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApprovalEvidence,
  ApprovalKind,
  ApprovalPayload,
  EvidenceSection,
  topicEntityRef,
  TopicDeletePayload,
} from '@eventport/plugin-event-streaming-common';
import { CatalogSnapshotService } from '../catalog/CatalogSnapshotService';
import { ClusterRegistry } from '../ClusterRegistry';
import { MonitoringService } from '../monitoring/MonitoringService';
import { SampleStore } from '../monitoring/SampleStore';
import { SchemaService } from '../schemas/SchemaService';

const HOUR_MS = 3_600_000;
/** The group index the evidence reads is at most this old. */
const READERS_MAX_AGE_MS = 30_000;

/** A time lag in words: "12 s", "4 min", "3 h". */
function behind(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR_MS) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / HOUR_MS)} h`;
}

/** Why each kind needs a person, and what the requester could do at once. */
export const APPROVAL_POLICY: Record<ApprovalKind, ApprovalEvidence['policy']> =
  {
    'topic.delete': {
      why: 'Deleting a topic deletes its messages for every reader, and cannot be undone: a platform approver decides every deletion.',
      selfService:
        'Nothing: deletion always takes an approval. Shortening the retention (within the environment limits) is self-service.',
    },
    'schema.override': {
      why: "The version breaks the artifact's compatibility rule: readers of the topic may fail on records written with it.",
      selfService:
        'A version that is compatible under the rule registers at once, without an approval.',
    },
    'schema.rule': {
      why: 'A weaker compatibility rule lets later versions break the topic’s readers.',
      selfService: 'A stricter rule applies at once, without an approval.',
    },
    'schema.delete': {
      why: 'Records written with the schema cannot be read without it.',
      selfService:
        'Deprecating the artifact or disabling a version is self-service for its owners.',
    },
    'connector.create': {
      why: 'A connector runs code on the shared Connect workers with its owner’s rights on topics, files and secrets.',
      selfService:
        'Nothing for a new connector. Pausing, resuming, stopping and restarting an owned connector are self-service.',
    },
    'connector.update': {
      why: 'A config change can make a connector read or write other topics, files or secrets.',
      selfService:
        'Pausing, resuming, stopping and restarting an owned connector are self-service.',
    },
    'connector.delete': {
      why: 'Deleting a connector stops what it moves; its offsets cannot be restored by Eventport.',
      selfService: 'Stopping or pausing an owned connector is self-service.',
    },
    'cdc.deploy': {
      why: 'A CDC pipeline copies a database’s rows, personal data included, into Kafka: the security reviewers decide every pipeline.',
      selfService: 'Nothing: every pipeline is reviewed.',
    },
    'cdc.change': {
      why: 'A change alters which tables and columns of a database reach Kafka: the security reviewers decide it as they decided the pipeline.',
      selfService: 'Pausing and resuming the pipeline are self-service.',
    },
    'cdc.decommission': {
      why: 'Decommissioning drops a replication slot and a publication on a source database and may delete topics and schemas.',
      selfService: 'Pausing and resuming the pipeline are self-service.',
    },
  };

/** How a request's evidence is found: the kind, its payload, the viewer's credentials. */
export type EvidenceSource = (
  kind: ApprovalKind,
  payload: ApprovalPayload,
  credentials?: BackstageCredentials,
) => Promise<ApprovalEvidence>;

export class ApprovalEvidenceService {
  constructor(
    private readonly deps: {
      clusters: ClusterRegistry;
      monitoring: MonitoringService;
      samples: SampleStore;
      catalog: CatalogService;
      catalogSnapshot: CatalogSnapshotService;
      schemas: SchemaService;
    },
  ) {}

  async of(
    kind: ApprovalKind,
    payload: ApprovalPayload,
    credentials?: BackstageCredentials,
  ): Promise<ApprovalEvidence> {
    const sections =
      kind === 'topic.delete'
        ? await this.topicDelete(payload as TopicDeletePayload, credentials)
        : [];
    return {
      computedAt: new Date().toISOString(),
      policy: APPROVAL_POLICY[kind],
      sections,
    };
  }

  /** Who reads, writes, declares and depends on the topic. */
  private async topicDelete(
    p: TopicDeletePayload,
    credentials?: BackstageCredentials,
  ): Promise<EvidenceSection[]> {
    const { cluster, topic } = p;
    return Promise.all([
      section(
        'readers',
        'Consumer groups reading it',
        'No consumer group has committed offsets on it.',
        async () =>
          (
            await this.deps.monitoring.topicConsumers(
              cluster,
              topic,
              READERS_MAX_AGE_MS,
            )
          ).items
            // A group deleted since the index was built reads nothing.
            .filter(g => g.state.toLowerCase() !== 'dead')
            .map(g => ({
              label: g.groupId,
              detail: `lag ${g.lag} ${g.lag === 1 ? 'message' : 'messages'}${
                g.maxTimeLagMs !== null
                  ? ` (${behind(g.maxTimeLagMs)} behind)`
                  : ''
              }, ${g.state.toLowerCase()}, ${g.members} ${
                g.members === 1 ? 'member' : 'members'
              }`,
            })),
      ),
      section(
        'producers',
        'Written in the last hour',
        'Nothing was written to it in the last hour.',
        () => this.written(cluster, topic),
      ),
      section(
        'catalog',
        'Catalog components that declare it',
        'No catalog component declares that it produces or consumes it.',
        () => this.declaredBy(cluster, topic, credentials),
      ),
      section(
        'connectors',
        'Connectors that use it',
        'No connector reads or writes it.',
        () => this.connectorsUsing(cluster, topic),
      ),
      section(
        'schemas',
        'Schemas left without their topic',
        'No schema artifact is named after it.',
        async () =>
          !this.deps.clusters.get(cluster).schemaRegistry?.url
            ? []
            : (
                await this.deps.schemas.list(cluster, {
                  topic,
                  offset: 0,
                  limit: 50,
                })
              ).items.map(a => ({
                label: `${a.groupId}/${a.artifactId}`,
                detail: a.owner ? `owned by ${a.owner}` : 'no owner',
              })),
      ),
    ]);
  }

  /** Messages written in the last hour, from the sampler's end offsets. */
  private async written(cluster: string, topic: string) {
    const samples = await this.deps.samples.topicSamples(
      cluster,
      topic,
      Date.now() - HOUR_MS,
    );
    if (samples.length < 2) {
      throw new Error(
        'the offset sampler has not read the topic twice in the last hour, so its writes are unknown',
      );
    }
    const total = (ends: Array<number | null>) =>
      ends.reduce<number>((sum, end) => sum + (end ?? 0), 0);
    const first = samples[0];
    const last = samples[samples.length - 1];
    const count = Math.max(0, total(last.ends) - total(first.ends));
    if (count === 0) return [];
    const minutes = Math.max(1, Math.round((last.at - first.at) / 60_000));
    return [
      {
        label: `${count} ${
          count === 1 ? 'message' : 'messages'
        } in ${minutes} min`,
        detail: `last at or before ${new Date(last.at).toISOString()}`,
      },
    ];
  }

  /**
   * Components whose `eventport.io/produces-topics` or `consumes-topics`
   * names the topic, as the catalog relates them, read with the viewer's
   * credentials: the evidence never names an entity its viewer cannot see.
   */
  private async declaredBy(
    cluster: string,
    topic: string,
    credentials?: BackstageCredentials,
  ) {
    if (!credentials) {
      throw new Error('read when the request is opened');
    }
    const ref = topicEntityRef(cluster, topic);
    const { items } = await this.deps.catalog.getEntities(
      {
        // Components only: schemas and connectors have sections of their own.
        filter: [
          { kind: 'component', 'relations.dependencyOf': ref },
          { kind: 'component', 'relations.dependsOn': ref },
        ],
      },
      { credentials },
    );
    return items.map(entity => {
      const produces = (entity.relations ?? []).some(
        r => r.type === 'dependencyOf' && r.targetRef === ref,
      );
      return {
        label: stringifyEntityRef(entity),
        detail: produces ? 'produces it' : 'consumes it',
      };
    });
  }

  /** Connectors whose used (or configured) topics include it. */
  private async connectorsUsing(cluster: string, topic: string) {
    if (!this.deps.clusters.hasConnect(cluster)) return [];
    const names = (
      await this.deps.clusters.connect(cluster).listConnectors()
    ).map(c => c.name);
    const described = await this.deps.catalogSnapshot.connectors(
      cluster,
      names,
    );
    return described
      .filter(c => c.topics.includes(topic))
      .map(c => ({
        label: c.name,
        detail: `${c.type ?? 'connector'}, ${
          c.state?.toLowerCase() ?? 'state unknown'
        }${c.owner ? `, owned by ${c.owner}` : ''}`,
      }));
  }
}

/** One section; a part that cannot be read says why instead of failing the rest. */
async function section(
  id: string,
  title: string,
  empty: string,
  read: () => Promise<Array<{ label: string; detail?: string }>>,
): Promise<EvidenceSection> {
  try {
    return { id, title, empty, items: await read() };
  } catch (error) {
    return {
      id,
      title,
      empty,
      items: [],
      problem: (error as Error)?.message ?? String(error),
    };
  }
}
