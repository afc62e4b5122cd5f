import {
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { describeMode } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { schemaOf } from '../../lib/entity';
import { formatLabel } from '../../lib/schemas';
import { schemaRouteRef } from '../../routes';
import { EntityRef } from '../EntityRef';
import { ErrorAlert } from '../ErrorAlert';
import { SchemaVersionsCard } from '../SchemaPage/SchemaVersionsCard';
import { WordSafeTables } from '../WordSafeTables';

/**
 * The schema artifact of an Eventport API entity, read live from the
 * registry: type, owner, compatibility rule and versions, and the content of
 * any version.
 */
const EntitySchemaCardBody = () => {
  const { entity } = useEntity();
  const { cluster, groupId, artifactId } = schemaOf(entity);
  const api = useApi(eventStreamingApiRef);
  const schemaRoute = useRouteRef(schemaRouteRef);
  const [selected, setSelected] = useState<string>();
  const detail = useAsync(
    () => api.getSchema(cluster, groupId, artifactId),
    [api, cluster, groupId, artifactId],
  );

  let body;
  if (detail.error) {
    body = (
      <ErrorAlert
        error={detail.error}
        title={`Could not load schema ${groupId}/${artifactId}`}
      />
    );
  } else if (detail.loading || !detail.value) {
    body = <Progress aria-label={`Loading schema ${artifactId}`} />;
  } else {
    const { artifact, rule, versions } = detail.value;
    const latest = versions[versions.length - 1]?.version;
    body = (
      <>
        <StructuredMetadataTable
          metadata={{
            artifact: `${artifact.groupId}/${artifact.artifactId}`,
            type: formatLabel(artifact.format, artifact.artifactType),
            owner: <EntityRef entityRef={artifact.owner} fallback="nobody" />,
            'compatibility rule': rule.mode,
            versions: versions.length,
            'latest version': latest ?? 'none',
          }}
        />
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 8 }}
        >
          {describeMode(rule.mode)}
        </Typography>
        {latest && (
          <Box mt={2}>
            <SchemaVersionsCard
              cluster={cluster}
              groupId={groupId}
              artifactId={artifactId}
              format={artifact.format}
              versions={versions}
              selected={selected ?? latest}
              onSelect={setSelected}
            />
          </Box>
        )}
      </>
    );
  }
  return (
    <InfoCard
      title="Schema"
      deepLink={{
        title: 'Open in Event Streaming',
        link: schemaRoute({ cluster, groupId, artifactId }),
      }}
    >
      {body}
    </InfoCard>
  );
};

/** EntitySchemaCardBody, whose tables wrap only at white space and separators. */
export const EntitySchemaCard = () => (
  <WordSafeTables>
    <EntitySchemaCardBody />
  </WordSafeTables>
);
