import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { ConnectorDetail } from '@eventport/plugin-event-streaming-common';
import Typography from '@mui/material/Typography';
import { topicRouteRef } from '../../routes';

/** The topics a connector reads or writes, each linking to its page. */
export const ConnectorTopicsCard = (props: {
  connector: ConnectorDetail;
  cluster: string;
}) => {
  const { connector, cluster } = props;
  const topicRoute = useRouteRef(topicRouteRef);
  const verb = connector.type === 'sink' ? 'reads' : 'writes';
  return (
    <InfoCard
      title="Topics"
      subheader={
        connector.type === 'unknown' ? 'Topics it uses' : `Topics it ${verb}`
      }
    >
      {connector.topics.length === 0 ? (
        <Typography variant="body2">
          No topics yet: Kafka Connect records a topic once the connector has
          used it.
        </Typography>
      ) : (
        <ul aria-label={`Topics of ${connector.name}`} style={{ margin: 0 }}>
          {connector.topics.map(topic => (
            <li key={topic}>
              <Link to={topicRoute({ cluster, topic })}>{topic}</Link>
            </li>
          ))}
        </ul>
      )}
    </InfoCard>
  );
};
