import { TopicPolicy } from '../topics/TopicPolicy';

/** Looks up a connector's owner (namespace, else the owner Eventport recorded). */
export type ConnectorOwnerLookup = (
  cluster: string,
  connector: string,
) => Promise<string | null>;

/**
 * Who owns a consumer group: the namespace of its id; for a sink
 * connector's group (`connect-<connector>`), the connector's owner, which
 * may be recorded rather than in a namespace.
 */
export class GroupOwners {
  constructor(
    private readonly policy: TopicPolicy,
    private readonly connectorOwner?: ConnectorOwnerLookup,
  ) {}

  async ownerOf(cluster: string, groupId: string): Promise<string | null> {
    const ns = this.policy.namespaceOf(groupId);
    if (ns) return ns.owner;
    if (!groupId.startsWith('connect-')) return null;
    const connector = groupId.slice('connect-'.length);
    if (this.connectorOwner) return this.connectorOwner(cluster, connector);
    return this.policy.namespaceOf(connector)?.owner ?? null;
  }
}
