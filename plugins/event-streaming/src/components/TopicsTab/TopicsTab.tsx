import { InfoCard } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import { topicRouteRef } from '../../routes';
import { CreateTopicDialog } from '../CreateTopicDialog';
import {
  ClusterFilters,
  clusterLabel,
  useClusterSelection,
} from '../ClusterFilters';
import { TopicTable } from '../TopicTable';
import { WRAPPING_HEADER } from '../../lib/styles';
import { OwnershipToggle, useOwnershipFilter } from '../OwnershipToggle';

/**
 * The topics of one cluster: mine or all, searched and paged by the backend,
 * with a button to create a topic in one of the caller's namespaces.
 */
export const TopicsTab = () => {
  const { selection, placeholder } = useClusterSelection();
  const navigate = useNavigate();
  const topicRoute = useRouteRef(topicRouteRef);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const { owned, ownsNamespace, setOwned } = useOwnershipFilter(selection);
  useDebounce(() => setQuery(search.trim()), 300, [search]);

  if (!selection) return placeholder;
  const { cluster } = selection;
  const { namespaces, namingPattern } = selection.list;

  return (
    <InfoCard
      title="Topics"
      subheader={clusterLabel(cluster)}
      headerStyle={WRAPPING_HEADER}
      action={
        <Button
          variant="contained"
          color="primary"
          startIcon={<AddIcon />}
          onClick={() => setCreating(true)}
          disabled={!ownsNamespace}
        >
          Create topic
        </Button>
      }
    >
      {!ownsNamespace && (
        <Typography variant="body2" paragraph>
          You cannot create topics: your teams own no topic namespace. Ask the
          platform team to add one for your team.
        </Typography>
      )}
      <ClusterFilters selection={selection} idPrefix="topics">
        <OwnershipToggle noun="topics" owned={owned} onChange={setOwned} />
        <TextField
          variant="standard"
          id="topics-search"
          label="Search topics"
          type="search"
          value={search}
          onChange={e => setSearch(e.target.value)}
        />
      </ClusterFilters>
      <TopicTable
        key={`${cluster.name}|${owned}|${query}`}
        cluster={cluster.name}
        owned={owned}
        query={query}
        onShowAll={() => setOwned(false)}
      />
      {creating && (
        <CreateTopicDialog
          open
          cluster={cluster}
          namespaces={namespaces}
          namingPattern={namingPattern}
          onClose={() => setCreating(false)}
          onCreated={topic =>
            navigate(topicRoute({ cluster: cluster.name, topic: topic.name }))
          }
        />
      )}
    </InfoCard>
  );
};
