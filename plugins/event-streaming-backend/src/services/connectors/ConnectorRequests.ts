import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  ApprovalKind,
  configDiff,
  ConnectorCreatePayload,
  ConnectorDeletePayload,
  ConnectorUpdatePayload,
  ConnectorValidation,
  CreateConnectorRequest,
  literalSecretKeys,
  literalSecretMessage,
  UpdateConnectorRequest,
} from '@eventport/plugin-event-streaming-common';
import { ApprovalService } from '../approvals/ApprovalService';
import { ClusterRegistry } from '../ClusterRegistry';
import { Caller, TopicPolicy } from '../topics/TopicPolicy';
import { ConnectorConfigPolicy } from './ConnectorConfigPolicy';
import { configHash } from './connectorModel';
import { ConnectorService } from './ConnectorService';

const CONNECTOR_KINDS: ApprovalKind[] = [
  'connector.create',
  'connector.update',
  'connector.delete',
];

/** Connect keeps the name in the config; it is not part of a change. */
export function withoutName(config: Record<string, string>) {
  const { name: _name, ...rest } = config;
  return rest;
}

/**
 * Checks a create, update or delete of a connector and builds the payload
 * of its approval request. Everything that can be refused is refused here,
 * before anything is stored: literal secrets, ownership, a name in use, an
 * open request for the same connector, and Connect's own validation.
 */
