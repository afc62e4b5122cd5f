import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { HealthService } from '../services/HealthService';

/** `GET /health`: reachability of every configured cluster. */
export function createHealthRoutes(options: {
  httpAuth: HttpAuthService;
  health: HealthService;
}) {
  const { httpAuth, health } = options;
  const router = Router();
  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await health.check());
  });
  return router;
}
