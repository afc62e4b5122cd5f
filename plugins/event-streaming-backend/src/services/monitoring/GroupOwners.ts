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
    /** Every recorded connector owner of a cluster, read once per list. */
    private readonly recordedOwners?: (
      cluster: string,
    ) => Promise<Map<string, string>>,
  ) {}

  async ownerOf(cluster: string, groupId: string): Promise<string | null> {
    const ns = this.policy.namespaceOf(groupId);
    if (ns) return ns.owner;
    if (!groupId.startsWith('connect-')) return null;
    const connector = groupId.slice('connect-'.length);
    if (this.connectorOwner) return this.connectorOwner(cluster, connector);
    return this.policy.namespaceOf(connector)?.owner ?? null;
  }

  /**
   * The owners of many groups, in order: namespaces in memory, and the
   * recorded connector owners read once for the whole list (not a query per
   * Connect group).
   */
  async ownersOf(
    cluster: string,
    groupIds: readonly string[],
  ): Promise<(string | null)[]> {
    let recorded: Map<string, string> | undefined;
    const owners: (string | null)[] = [];
    for (const groupId of groupIds) {
      const ns = this.policy.namespaceOf(groupId);
      if (ns || !groupId.startsWith('connect-')) {
        owners.push(ns?.owner ?? null);
        continue;
      }
      const connector = groupId.slice('connect-'.length);
      const connectorNs = this.policy.namespaceOf(connector);
      if (connectorNs) {
        owners.push(connectorNs.owner);
      } else if (this.recordedOwners) {
        recorded ??= await this.recordedOwners(cluster);
        owners.push(recorded.get(connector) ?? null);
      } else if (this.connectorOwner) {
        owners.push(await this.connectorOwner(cluster, connector));
      } else {
        owners.push(null);
      }
    }
    return owners;
  }
}
