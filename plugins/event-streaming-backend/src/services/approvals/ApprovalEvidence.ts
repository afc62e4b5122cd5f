/**
 * The evidence beside a request: why a person decides it, what would make
 * it self-service, and the facts about the resource read from Kafka, the
 * sampler, Kafka Connect, the registry, the catalog and the stored CDC
 * review. Each part that cannot be read says why; the others still answer.
 * The facts of each family of kinds live in `evidence/`.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ApprovalEvidence,
  ApprovalKind,
  ApprovalPayload,
  CdcChangePayload,
  CdcDecommissionPayload,
  CdcDeployPayload,
  ConnectorCreatePayload,
  ConnectorDeletePayload,
  ConnectorUpdatePayload,
  EvidenceSection,
  Namespace,
  SchemaDeletePayload,
  SchemaOverridePayload,
  SchemaRulePayload,
  TopicDeletePayload,
} from '@eventport/plugin-event-streaming-common';
import { CdcEvidence } from './evidence/cdcEvidence';
import { ConnectorEvidence } from './evidence/connectorEvidence';
import { section } from './evidence/facts';
import { APPROVAL_POLICY } from './evidence/policy';
import { SchemaEvidence } from './evidence/schemaEvidence';
import { TopicFacts, TopicFactsDeps } from './evidence/TopicFacts';


/** How a request's evidence is found: the kind, its payload, the viewer's credentials. */
export type EvidenceSource = (
  kind: ApprovalKind,
  payload: ApprovalPayload,
  credentials?: BackstageCredentials,
) => Promise<ApprovalEvidence>;

export class ApprovalEvidenceService {
  private readonly topics: TopicFacts;
  private readonly schemas: SchemaEvidence;
  private readonly connectors: ConnectorEvidence;
  private readonly cdc: CdcEvidence;

  constructor(
    deps: TopicFactsDeps & {
      /** The topic namespaces, for the owners of what a request touches. */
      namespaces: () => readonly Namespace[];
    },
  ) {
    this.topics = new TopicFacts(deps);
    this.schemas = new SchemaEvidence(deps.schemas, this.topics);
    this.connectors = new ConnectorEvidence(deps.clusters, deps.namespaces);
    this.cdc = new CdcEvidence(deps.clusters, deps.namespaces, this.topics);
  }

  async of(
    kind: ApprovalKind,
    payload: ApprovalPayload,
    credentials?: BackstageCredentials,
  ): Promise<ApprovalEvidence> {
    return {
      computedAt: new Date().toISOString(),
      policy: APPROVAL_POLICY[kind],
      sections: await this.sections(kind, payload, credentials),
    };
  }

  private sections(
    kind: ApprovalKind,
    payload: ApprovalPayload,
    credentials?: BackstageCredentials,
  ): Promise<EvidenceSection[]> {
    switch (kind) {
      case 'topic.delete':
        return this.topicDelete(payload as TopicDeletePayload, credentials);
      case 'schema.override':
        return this.schemas.override(payload as SchemaOverridePayload);
      case 'schema.rule':
        return this.schemas.rule(payload as SchemaRulePayload);
      case 'schema.delete':
        return this.schemas.delete(payload as SchemaDeletePayload);
      case 'connector.create':
        return this.connectors.create(payload as ConnectorCreatePayload);
      case 'connector.update':
        return this.connectors.update(payload as ConnectorUpdatePayload);
      case 'connector.delete':
        return this.connectors.delete(payload as ConnectorDeletePayload);
      case 'cdc.deploy':
        return this.cdc.deploy(payload as CdcDeployPayload);
      case 'cdc.change':
        return this.cdc.change(payload as CdcChangePayload);
      case 'cdc.decommission':
        return this.cdc.decommission(payload as CdcDecommissionPayload);
      default:
        return Promise.resolve([]);
    }
  }

  /** Who reads, writes, declares and depends on the topic. */
  private topicDelete(
    p: TopicDeletePayload,
    credentials?: BackstageCredentials,
  ): Promise<EvidenceSection[]> {
    const { cluster, topic } = p;
    return Promise.all([
      section(
        'readers',
        'Consumer groups reading it',
        'No consumer group has committed offsets on it.',
        () => this.topics.readers(cluster, topic, { commits: true }),
      ),
      section(
        'producers',
        'Written in the last hour',
        'Nothing was written to it in the last hour.',
        () => this.topics.written(cluster, topic),
      ),
      section(
        'catalog',
        'Catalog components that declare it',
        'No catalog component declares that it produces or consumes it.',
        () => this.topics.declaredBy(cluster, topic, credentials),
      ),
      section(
        'connectors',
        'Connectors that use it',
        'No connector reads or writes it.',
        () => this.topics.connectorsUsing(cluster, topic),
      ),
      section(
        'schemas',
        'Schemas left without their topic',
        'No schema artifact is named after it.',
        () => this.topics.schemasNamedAfter(cluster, topic),
      ),
    ]);
  }
}
