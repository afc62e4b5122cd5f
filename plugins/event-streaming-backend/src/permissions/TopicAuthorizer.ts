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
  approvalDecidePermission,
  TOPIC_RESOURCE_TYPE,
  topicReadPermission,
  topicResourceRef as resourceRefOf,
} from '@eventport/plugin-event-streaming-common';
import { TopicResource, topicResourceRef } from './resources';

/**
 * Asks the Backstage permission framework. It runs after Eventport's own
 * ownership rules, so an organisation's policy can only restrict further.
 */
export class TopicAuthorizer {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly registry: PermissionsRegistryService,
  ) {}

  async assert(
    permission: ResourcePermission<typeof TOPIC_RESOURCE_TYPE>,
    cluster: string,
    topic: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: resourceRefOf(cluster, topic) }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `The permission policy does not allow ${permission.name} on topic '${topic}'.`,
      );
    }
  }

  /** A filter for the topics the caller may read, for lists. */
  async readFilter(
    credentials: BackstageCredentials,
  ): Promise<(topic: TopicResource) => boolean> {
    return (await this.readFilterUnlessAll(credentials)) ?? (() => true);
  }

  /**
   * As `readFilter`, but undefined when the caller may read every topic, so
   * that a list can be paged by the upstream system unfiltered.
   */
  async readFilterUnlessAll(
    credentials: BackstageCredentials,
  ): Promise<((topic: TopicResource) => boolean) | undefined> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: topicReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) return () => false;
    const authorize = createConditionAuthorizer(
      this.registry.getPermissionRuleset(topicResourceRef),
    );
    return topic => authorize(decision, topic);
  }

  async mayDecide(credentials: BackstageCredentials): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      [{ permission: approvalDecidePermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }
}
