import {
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { formatDurationMs } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { useClusters } from '../../hooks/useClusters';
import { relatedRefs, topicOf } from '../../lib/entity';
import { topicLinks } from '../../lib/links';
import { topicRouteRef } from '../../routes';
import { BreakableName } from '../BreakableName';
import { EntityRef } from '../EntityRef';
import { ErrorAlert } from '../ErrorAlert';
import { LinkButtons } from '../LinkButtons';
import { WordSafeTables } from '../WordSafeTables';

/**
 * The topic of a kafka-topic entity, read live: sizing, retention, cleanup
 * policy, owner, its schemas (from the catalog's relations), and links.
 */
const EntityKafkaTopicCardBody = () => {
  const { entity } = useEntity();
  const { cluster, topic } = topicOf(entity);
  const api = useApi(eventStreamingApiRef);
  const topicRoute = useRouteRef(topicRouteRef);
  const clusters = useClusters();
  const detail = useAsync(
    () => api.getTopic(cluster, topic),
    [api, cluster, topic],
  );
  const schemas = relatedRefs(entity, RELATION_DEPENDS_ON, 'api');

  let body;
  if (detail.error) {
    body = (
      <ErrorAlert
        error={detail.error}
        title={`Could not load topic ${topic}`}
      />
    );
  } else if (detail.loading || !detail.value) {
    body = <Progress aria-label={`Loading topic ${topic}`} />;
  } else {
    const t = detail.value;
    const info = clusters.value?.clusters.find(c => c.name === cluster);
    body = (
      <>
        <StructuredMetadataTable
          metadata={{
            name: <BreakableName name={t.name} />,
            cluster: info ? `${cluster} (${info.environment})` : cluster,
            partitions: t.partitions,
            'replication factor': t.replicationFactor,
            retention: formatDurationMs(t.retentionMs),
            'cleanup policy': t.cleanupPolicy,
            owner: <EntityRef entityRef={t.owner} fallback="nobody" />,
            schemas: schemas.length ? (
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {schemas.map(ref => (
                  <li key={ref}>
                    <EntityRef entityRef={ref} defaultKind="api" />
                  </li>
                ))}
              </ul>
            ) : (
              'none registered'
            ),
          }}
        />
        <Box display="flex" flexWrap="wrap" mt={2} style={{ gap: 8 }}>
          <LinkButtons
            links={info ? topicLinks(info.links, { cluster, topic }) : []}
          />
        </Box>
      </>
    );
  }
  return (
    <InfoCard
      title="Kafka topic"
      deepLink={{
        title: 'Open in Event Streaming',
        link: topicRoute({ cluster, topic }),
      }}
    >
      {body}
    </InfoCard>
  );
};

/** EntityKafkaTopicCardBody, whose tables wrap only at white space and separators. */
export const EntityKafkaTopicCard = () => (
  <WordSafeTables>
    <EntityKafkaTopicCardBody />
  </WordSafeTables>
);
