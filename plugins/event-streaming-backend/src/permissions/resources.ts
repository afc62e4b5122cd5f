import {
  createPermissionResourceRef,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import {
  CONNECTOR_RESOURCE_TYPE,
  TOPIC_IS_OWNER_RULE,
  TOPIC_RESOURCE_TYPE,
} from '@eventport/plugin-event-streaming-common';
import { z } from 'zod';

/** A topic as the permission framework sees it; `owner` comes from its namespace. */
export interface TopicResource {
  cluster: string;
  name: string;
  owner: string | null;
}

/** Criteria for filtering topics: owner is one of `owners`. */
export type TopicQuery = { owners: string[] };

export const topicResourceRef = createPermissionResourceRef<
  TopicResource,
  TopicQuery
>().with({ pluginId: 'event-streaming', resourceType: TOPIC_RESOURCE_TYPE });

/**
 * `IS_OWNER`: the topic's namespace is owned by one of `claims`
 * (typically the user's ownership refs).
 */
type IsOwnerParams = { claims: string[] };

const isOwnerParams = z.object({
  claims: z.array(z.string()).describe('Entity refs, e.g. the user ownership refs'),
});

export const isTopicOwnerRule: PermissionRule<
  TopicResource,
  TopicQuery,
  typeof TOPIC_RESOURCE_TYPE,
  IsOwnerParams
> = {
  name: TOPIC_IS_OWNER_RULE,
  description: "Allow when the topic's namespace is owned by one of the claims",
  resourceType: TOPIC_RESOURCE_TYPE,
  paramsSchema: isOwnerParams,
  apply: (resource, params) =>
    resource.owner !== null && params.claims.includes(resource.owner),
  toQuery: params => ({ owners: params.claims }),
};

/** Parses the resource ref `<cluster>/<topic>`. */
export function parseTopicRef(ref: string): { cluster: string; topic: string } {
  const slash = ref.indexOf('/');
  return { cluster: ref.slice(0, slash), topic: ref.slice(slash + 1) };
}

/** A connector as the permission framework sees it. */
export interface ConnectorPermissionResource {
  cluster: string;
  name: string;
  owner: string | null;
}

export const connectorResourceRef = createPermissionResourceRef<
  ConnectorPermissionResource,
  TopicQuery
>().with({ pluginId: 'event-streaming', resourceType: CONNECTOR_RESOURCE_TYPE });

export const isConnectorOwnerRule: PermissionRule<
  ConnectorPermissionResource,
  TopicQuery,
  typeof CONNECTOR_RESOURCE_TYPE,
  IsOwnerParams
> = {
  name: TOPIC_IS_OWNER_RULE,
  description:
    'Allow when the connector is owned (by its namespace or as recorded at creation) by one of the claims',
  resourceType: CONNECTOR_RESOURCE_TYPE,
  paramsSchema: isOwnerParams,
  apply: (resource, params) =>
    resource.owner !== null && params.claims.includes(resource.owner),
  toQuery: params => ({ owners: params.claims }),
};
