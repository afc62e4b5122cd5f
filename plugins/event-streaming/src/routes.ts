import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * The Event Streaming page; shared by the new and the legacy frontend system.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'event-streaming' });

/**
 * The approvals tab of the Event Streaming page.
 *
 * @public
 */
export const approvalsRouteRef = createSubRouteRef({
  id: 'event-streaming/approvals',
  parent: rootRouteRef,
  path: '/approvals',
});

/**
 * The page of one topic.
 *
 * @public
 */
export const topicRouteRef = createSubRouteRef({
  id: 'event-streaming/topic',
  parent: rootRouteRef,
  path: '/clusters/:cluster/topics/:topic',
});

/**
 * The schemas tab of the Event Streaming page.
 *
 * @public
 */
export const schemasRouteRef = createSubRouteRef({
  id: 'event-streaming/schemas',
  parent: rootRouteRef,
  path: '/schemas',
});

/**
 * The page of one schema artifact.
 *
 * @public
 */
export const schemaRouteRef = createSubRouteRef({
  id: 'event-streaming/schema',
  parent: rootRouteRef,
  path: '/clusters/:cluster/schemas/:groupId/:artifactId',
});

/**
 * The connectors tab of the Event Streaming page.
 *
 * @public
 */
export const connectorsRouteRef = createSubRouteRef({
  id: 'event-streaming/connectors',
  parent: rootRouteRef,
  path: '/connectors',
});

/**
 * The page of one Kafka Connect connector.
 *
 * @public
 */
export const connectorRouteRef = createSubRouteRef({
  id: 'event-streaming/connector',
  parent: rootRouteRef,
  path: '/clusters/:cluster/connectors/:name',
});

/**
 * The consumer groups tab of the Event Streaming page.
 *
 * @public
 */
export const consumerGroupsRouteRef = createSubRouteRef({
  id: 'event-streaming/consumer-groups',
  parent: rootRouteRef,
  path: '/consumer-groups',
});

/**
 * The page of one consumer group. Group ids can contain any character:
 * pass `encodeURIComponent(group)` as `group` (the router escapes only a
 * few characters itself).
 *
 * @public
 */
export const consumerGroupRouteRef = createSubRouteRef({
  id: 'event-streaming/consumer-group',
  parent: rootRouteRef,
  path: '/clusters/:cluster/consumer-groups/:group',
});

/**
 * The CDC pipelines tab of the Event Streaming page.
 *
 * @public
 */
export const cdcPipelinesRouteRef = createSubRouteRef({
  id: 'event-streaming/cdc-pipelines',
  parent: rootRouteRef,
  path: '/cdc',
});

/**
 * The wizard that sets up a CDC pipeline from a catalog database.
 *
 * @public
 */
export const cdcWizardRouteRef = createSubRouteRef({
  id: 'event-streaming/cdc-wizard',
  parent: rootRouteRef,
  path: '/cdc/new',
});

/**
 * The page of one CDC pipeline.
 *
 * @public
 */
export const cdcPipelineRouteRef = createSubRouteRef({
  id: 'event-streaming/cdc-pipeline',
  parent: rootRouteRef,
  path: '/cdc/pipelines/:id',
});
