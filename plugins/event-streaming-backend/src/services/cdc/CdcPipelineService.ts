/**
 * CDC pipelines: from a catalog database and a selection to the generated
 * artefacts (preview), a security review (submit), and the stored pipeline.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CDC_SOURCE_ANNOTATION,
  CdcArtefacts,
  CdcDatabase,
  CdcDeployPayload,
  CdcPipeline,
  CdcPipelineListQuery,
  CdcPipelinePreview,
  CdcPipelineRequest,
  CdcPipelineSubmit,
  cdcSchemaHistoryTopic,
} from '@eventport/plugin-event-streaming-common';
import { Request } from 'express';
import { ApprovalService } from '../approvals/ApprovalService';
import { ClusterRegistry } from '../ClusterRegistry';
import { Caller, TopicPolicy } from '../topics/TopicPolicy';
import { CdcSources } from './CdcSourceInspector';
import { CdcPipelineStore } from './CdcPipelineStore';
import { converterRegistryUrl, debeziumConfig, reviewTables } from './debezium';
import { requestedPipeline } from './decommission';
import { CdcDeployConfig } from './deployConfig';
import { kubernetesName, ManifestTopic, strimziManifests } from './strimzi';

/** Debezium's schema history must keep everything, on one partition. */
const HISTORY_TOPIC_CONFIG = {
  'retention.ms': '-1',
  'cleanup.policy': 'delete',
};

