import { InfoCard, Progress } from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { topicEntityRef } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ErrorAlert } from '../ErrorAlert';

type Group = { title: string; refs: string[] };

/**
 * What the catalog relates to the topic, read from its entity's relations:
 * a component that produces it depends on nothing of it but is a dependency
 * of it (`dependsOn` from the topic's side), a reader is the reverse, and
 * schemas (APIs), connectors and pipelines are the other entities.
 */
function groupsOf(entity: Entity): Group[] {
  const relations = entity.relations ?? [];
  const kindOf = (ref: string) => parseEntityRef(ref).kind.toLowerCase();
  const of = (type: string, kind: (k: string) => boolean) => [
    ...new Set(
      relations
        .filter(r => r.type === type && kind(kindOf(r.targetRef)))
        .map(r => r.targetRef),
    ),
  ];
  const component = (k: string) => k === 'component';
  const resource = (k: string) => k === 'resource';
  return [
    { title: 'Produced by', refs: of('dependsOn', component) },
    { title: 'Read by', refs: of('dependencyOf', component) },
    { title: 'Schemas', refs: of('dependsOn', k => k === 'api') },
    {
      title: 'Connectors and CDC pipelines',
      refs: [
        ...new Set([
          ...of('dependencyOf', resource),
          ...of('dependsOn', resource),
        ]),
      ],
    },
  ];
}

/**
 * The topic's catalog entity and what the catalog relates to it: the
 * components that declare they produce or read it, its schemas, and the
 * connectors and pipelines that use it, each a link to its entity page.
 */
export const TopicRelatedCard = (props: { cluster: string; topic: string }) => {
  // An app without the catalog plugin has no catalog API: the card says so
  // instead of failing the page.
  const catalog = useApiHolder().get(catalogApiRef);
  const ref = topicEntityRef(props.cluster, props.topic);
  const entity = useAsync(
    async () => catalog?.getEntityByRef(ref),
    [catalog, ref],
  );

  let body;
  if (!catalog) {
    body = (
      <Typography variant="body2">
        This Backstage app has no software catalog, so nothing is related to the
        topic here.
      </Typography>
    );
  } else if (entity.error) {
    body = (
      <ErrorAlert error={entity.error} title="Could not read the catalog" />
    );
  } else if (entity.loading) {
    body = <Progress aria-label="Loading the catalog's relations" />;
  } else if (!entity.value) {
    body = (
      <Typography variant="body2">
        The catalog has no entity for this topic yet: the catalog module adds
        topics on its next refresh (or the module is not installed).
      </Typography>
    );
  } else {
    const groups = groupsOf(entity.value);
    body = (
      <>
        <Typography variant="body2" gutterBottom>
          Catalog entity:{' '}
          <EntityRefLink entityRef={stringifyEntityRef(entity.value)} />
        </Typography>
        {groups.map(group => (
          <Box key={group.title} mt={1}>
            <Typography variant="subtitle2" component="h3">
              {group.title}
            </Typography>
            {group.refs.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                None in the catalog.
              </Typography>
            ) : (
              <ul aria-label={group.title} style={{ margin: 0 }}>
                {group.refs.map(r => (
                  <li key={r}>
                    <EntityRefLink entityRef={r} />
                  </li>
                ))}
              </ul>
            )}
          </Box>
        ))}
      </>
    );
  }
  return <InfoCard title="In the catalog">{body}</InfoCard>;
};
