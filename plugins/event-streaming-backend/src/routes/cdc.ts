import {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  cdcChangePreviewRequestSchema,
  cdcChangeRequestSchema,
  cdcDecommissionRequestSchema,
  CdcSourceSummary,
  cdcPipelineListQuerySchema,
  cdcPipelineRequestSchema,
  cdcPipelineSubmitSchema,
  cdcTableRefSchema,
} from '@eventport/plugin-event-streaming-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { CatalogChangeListener } from '../services/catalog/CatalogChanges';
import { CdcPipelineMonitor } from '../services/cdc/CdcPipelineMonitor';
import { CdcPipelineLifecycle } from '../services/cdc/CdcPipelineLifecycle';
import { CdcPipelineChanges } from '../services/cdc/CdcPipelineChanges';
import { CdcPipelineService } from '../services/cdc/CdcPipelineService';
import { CdcSources } from '../services/cdc/CdcSourceInspector';
import { audited, callerOf, parseInput } from './common';

export interface CdcRoutesOptions {
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  cdcSources: CdcSources;
  cdcPipelines: CdcPipelineService;
  cdcLifecycle: CdcPipelineLifecycle;
  cdcChanges: CdcPipelineChanges;
  cdcMonitor: CdcPipelineMonitor;
  catalogChanges: CatalogChangeListener;
}

const entityQuerySchema = z.object({ entityRef: z.string().min(1) }).strict();
const preflightSchema = z
  .object({
    sourceEntityRef: z.string().min(1),
    tables: z.array(cdcTableRefSchema).max(100),
  })
  .strict();

/** CDC routes under `/cdc`: sources, introspection, pre-flight, pipelines. */
export function createCdcRoutes(options: CdcRoutesOptions) {
  const { httpAuth, userInfo, cdcSources, cdcPipelines, cdcLifecycle } =
    options;
  const { cdcMonitor, auditor } = options;
  const router = Router();

  // The connections of the sources the caller may use (see /cdc/databases).
  router.get('/cdc/sources', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const usable = new Map<string, CdcSourceSummary>();
    for (const d of await cdcPipelines.databases(credentials, caller)) {
      if (d.source) usable.set(d.source.id, d.source);
    }
    res.json({ items: [...usable.values()] });
  });

  router.get('/cdc/databases', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    res.json({ items: await cdcPipelines.databases(credentials, caller) });
  });

  router.get('/cdc/introspection', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const { entityRef } = parseInput(entityQuerySchema, req.query, 'query');
    const { sourceId } = await cdcPipelines.sourceOf(
      entityRef,
      credentials,
      caller,
    );
    res.json(await cdcSources.inspector(sourceId).introspect());
  });

  router.post('/cdc/preflight', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const body = parseInput(preflightSchema, req.body, 'pre-flight request');
    const { sourceId } = await cdcPipelines.sourceOf(
      body.sourceEntityRef,
      credentials,
      caller,
    );
    res.json({
      items: await cdcSources.inspector(sourceId).preflight(body.tables),
    });
  });

  router.post('/cdc/pipelines/preview', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const body = parseInput(cdcPipelineRequestSchema, req.body, 'pipeline');
    res.json(await cdcPipelines.preview(body, caller, credentials));
  });

  router.post('/cdc/pipelines', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const body = parseInput(cdcPipelineSubmitSchema, req.body, 'pipeline');
    const submitted = await cdcPipelines.submit(body, caller, credentials, req);
    options.catalogChanges.touched(submitted.cluster, {
      pipelines: [submitted.id],
    });
    res.status(202).json(submitted);
  });

  router.get('/cdc/pipelines', async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const query = parseInput(cdcPipelineListQuerySchema, req.query, 'query');
    res.json(await cdcPipelines.list(query, caller));
  });

  router.get('/cdc/pipelines/:id', async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    res.json(await cdcPipelines.get(req.params.id, caller));
  });

  // The owner asks to remove a pipeline; the platform approvers decide.
  router.post('/cdc/pipelines/:id/decommission', async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const body = parseInput(
      cdcDecommissionRequestSchema,
      req.body,
      'decommission request',
    );
    res
      .status(202)
      .json(
        await cdcLifecycle.requestDecommission(
          req.params.id,
          body,
          caller,
          req,
        ),
      );
  });

  // The owner changes what a deployed pipeline captures: the diff first,
  // then a request for the security reviewers.
  router.post('/cdc/pipelines/:id/change/preview', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const body = parseInput(
      cdcChangePreviewRequestSchema,
      req.body,
      'pipeline change',
    );
    const { change } = await options.cdcChanges.preview(
      req.params.id,
      body,
      caller,
      credentials,
    );
    res.json(change);
  });

  router.post('/cdc/pipelines/:id/change', async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const body = parseInput(
      cdcChangeRequestSchema,
      req.body,
      'pipeline change',
    );
    res
      .status(202)
      .json(
        await options.cdcChanges.request(
          req.params.id,
          body,
          caller,
          credentials,
          req,
        ),
      );
  });

  // The owner pauses or resumes a deployed pipeline (GitOps: a commit).
  for (const action of ['pause', 'resume'] as const) {
    router.post(`/cdc/pipelines/:id/${action}`, async (req, res) => {
      const { caller } = await callerOf(req, httpAuth, userInfo);
      res.json(
        await audited(
          auditor,
          req,
          'cdc-pipeline-operate',
          { pipeline: req.params.id, action, actor: caller.userEntityRef },
          () => cdcLifecycle.operate(req.params.id, action, caller),
        ),
      );
    });
  }

  router.get('/cdc/pipelines/:id/status', async (req, res) => {
    const { caller } = await callerOf(req, httpAuth, userInfo);
    const pipeline = await cdcPipelines.get(req.params.id, caller);
    res.json({ pipeline, live: await cdcMonitor.live(pipeline) });
  });

  return router;
}
