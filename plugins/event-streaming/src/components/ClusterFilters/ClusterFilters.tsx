import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type {
  ClusterInfo,
  ClusterListResponse,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { ReactElement, ReactNode, useState } from 'react';
import { useClusters } from '../../hooks/useClusters';
import { NoClustersState } from '../NoClustersState';

/** The clusters, once loaded, and the one the user picked (the first by default). */
export interface ClusterSelection {
  list: ClusterListResponse;
  cluster: ClusterInfo;
  select(name: string): void;
}

/**
 * The clusters for a tab: either the selection, or what to show instead
 * while they load, when loading failed, or when none is configured.
 */
export function useClusterSelection():
  | { selection: ClusterSelection; placeholder?: undefined }
  | { selection?: undefined; placeholder: ReactElement } {
  const clusters = useClusters();
  const [name, setName] = useState<string>();
  if (clusters.error) {
    return {
      placeholder: (
        <ResponseErrorPanel
          error={clusters.error}
          title="Could not load the clusters"
        />
      ),
    };
  }
  if (clusters.loading || !clusters.value) {
    return { placeholder: <Progress aria-label="Loading clusters" /> };
  }
  if (clusters.value.clusters.length === 0) {
    return { placeholder: <NoClustersState /> };
  }
  const list = clusters.value;
  return {
    selection: {
      list,
      cluster: list.clusters.find(c => c.name === name) ?? list.clusters[0],
      select: setName,
    },
  };
}

/** `name (environment)`, the subheader of a tab's card. */
export const clusterLabel = (cluster: ClusterInfo) =>
  `${cluster.name} (${cluster.environment})`;

/**
 * A tab's row of filters: the cluster picker (only with more than one
 * cluster), then the tab's own fields.
 */
export const ClusterFilters = (props: {
  selection: ClusterSelection;
  /** Prefix of the picker's id, e.g. `topics` gives `topics-cluster`. */
  idPrefix: string;
  children?: ReactNode;
}) => {
  const { selection, idPrefix } = props;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      mb={2}
      style={{ gap: 16 }}
    >
      {selection.list.clusters.length > 1 && (
        <TextField
          variant="standard"
          select
          id={`${idPrefix}-cluster`}
          label="Cluster"
          value={selection.cluster.name}
          onChange={e => selection.select(e.target.value)}
          SelectProps={{ native: true }}
        >
          {selection.list.clusters.map(c => (
            <option key={c.name} value={c.name}>
              {clusterLabel(c)}
            </option>
          ))}
        </TextField>
      )}
      {props.children}
    </Box>
  );
};
