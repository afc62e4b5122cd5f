import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../api';

/** The configured clusters, namespaces and naming pattern. */
export function useClusters() {
  const api = useApi(eventStreamingApiRef);
  return useAsyncRetry(() => api.listClusters(), [api]);
}
