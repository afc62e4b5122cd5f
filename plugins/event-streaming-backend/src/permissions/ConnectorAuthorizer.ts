import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  CONNECTOR_RESOURCE_TYPE,
  connectorReadPermission,
  connectorResourceRef as resourceRefOf,
} from '@eventport/plugin-event-streaming-common';
import { ConnectorPermissionResource, connectorResourceRef } from './resources';

type ConnectorPermission = ResourcePermission<typeof CONNECTOR_RESOURCE_TYPE>;

/**
 * Asks the Backstage permission framework about connectors. It runs after
 * Eventport's ownership rules, so a policy can only restrict further.
 */
export class ConnectorAuthorizer {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly registry: PermissionsRegistryService,
  ) {}

  async allows(
    permission: ConnectorPermission,
    cluster: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: resourceRefOf(cluster, name) }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  async assert(
    permission: ConnectorPermission,
    cluster: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.allows(permission, cluster, name, credentials))) {
      throw new NotAllowedError(
        `The permission policy does not allow ${permission.name} on connector '${name}'.`,
      );
    }
  }

  /** A filter for the connectors the caller may read, for lists. */
  async readFilter(
    credentials: BackstageCredentials,
  ): Promise<(connector: ConnectorPermissionResource) => boolean> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: connectorReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return () => true;
    if (decision.result === AuthorizeResult.DENY) return () => false;
    const authorize = createConditionAuthorizer(
      this.registry.getPermissionRuleset(connectorResourceRef),
    );
    return connector => authorize(decision, connector);
  }
}
