import { NotAllowedError } from '@backstage/errors';
import {
  ConnectorActionResponse,
  ConnectorDetail,
  ConnectorListQuery,
  ConnectorListResponse,
  ConnectorPlugin,
  ConnectorSummary,
  ConnectorValidation,
  maskConfig,
} from '@eventport/plugin-event-streaming-common';
import { ConnectorPermissionResource } from '../../permissions/resources';
import { ClusterRegistry } from '../ClusterRegistry';
import { Caller, TopicPolicy } from '../topics/TopicPolicy';
import { ConnectorOwnerStore } from './ConnectorOwnerStore';
import {
  configuredTopics,
  definitionsOf,
  stateOf,
  summaryOf,
  typeOf,
  validationOf,
} from './connectorModel';

type ConnectorResource = ConnectorPermissionResource;

export type ConnectorAction = ConnectorActionResponse['action'];

/**
 * Connectors of a cluster's Kafka Connect: lists, details and the
 * self-service operations. Ownership comes from the name's namespace
 * (`team-a.` connectors belong to team-a), else from the owner recorded
 * when the connector was created through Eventport.
 */
export class ConnectorService {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly policy: TopicPolicy,
    readonly owners: ConnectorOwnerStore,
  ) {}

  async ownerOf(cluster: string, name: string): Promise<string | null> {
    const ns = this.policy.namespaceOf(name);
    if (ns) return ns.owner;
    return (await this.owners.get(cluster, name)) ?? null;
  }

  owns(caller: Caller, owner: string | null): boolean {
    return owner !== null && caller.ownershipEntityRefs.includes(owner);
  }

  /** Owners operate and manage their connectors; platform approvers any. */
  whyNot(caller: Caller, name: string, owner: string | null, action: string) {
    if (this.owns(caller, owner) || this.policy.isApprover(caller)) {
      return undefined;
    }
    return owner
      ? `Connector '${name}' is owned by ${owner}; you are not a member, so you may not ${action} it.`
      : `Connector '${name}' has no owner (its name is outside every namespace and it was not created through Eventport): only platform approvers (${
          this.policy.approvers.join(', ') || 'none configured'
        }) may ${action} it.`;
  }

  assertMay(
    caller: Caller,
    name: string,
    owner: string | null,
    action: string,
  ) {
    const reason = this.whyNot(caller, name, owner, action);
    if (reason) throw new NotAllowedError(reason);
  }

  async list(
    cluster: string,
    query: ConnectorListQuery,
    caller: Caller,
    visible: (c: ConnectorResource) => boolean,
  ): Promise<ConnectorListResponse> {
    const connect = this.clusters.connect(cluster);
    const [connectors, recorded] = await Promise.all([
      connect.listConnectors(),
      this.owners.all(cluster),
    ]);
    const q = query.q?.trim().toLowerCase();
    const items: ConnectorSummary[] = [];
    for (const c of connectors) {
      const owner =
        this.policy.namespaceOf(c.name)?.owner ?? recorded.get(c.name) ?? null;
      if (!visible({ cluster, name: c.name, owner })) continue;
      const summary = summaryOf(c, owner, this.owns(caller, owner));
      if (q && !summary.name.toLowerCase().includes(q)) continue;
      if (query.state && summary.state !== query.state) continue;
      if (query.type && summary.type !== query.type) continue;
      if (query.owned && !summary.owned) continue;
      items.push(summary);
    }
    items.sort((a, b) => a.name.localeCompare(b.name));
    return {
      items: items.slice(query.offset, query.offset + query.limit),
      totalCount: items.length,
    };
  }

  async detail(
    cluster: string,
    name: string,
    caller: Caller,
    permitted: { operate: boolean; manage: boolean },
  ): Promise<ConnectorDetail> {
    const connect = this.clusters.connect(cluster);
    const [connector, owner] = await Promise.all([
      connect.getConnector(name),
      this.ownerOf(cluster, name),
    ]);
    // Connect records the topics a connector really used; a connector that
    // has not run yet has none, so the configured ones are shown instead.
    const used = await connect.getTopics(name).catch(() => []);
    const summary = summaryOf(connector, owner, this.owns(caller, owner));
    const reason =
      this.whyNot(caller, name, owner, 'operate') ??
      (permitted.operate
        ? undefined
        : 'The permission policy does not allow event-streaming.connector.operate on this connector.');
    return {
      ...summary,
      topics: [
        ...new Set([...used, ...configuredTopics(connector.config)]),
      ].sort(),
      config: maskConfig(connector.config),
      trace: connector.status?.connector.trace,
      taskDetails: (connector.status?.tasks ?? []).map(t => ({
        id: t.id,
        state: stateOf(t.state),
        workerId: t.workerId,
        trace: t.trace,
      })),
      canOperate: reason === undefined,
      operateReason: reason,
      canManage:
        this.whyNot(caller, name, owner, 'change') === undefined &&
        permitted.manage,
    };
  }

  /** Runs a self-service operation and answers with the state it left. */
  async operate(
    cluster: string,
    name: string,
    action: ConnectorAction,
    options: {
      includeTasks?: boolean;
      onlyFailed?: boolean;
      task?: number;
    } = {},
  ): Promise<ConnectorActionResponse> {
    const connect = this.clusters.connect(cluster);
    switch (action) {
      case 'pause':
        await connect.pause(name);
        break;
      case 'resume':
        await connect.resume(name);
        break;
      case 'stop':
        await connect.stop(name);
        break;
      case 'restart':
        await connect.restart(name, {
          includeTasks: options.includeTasks ?? false,
          onlyFailed: options.onlyFailed ?? false,
        });
        break;
      case 'restart-task':
        await connect.restartTask(name, options.task ?? 0);
        break;
      default:
        throw new Error(`unknown action ${action}`);
    }
    const status = await connect.getStatus(name);
    return { name, action, state: stateOf(status.connector.state) };
  }

  async plugins(cluster: string): Promise<ConnectorPlugin[]> {
    const plugins = await this.clusters.connect(cluster).listPlugins();
    return plugins
      .map(p => ({
        className: p.className,
        type: typeOf(p.type),
        version: p.version,
      }))
      .sort((a, b) => a.className.localeCompare(b.className));
  }

  async validate(
    cluster: string,
    className: string,
    config: Record<string, string>,
  ): Promise<ConnectorValidation> {
    const raw = await this.clusters
      .connect(cluster)
      .validate(className, config);
    return validationOf(raw, className, config);
  }

  /** The plugin's settings as a form, before any value is given. */
  async pluginForm(
    cluster: string,
    className: string,
  ): Promise<ConnectorValidation> {
    const definitions = await this.clusters
      .connect(cluster)
      .pluginConfig(className);
    return definitionsOf(definitions, className);
  }
}
