import {
  AuditorService,
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  resolvePackagePath,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { EventsService } from '@backstage/plugin-events-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  readMonitoringConfig,
  readConnectPolicyConfig,
  readPolicyConfig,
} from '@eventport/plugin-event-streaming-node';
import { ConnectorAuthorizer } from '../permissions/ConnectorAuthorizer';
import { TopicAuthorizer } from '../permissions/TopicAuthorizer';
import { BackstageApprovalNotifier } from './approvals/ApprovalNotifier';
import { ApprovalService } from './approvals/ApprovalService';
import { ApprovalStore } from './approvals/ApprovalStore';
import { ApprovalExecutors, topicDeleteExecutor } from './approvals/executors';
import {
  InlineSchemaChecker,
  sharedSchemaChecker,
} from './schemas/SchemaChecker';
import { AlertEvaluator } from './alerts/AlertEvaluator';
import { AlertRuleStore } from './alerts/AlertRuleStore';
import { AlertService } from './alerts/AlertService';
import { announcingExecutors } from './catalog/announcingExecutors';
import { CatalogChanges } from './catalog/CatalogChanges';
import { CatalogSnapshotService } from './catalog/CatalogSnapshotService';
import {
  ClusterRegistry,
  ConnectClientFactory,
  KafkaAdminFactory,
  SchemaRegistryFactory,
} from './ClusterRegistry';
import {
  connectorCreateExecutor,
  connectorDeleteExecutor,
  connectorUpdateExecutor,
} from './connectors/connectorExecutors';
import { ConnectorOwnerStore } from './connectors/ConnectorOwnerStore';
import { ConnectorConfigPolicy } from './connectors/ConnectorConfigPolicy';
import { ConnectorRequests } from './connectors/ConnectorRequests';
import { ConnectorService } from './connectors/ConnectorService';
import { HealthService } from './HealthService';
import { cdcDecommissionExecutor } from './cdc/cdcDecommissionExecutor';
import { cdcDeployExecutor } from './cdc/cdcDeployExecutor';
import { CdcPipelineMonitor } from './cdc/CdcPipelineMonitor';
import { CdcGitOpsReconciler } from './cdc/CdcGitOpsReconciler';
import { CdcPipelineLifecycle } from './cdc/CdcPipelineLifecycle';
import { CdcPipelineChanges } from './cdc/CdcPipelineChanges';
import { approvalOwners } from './approvals/owners';
import { ApprovalEvidenceService } from './approvals/ApprovalEvidence';
import { autoApprover, readAutoApprovalRules } from './approvals/autoApproval';
import { cdcChangeExecutor } from './cdc/cdcChangeExecutor';
import { CdcPipelineService } from './cdc/CdcPipelineService';
import { DecommissionSteps } from './cdc/decommission';
import { CdcPipelineStore } from './cdc/CdcPipelineStore';
import { CdcSources } from './cdc/CdcSourceInspector';
import { readCdcDeployConfig } from './cdc/deployConfig';
import { GitHubPullRequests } from './cdc/GitHubPullRequests';
import {
  CdcSlotGuard,
  readSlotGuardConfig,
} from './cdc/slotGuard/CdcSlotGuard';
import { SlotStateStore } from './cdc/slotGuard/SlotStateStore';
import { CliGitOpsPublisher } from './cdc/GitOpsPublisher';
import { EntityLagService } from './monitoring/EntityLagService';
import { GroupIndex } from './monitoring/GroupIndex';
import { GroupOwners } from './monitoring/GroupOwners';
import { LagReader } from './monitoring/LagReader';
import { MonitoringService } from './monitoring/MonitoringService';
import { OffsetSampler, WatchSource } from './monitoring/OffsetSampler';
import { SampleStore } from './monitoring/SampleStore';
import { TopicMetricsService } from './monitoring/TopicMetricsService';
import { schemaOverrideExecutor } from './schemas/overrideExecutor';
import { schemaRuleExecutor } from './schemas/ruleExecutor';
import { SchemaRegistrar } from './schemas/SchemaRegistrar';
import { SchemaRules } from './schemas/SchemaRules';
import { SchemaStates } from './schemas/SchemaStates';
import { SchemaDeletion, schemaDeleteExecutor } from './schemas/SchemaDeletion';
import { SchemaService } from './schemas/SchemaService';
import { TopicDescriptionStore } from './topics/TopicDescriptionStore';
import { TopicPolicy } from './topics/TopicPolicy';
import { TopicService } from './topics/TopicService';

/** Kinds the security reviewers decide: what a CDC pipeline reads. */
const SECURITY_REVIEWED: string[] = ['cdc.deploy', 'cdc.change'];

const migrationsDir = resolvePackagePath(
  '@eventport/plugin-event-streaming-backend',
  'migrations',
);