export class ConnectorRequests {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly policy: TopicPolicy,
    private readonly connectors: ConnectorService,
    private readonly approvals: ApprovalService,
    private readonly configPolicy: ConnectorConfigPolicy,
  ) {}

  /**
   * The owner of a connector not created yet: its name's namespace, else
   * `owner`, which must be one of the caller's groups (platform approvers
   * may name any group).
   */
  ownerForNew(name: string, requested: string | undefined, caller: Caller) {
    const ns = this.policy.namespaceOf(name);
    let owner: string;
    if (ns) {
      if (requested && requested !== ns.owner) {
        throw new InputError(
          `'${name}' is in namespace '${ns.prefix}', which ${ns.owner} owns; leave 'owner' out or give ${ns.owner}.`,
        );
      }
      owner = ns.owner;
    } else {
      if (!requested) {
        const mine = this.policy
          .ownedNamespaces(caller)
          .map(n => `'${n.prefix}'`);
        throw new InputError(
          `'${name}' is outside every namespace: name it under ${
            mine.length ? `one of yours (${mine.join(', ')})` : 'a namespace'
          }, or give 'owner', one of your groups.`,
        );
      }
      owner = requested;
    }
    if (
      !caller.ownershipEntityRefs.includes(owner) &&
      !this.policy.isApprover(caller)
    ) {
      throw new NotAllowedError(
        `You are not a member of ${owner}, so you may not create connector '${name}' for it.`,
      );
    }
    return owner;
  }

  /**
   * Everything a new connector is checked for before Connect sees it, for
   * a validation and a creation alike: no literal secrets, the owner, and
   * the connector policy with the owner's rights.
   */
  private async checkNew(
    cluster: string,
    body: { name: string; owner?: string; config: Record<string, string> },
    caller: Caller,
  ) {
    const config = withoutName(body.config);
    this.refuseLiteralSecrets(config);
    const owner = this.ownerForNew(body.name, body.owner, caller);
    await this.configPolicy.assertAllowed(cluster, owner, config);
    return { config, owner };
  }

  /**
   * Connect's validation of a config for a connector the caller may create:
   * the same rights as a creation, checked before Connect sees the config.
   */
  async validateNew(
    cluster: string,
    body: { name: string; owner?: string; config: Record<string, string> },
    caller: Caller,
  ): Promise<ConnectorValidation> {
    const { config } = await this.checkNew(cluster, body, caller);
    return this.connectors.validate(cluster, config['connector.class'], {
      ...config,
      name: body.name,
    });
  }

  private refuseLiteralSecrets(config: Record<string, string>) {
    const keys = literalSecretKeys(config);
    if (keys.length) throw new InputError(literalSecretMessage(keys));
  }

  private async refuseOpen(cluster: string, name: string) {
    for (const kind of CONNECTOR_KINDS) {
      const open = await this.approvals.findOpenWhere(
        kind,
        p =>
          (p as { cluster: string }).cluster === cluster &&
          (p as { name: string }).name === name,
      );
      if (open) {
        throw new ConflictError(
          `A request for connector '${name}' is already open (${open.kind}, ${open.id}, ${open.status}); wait for its decision or cancel it.`,
        );
      }
    }
  }

  /** Connect's validation; any error is a 400 listing each key and error. */
  private async validate(
    cluster: string,
    name: string,
    config: Record<string, string>,
  ) {
    const className = config['connector.class'];
    if (!className) {
      throw new InputError(
        "The config must name the plugin in 'connector.class' (see GET …/connectors/plugins).",
      );
    }
    const result = await this.connectors.validate(cluster, className, {
      ...config,
      name,
    });
    if (result.errorCount > 0) {
      const problems = result.fields
        .filter(f => f.errors.length)
        .map(f => `${f.name}: ${f.errors.join(' ')}`);
      throw new InputError(
        `Kafka Connect refused the config (${result.errorCount} ${
          result.errorCount === 1 ? 'error' : 'errors'
        }): ${problems.join('; ')}`,
      );
    }
  }

  async prepareCreate(
    cluster: string,
    body: CreateConnectorRequest,
    caller: Caller,
  ): Promise<ConnectorCreatePayload> {
    const { config, owner } = await this.checkNew(cluster, body, caller);
    const existing = await this.clusters
      .connect(cluster)
      .getConnector(body.name)
      .catch(error => {
        if ((error as Error).name === 'NotFoundError') return undefined;
        throw error;
      });
    if (existing) {
      throw new ConflictError(
        `Connector '${body.name}' already exists on cluster '${cluster}'.`,
      );
    }
    await this.refuseOpen(cluster, body.name);
    await this.validate(cluster, body.name, config);
    return {
      cluster,
      name: body.name,
      config,
      owner,
      requestedBy: caller.userEntityRef,
    };
  }

  async prepareUpdate(
    cluster: string,
    name: string,
    body: UpdateConnectorRequest,
    caller: Caller,
  ): Promise<ConnectorUpdatePayload> {
    const current = await this.clusters.connect(cluster).getConnector(name);
    const owner = await this.connectors.ownerOf(cluster, name);
    this.connectors.assertMay(caller, name, owner, 'change');
    const config = withoutName(body.config);
    this.refuseLiteralSecrets(config);
    const before = withoutName(current.config);
    if (config['connector.class'] !== before['connector.class']) {
      throw new InputError(
        `'connector.class' cannot change (it is ${before['connector.class']}); create a new connector for another plugin.`,
      );
    }
    // The change is checked with the owner's rights; a connector without an
    // owner has none (only namespace-free settings pass).
    await this.configPolicy.assertAllowed(
      cluster,
      owner ?? '(no owner)',
      config,
    );
    const changes = configDiff(before, config);
    if (!changes.length) {
      throw new InputError(
        `The config of '${name}' is unchanged: nothing to request.`,
      );
    }
    await this.refuseOpen(cluster, name);
    await this.validate(cluster, name, config);
    return {
      cluster,
      name,
      config,
      changes,
      baseConfigHash: configHash(before),
    };
  }

  async prepareDelete(
    cluster: string,
    name: string,
    confirm: string,
    caller: Caller,
  ): Promise<ConnectorDeletePayload> {
    if (confirm !== name) {
      throw new InputError(
        `To confirm, 'confirm' must be exactly the connector name '${name}'.`,
      );
    }
    const current = await this.clusters.connect(cluster).getConnector(name);
    const owner = await this.connectors.ownerOf(cluster, name);
    this.connectors.assertMay(caller, name, owner, 'delete');
    await this.refuseOpen(cluster, name);
    return {
      cluster,
      name,
      className: current.config['connector.class'] ?? '',
    };
  }
}
