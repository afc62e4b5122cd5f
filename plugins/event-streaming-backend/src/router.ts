import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createHealthRoutes } from './routes/health';
import { HealthService } from './services/HealthService';

/** Assembles the plugin's routes; one module per area in `routes/`. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  health: HealthService;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(createHealthRoutes(options));
  return router;
}