/** Internal replacements, for tests and benchmarks. */
export interface EventStreamingOverrides {
  executors?: Partial<ApprovalExecutors>;
  /** See DEFAULT_EXECUTION_GRACE_MS. */
  executionGraceMs?: number;
  /** The Kafka admin client of each cluster. */
  adminFactory?: KafkaAdminFactory;
  /** The schema registry client of each cluster. */
  registryFactory?: SchemaRegistryFactory;
  /** The Kafka Connect client of each cluster. */
  connectFactory?: ConnectClientFactory;
  /** Extra sources of groups for the sampler to watch. */
  watchSources?: WatchSource[];
  /** Hands the built services to a test, to drive the sampler by hand. */
  exposeServices?: (services: EventStreamingServices) => void;
}

/** Every service of the plugin. */
export type EventStreamingServices = Awaited<
  ReturnType<typeof createEventStreamingServices>
>;

/**
 * Builds every service of the plugin from Backstage's core services. Tests
 * use it too, with `overrides` for failure injection.
 */
export async function createEventStreamingServices(deps: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  auditor: AuditorService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  notifications: NotificationService;
  catalog: CatalogService;
  events: EventsService;
  overrides?: EventStreamingOverrides;
}) {
  const db = await deps.database.getClient();
  if (!deps.database.migrations?.skip) {
    await db.migrate.latest({ directory: migrationsDir });
  }
  const policyConfig = readPolicyConfig(deps.config);
  const policy = new TopicPolicy(policyConfig);
  const clusters = ClusterRegistry.fromConfig(deps.config, {
    logger: deps.logger,
    adminFactory: deps.overrides?.adminFactory,
    registryFactory: deps.overrides?.registryFactory,
    connectFactory: deps.overrides?.connectFactory,
  });
  const connectorOwners = new ConnectorOwnerStore(db);
  const connectors = new ConnectorService(clusters, policy, connectorOwners);
  const connectorPolicy = new ConnectorConfigPolicy(
    clusters,
    policy,
    readConnectPolicyConfig(deps.config),
  );
  const descriptions = new TopicDescriptionStore(db);
  const topics = new TopicService(clusters, policy, descriptions);
  const cdcStore = new CdcPipelineStore(db);
  const checker = sharedSchemaChecker();
  if (checker instanceof InlineSchemaChecker) {
    deps.logger.warn(
      'The schema checker cannot load in a worker thread here; compatibility checks run on the event loop, each bounded by its time budget',
    );
  }
  const schemas = SchemaService.fromConfig(deps.config, {
    clusters,
    policy,
    checker,
  });
  const catalogSnapshots = new CatalogSnapshotService({
    clusters,
    policy,
    schemas,
    descriptions,
    connectorOwners,
    pipelines: cdcStore,
  });
  const catalogChanges = new CatalogChanges(
    catalogSnapshots,
    deps.events,
    deps.logger.child({ area: 'catalog' }),
  );
  const cdcDeploy = readCdcDeployConfig(deps.config);
  const cdcSources = CdcSources.fromConfig(deps.config, {
    logger: deps.logger,
  });
  const pullRequests = GitHubPullRequests.fromConfig(deps.config);
  const slotGuardConfig = readSlotGuardConfig(deps.config);
  const cdcGitOps = cdcDeploy.gitops && {
    config: cdcDeploy.gitops,
    publisher: new CliGitOpsPublisher(
      cdcDeploy.gitops,
      deps.logger.child({ area: 'cdc-gitops' }),
      () => pullRequests.gitCredentials(cdcDeploy.gitops!.url),
    ),
    pullRequests,
  };
  const decommissionSteps = new DecommissionSteps(
    clusters,
    cdcStore,
    cdcSources,
  );
  const cdcGitOpsReconciler = new CdcGitOpsReconciler(
    clusters,
    cdcStore,
    decommissionSteps,
    connectorOwners,
    deps.logger.child({ area: 'cdc-gitops' }),
  );
  const executors: ApprovalExecutors = announcingExecutors(
    {
      'topic.delete': topicDeleteExecutor(topics),
      'schema.override': schemaOverrideExecutor(clusters, deps.auditor),
      'schema.rule': schemaRuleExecutor(clusters, deps.auditor),
      'schema.delete': schemaDeleteExecutor(clusters, topics),
      'connector.create': connectorCreateExecutor(clusters, connectorOwners),
      'connector.update': connectorUpdateExecutor(clusters),
      'connector.delete': connectorDeleteExecutor(clusters, connectorOwners),
      'cdc.deploy': cdcDeployExecutor({
        clusters,
        store: cdcStore,
        owners: connectorOwners,
        gitops: cdcGitOps,
        logger: deps.logger,
      }),
      'cdc.change': cdcChangeExecutor({
        clusters,
        store: cdcStore,
        gitops: cdcGitOps,
        logger: deps.logger.child({ area: 'cdc-change' }),
      }),
      'cdc.decommission': cdcDecommissionExecutor({
        steps: decommissionSteps,
        store: cdcStore,
        owners: connectorOwners,
        gitops: cdcGitOps,
        logger: deps.logger.child({ area: 'cdc-decommission' }),
      }),
      ...deps.overrides?.executors,
    },
    catalogChanges,
  );
  const evidenceService: { current?: ApprovalEvidenceService } = {};
  const approvals = new ApprovalService(
    new ApprovalStore(db),
    executors,
    (caller, kind) =>
      SECURITY_REVIEWED.includes(kind)
        ? policy.isSecurityReviewer(caller)
        : policy.isApprover(caller),
    new BackstageApprovalNotifier(
      deps.notifications,
      kind =>
        SECURITY_REVIEWED.includes(kind)
          ? policyConfig.securityReviewers
          : policyConfig.approvers,
      deps.logger,
    ),
    deps.auditor,
    deps.logger,
    deps.overrides?.executionGraceMs,
    kind =>
      SECURITY_REVIEWED.includes(kind)
        ? `the security reviewers (${
            policyConfig.securityReviewers.join(', ') || 'none configured'
          })`
        : `the configured approvers (${
            policyConfig.approvers.join(', ') || 'none configured'
          })`,
    policyConfig.approvalExpiryMs,
    approvalOwners({ policy, connectorOwners, schemas }),
    // Built below, with the monitoring it reads.
    (kind, payload, credentials) =>
      evidenceService.current!.of(kind, payload, credentials),
    autoApprover(
      readAutoApprovalRules(deps.config),
      cluster => clusters.list().find(c => c.name === cluster)?.environment,
    ),
  );
  const cdcPipelines = new CdcPipelineService(
    clusters,
    policy,
    cdcSources,
    cdcDeploy,
    deps.catalog,
    cdcStore,
    approvals,
  );
  const monitoringConfig = readMonitoringConfig(deps.config);
  const samples = new SampleStore(db);
  const groupIndex = new GroupIndex(clusters, deps.logger);
  const watchSources: WatchSource[] = [...(deps.overrides?.watchSources ?? [])];
  const lagReader = new LagReader(clusters, samples, monitoringConfig);
  const monitoring = new MonitoringService(
    clusters,
    policy,
    samples,
    groupIndex,
    monitoringConfig,
    new GroupOwners(
      policy,
      (cluster, name) => connectors.ownerOf(cluster, name),
      cluster => connectorOwners.all(cluster),
    ),
    lagReader,
  );
  evidenceService.current = new ApprovalEvidenceService({
    clusters,
    monitoring,
    samples,
    catalog: deps.catalog,
    catalogSnapshot: catalogSnapshots,
    schemas,
    namespaces: () => policy.namespaces,
  });
  const alertStore = new AlertRuleStore(db);
  const topicMetrics = new TopicMetricsService(clusters, samples);
  watchSources.push(alertStore);
  return {
    catalogSnapshots,
    catalogChanges,
    monitoringConfig,
    samples,
    groupIndex,
    watchSources,
    monitoring,
    entityLag: new EntityLagService(
      clusters,
      lagReader,
      samples,
      monitoringConfig,
    ),
    alertStore,
    alertRules: new AlertService(
      clusters,
      policy,
      monitoring,
      alertStore,
      monitoringConfig.limits,
    ),
    alertEvaluator: new AlertEvaluator(
      clusters,
      alertStore,
      monitoring,
      groupIndex,
      deps.notifications,
      deps.logger,
    ),
    topicMetrics,
    cdcSources,
    cdcPipelines,
    cdcLifecycle: new CdcPipelineLifecycle(
      cdcPipelines,
      cdcDeploy,
      approvals,
      clusters,
      cdcGitOps,
      slotGuardConfig.retainedWarningBytes,
    ),
    cdcChanges: new CdcPipelineChanges(cdcPipelines, approvals),
    cdcDeployConfig: cdcDeploy,
    cdcGitOpsReconciler,
    cdcMonitor: new CdcPipelineMonitor(
      clusters,
      cdcSources,
      topicMetrics,
      monitoring,
      slotGuardConfig.retainedWarningBytes,
    ),
    slotGuard: new CdcSlotGuard(
      cdcSources,
      cdcStore,
      new SlotStateStore(db),
      deps.notifications,
      policyConfig.approvers,
      slotGuardConfig,
      deps.logger.child({ area: 'cdc-slot-guard' }),
    ),
    sampler: new OffsetSampler(
      clusters,
      samples,
      groupIndex,
      watchSources,
      monitoringConfig,
      deps.logger,
    ),
    clusters,
    policy,
    topics,
    approvals,
    health: HealthService.create({ clusters }),
    schemas,
    registrar: new SchemaRegistrar(schemas, deps.logger),
    rules: new SchemaRules(schemas),
    states: new SchemaStates(schemas),
    schemaDeletion: new SchemaDeletion(schemas, topics, samples),
    authorizer: new TopicAuthorizer(deps.permissions, deps.permissionsRegistry),
    connectors,
    connectorPolicy,
    connectorRequests: new ConnectorRequests(
      clusters,
      policy,
      connectors,
      approvals,
      connectorPolicy,
    ),
    connectorAuthorizer: new ConnectorAuthorizer(
      deps.permissions,
      deps.permissionsRegistry,
    ),
  };
}
