import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  artifactIdSchema,
  schemaDiffQuerySchema,
  schemaListQuerySchema,
  schemaRegisterPermission,
  schemaRegisterRequestSchema,
  SchemaRefusedResponse,
  SchemaRegisterResponse,
  schemaArtifactStateRequestSchema,
  schemaDeleteRequestSchema,
  schemaRuleChangeRequestSchema,
  schemaVersionStateRequestSchema,
  SchemaRuleChangeResponse,
  schemaRuleUpdatePermission,
  schemaValidateRequestSchema,
  topicReadPermission,
} from '@eventport/plugin-event-streaming-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { TopicAuthorizer } from '../permissions/TopicAuthorizer';
import { ApprovalService } from '../services/approvals/ApprovalService';
import { topicOfArtifact } from '../services/schemas/artifacts';
import { CatalogChangeListener } from '../services/catalog/CatalogChanges';
import { ClusterRegistry } from '../services/ClusterRegistry';
import { SchemaRegistrar } from '../services/schemas/SchemaRegistrar';
import { SchemaRules } from '../services/schemas/SchemaRules';
import { SchemaService } from '../services/schemas/SchemaService';
import { SchemaStates } from '../services/schemas/SchemaStates';
import { SchemaDeletion } from '../services/schemas/SchemaDeletion';
import { audited, callerOf, parseInput } from './common';

export interface SchemaRoutesOptions {
  approvals: ApprovalService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  permissions: PermissionsService;
  clusters: ClusterRegistry;
  schemas: SchemaService;
  registrar: SchemaRegistrar;
  rules: SchemaRules;
  states: SchemaStates;
  schemaDeletion: SchemaDeletion;
  catalogChanges: CatalogChangeListener;
  authorizer: TopicAuthorizer;
}

const artifactParams = z.object({
  cluster: z.string(),
  groupId: artifactIdSchema,
  artifactId: artifactIdSchema,
});

