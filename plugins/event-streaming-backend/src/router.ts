import express from 'express';
import Router from 'express-promise-router';
import { AlertRoutesOptions, createAlertRoutes } from './routes/alerts';
import { createApprovalRoutes } from './routes/approvals';
import { CatalogRoutesOptions, createCatalogRoutes } from './routes/catalog';
import { CdcRoutesOptions, createCdcRoutes } from './routes/cdc';
import { createClusterRoutes } from './routes/clusters';
import {
  ConnectorRoutesOptions,
  createConnectorRoutes,
} from './routes/connectors';
import { createHealthRoutes } from './routes/health';
import {
  createMonitoringRoutes,
  MonitoringRoutesOptions,
} from './routes/monitoring';
import { createSchemaRoutes, SchemaRoutesOptions } from './routes/schemas';
import { createTopicRoutes, TopicRoutesOptions } from './routes/topics';
import { HealthService } from './services/HealthService';

export interface RouterOptions
  extends TopicRoutesOptions,
    SchemaRoutesOptions,
    ConnectorRoutesOptions,
    MonitoringRoutesOptions,
    AlertRoutesOptions,
    CdcRoutesOptions,
    CatalogRoutesOptions {
  health: HealthService;
}

/** Assembles the plugin's routes; one module per area in `routes/`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(createHealthRoutes(options));
  router.use(createClusterRoutes(options));
  router.use(createTopicRoutes(options));
  router.use(createSchemaRoutes(options));
  router.use(createConnectorRoutes(options));
  router.use(createMonitoringRoutes(options));
  router.use(createAlertRoutes(options));
  router.use(createApprovalRoutes(options));
  router.use(createCdcRoutes(options));
  router.use(createCatalogRoutes(options));
  return router;
}
