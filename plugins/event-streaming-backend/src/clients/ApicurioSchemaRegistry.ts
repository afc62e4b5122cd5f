// The Apicurio Registry client is the official SDK. It is published as an
// ES module only; the backend (CommonJS) loads it with require(), which
// Node.js 22.12 and later support for ES modules without top-level await
// (our engines are Node 22 and 24). Jest transforms it like any ES module
// in node_modules (Backstage CLI's Jest config).
import { RegistryClientFactory } from '@apicurio/apicurio-registry-sdk';
import {
  CustomErrorBase,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { CompatibilityMode } from '@eventport/plugin-event-streaming-common';
import type {
  EffectiveCompatibilityRule,
  SchemaArtifactPage,
  SchemaArtifactSummary,
  SchemaRegistration,
  SchemaRegistry,
  SchemaVersionSummary,
} from '@eventport/plugin-event-streaming-node';

import {
  artifactOf,
  contentTypeOf,
  messageOf,
  modeOf,
  statusOf,
  versionOf,
} from './apicurioMapping';

type Client = ReturnType<typeof RegistryClientFactory.createRegistryClient>;

/** A request to the registry failed with an answer we have no better mapping for. 502. */
export class SchemaRegistryRequestError extends CustomErrorBase {
  name = 'SchemaRegistryRequestError' as const;
  statusCode = 502;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** `SchemaRegistry` over Apicurio Registry 3's REST API, through the official SDK. */
export class ApicurioSchemaRegistry implements SchemaRegistry {
  private readonly client: Client;

  constructor(
    private readonly options: {
      cluster: string;
      url: string;
      timeoutMs?: number;
    },
  ) {
    this.client = RegistryClientFactory.createRegistryClient(options.url);
  }

  /** Runs one call with the timeout, mapping failures to @backstage/errors types. */
  private async run<T>(what: string, call: () => Promise<T>): Promise<T> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableError(
              `The schema registry of cluster '${
                this.options.cluster
              }' did not answer within ${timeoutMs / 1000} s (${what})`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([call(), timeout]);
    } catch (error) {
      throw this.mapError(what, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private mapError(what: string, error: unknown): Error {
    const e = error as Error & { violation?: unknown };
    if (
      e?.violation ||
      e?.name === 'ServiceUnavailableError' ||
      e?.name === 'NotFoundError'
    ) {
      return e;
    }
    const status = statusOf(error);
    const where = `the schema registry of cluster '${this.options.cluster}'`;
    if (status === 404)
      return new NotFoundError(
        `${what}: not found in ${where}: ${messageOf(error)}`,
      );
    if (
      status === undefined ||
      status === 502 ||
      status === 503 ||
      status === 504
    ) {
      return new ServiceUnavailableError(
        `${where} is unavailable (${what}): ${messageOf(error)}`,
      );
    }
    return new SchemaRegistryRequestError(
      `${where} refused to ${what} (HTTP ${status}): ${messageOf(error)}`,
    );
  }

  private artifact(groupId: string, artifactId: string) {
    return this.client.groups
      .byGroupId(groupId)
      .artifacts.byArtifactId(artifactId);
  }

  async searchArtifacts(query: {
    name?: string;
    artifactType?: string;
    offset: number;
    limit: number;
  }): Promise<SchemaArtifactPage> {
    const res = await this.run('search artifacts', () =>
      this.client.search.artifacts.get({
        queryParameters: {
          name: query.name || undefined,
          artifactType: query.artifactType,
          offset: query.offset,
          limit: query.limit,
          orderby: 'name',
          order: 'asc',
        },
      }),
    );
    return {
      totalCount: res?.count ?? 0,
      artifacts: (res?.artifacts ?? []).map(a =>
        artifactOf(a, { groupId: 'default', artifactId: '' }),
      ),
    };
  }

  async getArtifact(
    groupId: string,
    artifactId: string,
  ): Promise<SchemaArtifactSummary> {
    const a = await this.run(`read artifact ${groupId}/${artifactId}`, () =>
      this.artifact(groupId, artifactId).get(),
    );
    return artifactOf(a, { groupId, artifactId });
  }

  async listVersions(
    groupId: string,
    artifactId: string,
  ): Promise<SchemaVersionSummary[]> {
    const res = await this.run(
      `list the versions of ${groupId}/${artifactId}`,
      () =>
        this.artifact(groupId, artifactId).versions.get({
          queryParameters: {
            offset: 0,
            limit: 1000,
            orderby: 'globalId',
            order: 'asc',
          },
        }),
    );
    return (res?.versions ?? []).map(versionOf);
  }

  async getContent(
    groupId: string,
    artifactId: string,
    version: string,
  ): Promise<string> {
    const body = await this.run(
      `read version ${version} of ${groupId}/${artifactId}`,
      () =>
        this.artifact(groupId, artifactId)
          .versions.byVersionExpression(version)
          .content.get(),
    );
    return Buffer.from(body ?? new ArrayBuffer(0)).toString('utf8');
  }

  /** A rule read that answers undefined where the registry has none (404). */
  private async readRule(
    what: string,
    get: () => Promise<{ config?: string | null } | undefined>,
  ): Promise<CompatibilityMode | undefined> {
    try {
      return modeOf(await this.run(what, get));
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') return undefined;
      throw error;
    }
  }

  async getCompatibilityRule(
    groupId: string,
    artifactId: string,
  ): Promise<EffectiveCompatibilityRule> {
    const artifactRule = await this.getArtifactRule(groupId, artifactId);
    if (artifactRule) return { mode: artifactRule, source: 'artifact' };
    const groupRule = await this.readRule(
      `read the rule of group ${groupId}`,
      () =>
        this.client.groups
          .byGroupId(groupId)
          .rules.byRuleType('COMPATIBILITY')
          .get(),
    );
    if (groupRule) return { mode: groupRule, source: 'group' };
    const globalRule = await this.readRule('read the global rule', () =>
      this.client.admin.rules.byRuleType('COMPATIBILITY').get(),
    );
    if (globalRule) return { mode: globalRule, source: 'global' };
    return { mode: 'NONE', source: 'none' };
  }

  getArtifactRule(
    groupId: string,
    artifactId: string,
  ): Promise<CompatibilityMode | undefined> {
    return this.readRule(`read the rule of ${groupId}/${artifactId}`, () =>
      this.artifact(groupId, artifactId)
        .rules.byRuleType('COMPATIBILITY')
        .get(),
    );
  }

  async setArtifactRule(
    groupId: string,
    artifactId: string,
    mode: CompatibilityMode | null,
  ): Promise<void> {
    const rules = () => this.artifact(groupId, artifactId).rules;
    const what = `set the rule of ${groupId}/${artifactId}`;
    if (mode === null) {
      try {
        await this.run(what, () =>
          rules().byRuleType('COMPATIBILITY').delete(),
        );
      } catch (error) {
        if ((error as Error).name !== 'NotFoundError') throw error;
      }
      return;
    }
    try {
      await this.run(what, () =>
        rules()
          .byRuleType('COMPATIBILITY')
          .put({ ruleType: 'COMPATIBILITY', config: mode }),
      );
    } catch (error) {
      if ((error as Error).name !== 'NotFoundError') throw error;
      await this.run(what, () =>
        rules().post({ ruleType: 'COMPATIBILITY', config: mode }),
      );
    }
  }

  async setLabels(
    groupId: string,
    artifactId: string,
    labels: Record<string, string>,
  ): Promise<void> {
    const current = await this.getArtifact(groupId, artifactId);
    await this.run(`label ${groupId}/${artifactId}`, () =>
      this.artifact(groupId, artifactId).put({
        name: current.name,
        description: current.description,
        labels: { additionalData: labels },
      }),
    );
  }

  async setVersionState(
    groupId: string,
    artifactId: string,
    version: string,
    state: 'ENABLED' | 'DEPRECATED' | 'DISABLED',
  ): Promise<void> {
    await this.run(
      `set version ${version} of ${groupId}/${artifactId} ${state}`,
      () =>
        this.artifact(groupId, artifactId)
          .versions.byVersionExpression(version)
          .state.put({ state }),
    );
  }

  async deleteArtifact(groupId: string, artifactId: string): Promise<boolean> {
    try {
      await this.run(`delete ${groupId}/${artifactId}`, () =>
        this.artifact(groupId, artifactId).delete(),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') return false;
      throw error;
    }
  }

  async findVersionByContent(
    groupId: string,
    artifactId: string,
    content: string,
  ): Promise<SchemaVersionSummary | undefined> {
    // Newest first: a retried registration finds its version at once.
    for (const version of (
      await this.listVersions(groupId, artifactId)
    ).reverse()) {
      if (
        (await this.getContent(groupId, artifactId, version.version)) ===
        content
      ) {
        return version;
      }
    }
    return undefined;
  }

  async createArtifact(input: {
    groupId: string;
    artifactId: string;
    artifactType: string;
    content: string;
    labels?: Record<string, string>;
  }): Promise<SchemaVersionSummary> {
    const res = await this.run(
      `create artifact ${input.groupId}/${input.artifactId}`,
      () =>
        this.client.groups.byGroupId(input.groupId).artifacts.post({
          artifactId: input.artifactId,
          artifactType: input.artifactType,
          ...(input.labels ? { labels: { additionalData: input.labels } } : {}),
          firstVersion: {
            content: {
              content: input.content,
              contentType: contentTypeOf(input.artifactType),
            },
          },
        }),
    );
    return versionOf(res?.version);
  }

  async registerVersion(
    groupId: string,
    artifactId: string,
    content: string,
    options: { dryRun?: boolean; artifactType?: string } = {},
  ): Promise<SchemaRegistration> {
    const artifactType =
      options.artifactType ??
      (await this.getArtifact(groupId, artifactId)).artifactType;
    try {
      const v = await this.run(
        `register a version of ${groupId}/${artifactId}`,
        async () => {
          try {
            return await this.artifact(groupId, artifactId).versions.post(
              {
                content: { content, contentType: contentTypeOf(artifactType) },
              },
              { queryParameters: { dryRun: options.dryRun ?? false } },
            );
          } catch (error) {
            // Apicurio 3.0-3.2 answers a rule violation with 409, 3.3 and later
            // with 400; both carry the causes.
            const causes = (error as { causes?: unknown }).causes;
            const status = statusOf(error);
            if ((status === 409 || status === 400) && Array.isArray(causes)) {
              throw Object.assign(new Error('rule violation'), {
                violation: error,
              });
            }
            throw error;
          }
        },
      );
      return {
        registered: true,
        version: versionOf(v),
      };
    } catch (error) {
      const violation = (
        error as {
          violation?: {
            causes?: { description?: string | null; context?: string | null }[];
            detail?: string | null;
            title?: string | null;
          };
        }
      ).violation;
      if (!violation) throw error;
      const rule = /COMPATIBILITY|VALIDITY|INTEGRITY/.exec(
        `${violation.title ?? ''} ${violation.detail ?? ''}`,
      )?.[0];
      return {
        registered: false,
        rule,
        violations: (violation.causes ?? []).map(c => ({
          description: c.description ?? '',
          context: c.context ?? undefined,
        })),
      };
    }
  }
}