export class CdcPipelineService {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly policy: TopicPolicy,
    private readonly sources: CdcSources,
    private readonly deploy: CdcDeployConfig,
    private readonly catalog: CatalogService,
    private readonly store: CdcPipelineStore,
    private readonly approvals: ApprovalService,
  ) {}

  /**
   * The source id named by a catalog database entity the caller can see and
   * owns: only the owner group of the database's entity (or a group that
   * `eventStreaming.cdc.sources.<id>.users` lists) reads its schema, runs its
   * pre-flight checks or builds pipelines from it.
   */
  /** The owner of the source's catalog entity, or a group in its `users`. */
  private mayUse(caller: Caller, owner: string | undefined, sourceId: string) {
    const allowed = [
      ...(owner ? [owner] : []),
      ...this.sources.usersOf(sourceId),
    ];
    return allowed.some(group => caller.ownershipEntityRefs.includes(group));
  }

  async sourceOf(
    entityRef: string,
    credentials: BackstageCredentials,
    caller: Caller,
  ): Promise<{ entityRef: string; sourceId: string }> {
    let entity;
    try {
      entity = await this.catalog.getEntityByRef(entityRef, { credentials });
    } catch (error) {
      if (
        (error as Error).name === 'InputError' ||
        (error as Error).name === 'TypeError'
      ) {
        throw new InputError(
          `'${entityRef}' is not an entity reference such as resource:default/shop-db`,
        );
      }
      throw error;
    }
    if (!entity) {
      throw new NotFoundError(`No catalog entity ${entityRef}`);
    }
    const ref = stringifyEntityRef(entity);
    const sourceId = entity.metadata.annotations?.[CDC_SOURCE_ANNOTATION];
    if (
      entity.kind !== 'Resource' ||
      (entity.spec as { type?: string })?.type !== 'database'
    ) {
      throw new InputError(`${ref} is not a Resource of spec.type database`);
    }
    if (!sourceId) {
      throw new InputError(
        `${ref} has no ${CDC_SOURCE_ANNOTATION} annotation: it names the connection in eventStreaming.cdc.sources`,
      );
    }
    const owner = ownerRefOf(entity);
    if (!this.mayUse(caller, owner, sourceId)) {
      const allowed = [
        ...(owner ? [owner] : []),
        ...this.sources.usersOf(sourceId),
      ];
      throw new NotAllowedError(
        `${ref} is ${owner ? `owned by ${owner}` : 'owned by nobody'}: only ${
          allowed.join(', ') || 'its owner'
        } may read its schema, check it or build pipelines from it.`,
      );
    }
    return { entityRef: ref, sourceId };
  }

  /**
   * Who may see a pipeline: its requester, members of its owner group, and
   * the security reviewers who decide it (as its approval request).
   */
  visibleTo(pipeline: CdcPipeline, caller: Caller): boolean {
    return (
      pipeline.requestedBy === caller.userEntityRef ||
      caller.ownershipEntityRefs.includes(pipeline.owner) ||
      this.policy.isSecurityReviewer(caller)
    );
  }

  /** The catalog databases the caller can see that name a CDC source. */
  /**
   * The catalog's CDC databases that the caller can see, each marked usable
   * or not; the connection (host, database, user) only of usable ones.
   */
  async databases(
    credentials: BackstageCredentials,
    caller: Caller,
  ): Promise<CdcDatabase[]> {
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'Resource', 'spec.type': 'database' } },
      { credentials },
    );
    const configured = new Map(this.sources.list().map(s => [s.id, s]));
    return items
      .filter(e => e.metadata.annotations?.[CDC_SOURCE_ANNOTATION])
      .map(e => {
        const sourceId = e.metadata.annotations![CDC_SOURCE_ANNOTATION];
        const owner = (e.spec as { owner?: string })?.owner;
        const usable = this.mayUse(caller, ownerRefOf(e), sourceId);
        return {
          entityRef: stringifyEntityRef(e),
          title: e.metadata.title ?? e.metadata.name,
          ...(e.metadata.description
            ? { description: e.metadata.description }
            : {}),
          ...(owner ? { owner } : {}),
          sourceId,
          usable,
          ...(usable && configured.has(sourceId)
            ? { source: configured.get(sourceId) }
            : {}),
        };
      })
      .sort((a, b) => a.title.localeCompare(b.title));
  }

  /** The namespace owner the topics fall under; refuses a prefix the caller does not own. */
  private ownerOf(
    request: CdcPipelineRequest,
    caller: Caller,
    topics: string[],
  ) {
    const namespace = this.policy.namespaceOf(`${request.topicPrefix}.x`);
    if (!namespace) {
      const owned = this.policy
        .ownedNamespaces(caller)
        .map(ns => `'${ns.prefix}'`);
      throw new InputError(
        `Topic prefix '${
          request.topicPrefix
        }' is outside every namespace. Use one under: ${
          owned.join(', ') || 'no namespace (your groups own none)'
        }`,
      );
    }
    const cluster = this.clusters.get(request.cluster);
    for (const name of topics) {
      this.policy.checkCreate(cluster, { name }, caller, []);
    }
    return namespace;
  }

  /**
   * The generated artefacts and pre-flight checks of a request, as the
   * caller: the source must be theirs to use, the topics theirs to create.
   * A change keeps the pipeline's first requester in the manifests.
   */
  async preview(
    request: CdcPipelineRequest,
    caller: Caller,
    credentials: BackstageCredentials,
    requestedBy: string = caller.userEntityRef,
  ): Promise<CdcPipelinePreview> {
    const cluster = this.clusters.get(request.cluster);
    const { sourceId } = await this.sourceOf(
      request.sourceEntityRef,
      credentials,
      caller,
    );
    const source = this.sources.config(sourceId);
    const inspector = this.sources.inspector(sourceId);
    const registry = this.deploy.registryUrl ?? cluster.schemaRegistry?.url;
    if (!registry) {
      throw new InputError(
        `Cluster '${cluster.name}' has no schema registry: CDC pipelines write Avro with the Apicurio converter. Configure eventStreaming.clusters[].schemaRegistry or eventStreaming.cdc.registryUrl.`,
      );
    }
    const introspection = await inspector.introspect();
    const tables = reviewTables(request, introspection);
    const preflight = await inspector.preflight(
      tables.map(t => ({ schema: t.schema, table: t.table })),
    );
    const historyTopic = cdcSchemaHistoryTopic(
      source.type,
      request.topicPrefix,
    );
    const namespace = this.ownerOf(request, caller, [
      ...tables.map(t => t.topic),
      ...(historyTopic ? [historyTopic] : []),
    ]);
    const { connectorClass, config, schemaHistoryTopic } = debeziumConfig({
      request,
      source,
      tables,
      registryUrl: converterRegistryUrl(registry),
      brokers: cluster.brokers,
    });
    const brokers = (await this.clusters.admin(cluster.name).describeCluster())
      .brokers.length;
    const defaults = this.policy.topicDefaults;
    const replicas = Math.max(1, Math.min(defaults.replicationFactor, brokers));
    const manifestTopics: ManifestTopic[] = [
      ...tables.map(t => ({
        name: t.topic,
        partitions: defaults.partitions,
        replicas,
        config: {
          'retention.ms': String(defaults.retentionMs),
          'cleanup.policy': defaults.cleanupPolicy,
        },
      })),
      ...(schemaHistoryTopic
        ? [
            {
              name: schemaHistoryTopic,
              partitions: 1,
              replicas,
              config: HISTORY_TOPIC_CONFIG,
            },
          ]
        : []),
    ];
    const connectorName = kubernetesName(`${namespace.prefix}${request.name}`);
    const artefacts: CdcArtefacts = {
      connectorName,
      connectorClass,
      connectorConfig: config,
      tables,
      ...(schemaHistoryTopic ? { schemaHistoryTopic } : {}),
      manifests: strimziManifests({
        strimzi: this.deploy.strimzi,
        cluster: cluster.name,
        pipelineName: request.name,
        connectorName,
        connectorClass,
        connectorConfig: config,
        topics: manifestTopics,
        annotations: {
          'eventport.io/source-entity': request.sourceEntityRef,
          'eventport.io/requested-by': requestedBy,
        },
      }),
      deployMode: this.deploy.gitops ? 'gitops' : 'direct',
    };
    return {
      sourceId,
      sourceType: source.type,
      artefacts,
      preflight,
      owner: namespace.owner,
    };
  }

  /** Stores the pipeline and asks the security reviewers; answers the pipeline. */
  async submit(
    body: CdcPipelineSubmit,
    caller: Caller,
    credentials: BackstageCredentials,
    httpRequest?: Request,
  ): Promise<CdcPipeline> {
    const { reason, ...request } = body;
    const preview = await this.preview(request, caller, credentials);
    const pipeline = await this.store.create({
      cluster: request.cluster,
      name: request.name,
      sourceEntityRef: request.sourceEntityRef,
      sourceId: preview.sourceId,
      sourceType: preview.sourceType,
      topicPrefix: request.topicPrefix,
      owner: preview.owner,
      requestedBy: caller.userEntityRef,
      reason,
      selection: request.tables,
      artefacts: preview.artefacts,
      preflight: preview.preflight,
    });
    const payload: CdcDeployPayload = {
      ...requestedPipeline(pipeline),
      artefacts: pipeline.artefacts,
      preflight: pipeline.preflight,
    };
    try {
      const approval = await this.approvals.request({
        kind: 'cdc.deploy',
        payload,
        reason,
        caller,
        httpRequest,
      });
      await this.store.update(pipeline.id, { approvalId: approval.id });
    } catch (error) {
      await this.store.remove(pipeline.id);
      throw error;
    }
    return (await this.store.get(pipeline.id))!;
  }

  /** A pipeline still in review whose request was decided against moves on. */
  private async settled(pipeline: CdcPipeline): Promise<CdcPipeline> {
    if (pipeline.status !== 'review' || !pipeline.approvalId) return pipeline;
    const approval = await this.approvals.lookup(pipeline.approvalId);
    if (approval?.status === 'rejected' || approval?.status === 'cancelled') {
      const comment = approval.history.at(-1)?.comment;
      await this.store.update(pipeline.id, {
        status: approval.status,
        error:
          approval.status === 'rejected'
            ? `Rejected by ${approval.decidedBy}${
                comment ? `: ${comment}` : ''
              }`
            : null,
      });
      return (await this.store.get(pipeline.id))!;
    }
    return pipeline;
  }

  async list(query: CdcPipelineListQuery, caller: Caller) {
    const result = await this.store.list({
      ...query,
      ...(this.policy.isSecurityReviewer(caller)
        ? {}
        : {
            visibleTo: {
              requestedBy: caller.userEntityRef,
              owners: caller.ownershipEntityRefs,
            },
          }),
    });
    return {
      items: await Promise.all(result.items.map(p => this.settled(p))),
      totalCount: result.totalCount,
    };
  }

  /** One pipeline; 404 for a caller who may not see it, as for approvals. */
  async get(id: string, caller: Caller): Promise<CdcPipeline> {
    const pipeline = await this.store.get(id);
    if (!pipeline || !this.visibleTo(pipeline, caller)) {
      throw new NotFoundError(`No CDC pipeline ${id}`);
    }
    return this.settled(pipeline);
  }
}

/** The entity's `spec.owner` as a full entity ref (`team-a` is `group:default/team-a`). */
function ownerRefOf(entity: {
  spec?: unknown;
  metadata: { namespace?: string };
}) {
  const owner = (entity.spec as { owner?: string } | undefined)?.owner;
  if (!owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}
