import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { CatalogSnapshotService } from '../services/catalog/CatalogSnapshotService';
import { ClusterRegistry } from '../services/ClusterRegistry';

export interface CatalogRoutesOptions {
  httpAuth: HttpAuthService;
  clusters: ClusterRegistry;
  catalogSnapshots: CatalogSnapshotService;
}

/**
 * What the catalog module reads of a cluster. For services only (the
 * catalog backend): it holds every topic, schema and connector, unfiltered
 * by permissions, because catalog entities are filtered by the catalog's
 * own permission rules.
 */
export function createCatalogRoutes(options: CatalogRoutesOptions) {
  const { httpAuth, clusters, catalogSnapshots } = options;
  const router = Router();

  router.get('/catalog/clusters/:cluster', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const cluster = clusters.get(req.params.cluster).name;
    res.json(await catalogSnapshots.snapshot(cluster));
  });

  return router;
}