/** Schema registry routes under `/clusters/:cluster/schemas`. */
export function createSchemaRoutes(options: SchemaRoutesOptions) {
  const {
    approvals,
    httpAuth,
    userInfo,
    auditor,
    permissions,
    clusters,
    schemas,
    registrar,
    rules,
    states,
    schemaDeletion,
    authorizer,
  } = options;
  const router = Router();
  const base = '/clusters/:cluster/schemas/:groupId/:artifactId';

  const target = (req: Request) => {
    const p = parseInput(artifactParams, req.params, 'artifact');
    return { ...p, cluster: clusters.get(p.cluster).name };
  };

  async function assertAllowed(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `The permission policy does not allow ${permission.name}.`,
      );
    }
  }
  const assertMayRegister = (credentials: BackstageCredentials) =>
    assertAllowed(schemaRegisterPermission, credentials);

  /**
   * A schema named for a topic (`<topic>-value`, `<topic>-key`) is read with
   * the topic's read right: whoever may not see the topic does not see its
   * schema either.
   */
  async function assertMayReadTopicOf(
    t: { cluster: string; artifactId: string },
    credentials: BackstageCredentials,
  ) {
    const topic = topicOfArtifact(t.artifactId);
    if (topic) {
      await authorizer.assert(
        topicReadPermission,
        t.cluster,
        topic,
        credentials,
      );
    }
  }

  router.get('/clusters/:cluster/schemas', async (req, res) => {
    const { caller, credentials } = await callerOf(req, httpAuth, userInfo);
    const cluster = clusters.get(req.params.cluster).name;
    const query = parseInput(schemaListQuerySchema, req.query, 'query');
    // Schemas of topics the caller may not read are left out, as their
    // detail answers 403.
    const visible = await authorizer.readFilterUnlessAll(credentials);
    res.json(
      await schemas.list(cluster, query, visible, caller.ownershipEntityRefs),
    );
  });

  router.get(base, async (req, res) => {
    const { caller, credentials } = await callerOf(req, httpAuth, userInfo);
    const t = target(req);
    await assertMayReadTopicOf(t, credentials);
    res.json(await schemas.detail(t.cluster, t.groupId, t.artifactId, caller));
  });

  router.get(`${base}/versions/:version/content`, async (req, res) => {
    const { credentials } = await callerOf(req, httpAuth, userInfo);
    const t = target(req);
    await assertMayReadTopicOf(t, credentials);
    const version = parseInput(
      z
        .string()
        .min(1)
        .max(64)
        .regex(/^[^/\\%?#]+$/, "must not contain '/', '\\', '%', '?' or '#'")
        .refine(v => v !== '.' && v !== '..', "must not be '.' or '..'"),
      req.params.version,
      'version',
    );
    res.json(
      await schemas.content(t.cluster, t.groupId, t.artifactId, version),
    );
  });

  router.get(`${base}/diff`, async (req, res) => {
    const { credentials } = await callerOf(req, httpAuth, userInfo);
    const t = target(req);
    await assertMayReadTopicOf(t, credentials);
    const { from, to } = parseInput(schemaDiffQuerySchema, req.query, 'query');
    res.json(await schemas.diff(t.cluster, t.groupId, t.artifactId, from, to));
  });

  router.post(`${base}/validate`, async (req, res) => {
    const { credentials } = await callerOf(req, httpAuth, userInfo);
    const t = target(req);
    // The report explains the differences from the registered versions.
    await assertMayReadTopicOf(t, credentials);
    const body = parseInput(schemaValidateRequestSchema, req.body, 'schema');
    res.json(await schemas.validate(t.cluster, t.groupId, t.artifactId, body));
  });

  router.post(`${base}/versions`, async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const t = target(req);
    const body = parseInput(schemaRegisterRequestSchema, req.body, 'schema');
    if (body.override) {
      // An exception to the rule goes through a reviewed approval; the
      // approved payload is what gets registered.
      await assertMayRegister(credentials);
      const { payload } = await registrar.prepareOverride(
        t.cluster,
        t.groupId,
        t.artifactId,
        body.content,
        caller,
      );
      const open = await approvals.findOpen('schema.override', payload);
      if (open) {
        throw new ConflictError(
          `An override for this version of ${t.groupId}/${t.artifactId} is already open (${open.id}, ${open.status}).`,
        );
      }
      const request = await approvals.request({
        kind: 'schema.override',
        payload,
        reason: body.override.reason,
        caller,
        httpRequest: req,
      });
      res.status(202).json(request);
      return;
    }
    const outcome = await audited(
      auditor,
      req,
      'schema-register',
      {
        cluster: t.cluster,
        groupId: t.groupId,
        artifactId: t.artifactId,
        actor: caller.userEntityRef,
      },
      async () => {
        await assertMayRegister(credentials);
        const result = await registrar.register(
          t.cluster,
          t.groupId,
          t.artifactId,
          body,
          caller,
        );
        // A refusal is recorded as a failed event, with the registry's reason.
        if (!result.registered)
          throw Object.assign(new ConflictError(result.message), { result });
        return result;
      },
    ).catch(error => {
      if (error?.result) return error.result as typeof error.result;
      throw error;
    });
    if (outcome.registered) {
      options.catalogChanges.touched(t.cluster, {
        schemas: [{ groupId: t.groupId, artifactId: t.artifactId }],
      });
      const body201: SchemaRegisterResponse = {
        artifact: outcome.artifact,
        version: outcome.version,
        report: outcome.report,
      };
      res.status(201).json(body201);
      return;
    }
    const body409: SchemaRefusedResponse = {
      error: { name: 'ConflictError', message: outcome.message },
      report: outcome.report,
      registryViolations: outcome.registryViolations,
    };
    res.status(409).json(body409);
  });

  // Owners deprecate, disable or enable versions at once (Apicurio 3 keeps
  // states per version); `PUT .../state` sets every version.
  async function changeState(
    req: Request,
    version: string | undefined,
    state: 'ENABLED' | 'DEPRECATED' | 'DISABLED',
  ) {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const t = target(req);
    return audited(
      auditor,
      req,
      'schema-state-change',
      {
        cluster: t.cluster,
        groupId: t.groupId,
        artifactId: t.artifactId,
        version: version ?? 'all',
        state,
        actor: caller.userEntityRef,
      },
      async () => {
        await assertMayRegister(credentials);
        return states.set(
          t.cluster,
          t.groupId,
          t.artifactId,
          version,
          state,
          caller,
        );
      },
    );
  }

  router.put(`${base}/versions/:version/state`, async (req, res) => {
    const body = parseInput(
      schemaVersionStateRequestSchema,
      req.body,
      'version state',
    );
    res.json(await changeState(req, req.params.version, body.state));
  });

  router.put(`${base}/state`, async (req, res) => {
    const body = parseInput(
      schemaArtifactStateRequestSchema,
      req.body,
      'artifact state',
    );
    res.json(await changeState(req, undefined, body.state));
  });

  // Deleting an artifact is a request for the platform approvers, refused
  // while a topic that uses it exists.
  router.delete(base, async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const t = target(req);
    const body = parseInput(schemaDeleteRequestSchema, req.body, 'deletion');
    await assertMayRegister(credentials);
    const payload = await schemaDeletion.plan(
      t.cluster,
      t.groupId,
      t.artifactId,
      body.confirm,
      caller,
    );
    const open = await approvals.findOpen('schema.delete', payload);
    if (open) {
      throw new ConflictError(
        `A deletion of ${t.groupId}/${t.artifactId} is already open (${open.id}, ${open.status}).`,
      );
    }
    const request = await approvals.request({
      kind: 'schema.delete',
      payload,
      reason: body.reason,
      caller,
      httpRequest: req,
    });
    res.status(202).json(request);
  });

  // A stricter rule applies at once; a weaker one is an approval request.
  router.put(`${base}/rule`, async (req, res) => {
    const { credentials, caller } = await callerOf(req, httpAuth, userInfo);
    const t = target(req);
    const body = parseInput(schemaRuleChangeRequestSchema, req.body, 'rule');
    await assertAllowed(schemaRuleUpdatePermission, credentials);
    const plan = await rules.plan(
      t.cluster,
      t.groupId,
      t.artifactId,
      body,
      caller,
    );
    if (plan.immediate) {
      const rule = await audited(
        auditor,
        req,
        'schema-rule-change',
        {
          cluster: t.cluster,
          groupId: t.groupId,
          artifactId: t.artifactId,
          actor: caller.userEntityRef,
          from: plan.previous,
          to: body.mode,
        },
        () => rules.apply(t.cluster, t.groupId, t.artifactId, body.mode),
      );
      const body200: SchemaRuleChangeResponse = {
        rule,
        previous: plan.previous,
      };
      res.json(body200);
      return;
    }
    const open = await approvals.findOpen('schema.rule', plan.payload);
    if (open) {
      throw new ConflictError(
        `A change of the rule of ${t.groupId}/${t.artifactId} to ${body.mode} is already open (${open.id}, ${open.status}).`,
      );
    }
    const request = await approvals.request({
      kind: 'schema.rule',
      payload: plan.payload,
      reason: plan.reason,
      caller,
      httpRequest: req,
    });
    res.status(202).json(request);
  });

  return router;
}
