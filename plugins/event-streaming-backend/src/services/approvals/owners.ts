/**
 * Who owns the resource of each kind of request: the group whose members
 * see the request beside its requester, may cancel it, and are notified.
 */
import {
  ApprovalKind,
  ApprovalPayload,
} from '@eventport/plugin-event-streaming-common';
import { ConnectorOwnerStore } from '../connectors/ConnectorOwnerStore';
import { topicOfArtifact } from '../schemas/artifacts';
import { SchemaService } from '../schemas/SchemaService';
import { TopicPolicy } from '../topics/TopicPolicy';
import { OwnerResolver } from './ApprovalService';

export function approvalOwners(deps: {
  policy: TopicPolicy;
  connectorOwners: ConnectorOwnerStore;
  schemas: SchemaService;
}): OwnerResolver {
  const { policy, connectorOwners, schemas } = deps;
  return async (kind: ApprovalKind, payload: ApprovalPayload) => {
    const p = payload as Record<string, string>;
    switch (kind) {
      case 'topic.delete':
        return policy.namespaceOf(p.topic)?.owner;
      case 'schema.override':
      case 'schema.rule':
      case 'schema.delete': {
        // The artifact's owner as its page shows it; the namespace of the
        // topic it is named after when the registry cannot say.
        try {
          const artifact = await schemas
            .registry(p.cluster)
            .getArtifact(p.groupId, p.artifactId);
          return schemas.describe(artifact).owner ?? undefined;
        } catch {
          const topic = topicOfArtifact(p.artifactId);
          return topic ? policy.namespaceOf(topic)?.owner : undefined;
        }
      }
      case 'connector.create':
        return p.owner;
      case 'connector.update':
      case 'connector.delete':
        return connectorOwners.get(p.cluster, p.name);
      default:
        // CDC requests name their pipeline's owner.
        return p.owner;
    }
  };
}
