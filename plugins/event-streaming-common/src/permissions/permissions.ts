import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of Kafka topics; resource refs are `<cluster>/<topic>`.
 *
 * @public
 */
export const TOPIC_RESOURCE_TYPE = 'event-streaming-topic';

/**
 * The resource ref of a topic in permission requests.
 *
 * @public
 */
export function topicResourceRef(cluster: string, topic: string): string {
  return `${cluster}/${topic}`;
}

/** @public */
export const topicReadPermission = createPermission({
  name: 'event-streaming.topic.read',
  attributes: { action: 'read' },
  resourceType: TOPIC_RESOURCE_TYPE,
});

/** @public */
export const topicCreatePermission = createPermission({
  name: 'event-streaming.topic.create',
  attributes: { action: 'create' },
  resourceType: TOPIC_RESOURCE_TYPE,
});

/** @public */
export const topicUpdatePermission = createPermission({
  name: 'event-streaming.topic.update',
  attributes: { action: 'update' },
  resourceType: TOPIC_RESOURCE_TYPE,
});

/** @public */
export const topicDeletePermission = createPermission({
  name: 'event-streaming.topic.delete',
  attributes: { action: 'delete' },
  resourceType: TOPIC_RESOURCE_TYPE,
});

/** @public */
export const approvalDecidePermission = createPermission({
  name: 'event-streaming.approval.decide',
  attributes: { action: 'update' },
});

/**
 * Registering a schema version; ownership of the artifact is checked too.
 *
 * @public
 */
export const schemaRegisterPermission = createPermission({
  name: 'event-streaming.schema.register',
  attributes: { action: 'create' },
});

/**
 * Changing an artifact's COMPATIBILITY rule; ownership of the artifact is
 * checked too, and weakening the rule needs an approval.
 *
 * @public
 */
export const schemaRuleUpdatePermission = createPermission({
  name: 'event-streaming.schema.rule.update',
  attributes: { action: 'update' },
});

/**
 * Resource type of Kafka Connect connectors; resource refs are
 * `<cluster>/<connector>`.
 *
 * @public
 */
export const CONNECTOR_RESOURCE_TYPE = 'event-streaming-connector';

/**
 * The resource ref of a connector in permission requests.
 *
 * @public
 */
export function connectorResourceRef(cluster: string, name: string): string {
  return `${cluster}/${name}`;
}

/**
 * Seeing a connector, its config (masked) and its tasks.
 *
 * @public
 */
export const connectorReadPermission = createPermission({
  name: 'event-streaming.connector.read',
  attributes: { action: 'read' },
  resourceType: CONNECTOR_RESOURCE_TYPE,
});

/**
 * Pause, resume, stop and restart a connector or its tasks; ownership is
 * checked too.
 *
 * @public
 */
export const connectorOperatePermission = createPermission({
  name: 'event-streaming.connector.operate',
  attributes: { action: 'update' },
  resourceType: CONNECTOR_RESOURCE_TYPE,
});

/**
 * Request the creation, a config change or the deletion of a connector
 * (each goes to approval); ownership is checked too.
 *
 * @public
 */
export const connectorManagePermission = createPermission({
  name: 'event-streaming.connector.manage',
  attributes: { action: 'update' },
  resourceType: CONNECTOR_RESOURCE_TYPE,
});

/** @public */
export const eventStreamingPermissions = [
  topicReadPermission,
  topicCreatePermission,
  topicUpdatePermission,
  topicDeletePermission,
  approvalDecidePermission,
  schemaRegisterPermission,
  schemaRuleUpdatePermission,
  connectorReadPermission,
  connectorOperatePermission,
  connectorManagePermission,
];

/**
 * Name and parameters of the IS_OWNER rule on topics.
 *
 * @public
 */
export const TOPIC_IS_OWNER_RULE = 'IS_OWNER';
