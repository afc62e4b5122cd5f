import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import { describeRequest } from '../../lib/approvals';
import {
  cdcPipelineRouteRef,
  connectorRouteRef,
  schemaRouteRef,
  topicRouteRef,
} from '../../routes';
import { BreakableName } from '../BreakableName';

/**
 * The request's subject, linked to its page so that an approver can look at
 * the topic, schema, connector or pipeline before deciding. What does not
 * exist (a connector still to be created, a resource an executed deletion
 * removed) stays plain text.
 */
export const SubjectLink = (props: { request: ApprovalRequest }) => {
  const { request } = props;
  const topicRoute = useRouteRef(topicRouteRef);
  const schemaRoute = useRouteRef(schemaRouteRef);
  const connectorRoute = useRouteRef(connectorRouteRef);
  const pipelineRoute = useRouteRef(cdcPipelineRouteRef);
  const name = <BreakableName name={describeRequest(request).subject} />;
  const removed =
    request.status === 'executed' && request.kind.endsWith('.delete');
  let to: string | undefined;
  switch (request.kind) {
    case 'topic.delete':
      to = topicRoute({
        cluster: request.payload.cluster,
        topic: request.payload.topic,
      });
      break;
    case 'schema.override':
    case 'schema.rule':
    case 'schema.delete':
      to = schemaRoute({
        cluster: request.payload.cluster,
        groupId: request.payload.groupId,
        artifactId: request.payload.artifactId,
      });
      break;
    case 'connector.update':
    case 'connector.delete':
      to = connectorRoute({
        cluster: request.payload.cluster,
        name: request.payload.name,
      });
      break;
    case 'connector.create':
      // Created only on approval: there is no page before.
      to =
        request.status === 'executed'
          ? connectorRoute({
              cluster: request.payload.cluster,
              name: request.payload.name,
            })
          : undefined;
      break;
    case 'cdc.deploy':
    case 'cdc.change':
    case 'cdc.decommission':
      to = pipelineRoute({ id: request.payload.pipelineId });
      break;
    default:
      to = undefined;
  }
  if (!to || removed) return name;
  return <Link to={to}>{name}</Link>;
};
