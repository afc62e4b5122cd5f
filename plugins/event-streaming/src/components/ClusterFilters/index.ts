export {
  ClusterFilters,
  clusterLabel,
  useClusterSelection,
} from './ClusterFilters';
export type { ClusterSelection } from './ClusterFilters';
