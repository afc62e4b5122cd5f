import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  ConnectConfigDefinition,
  ConnectClient,
  ConnectConnector,
  ConnectPlugin,
  ConnectStatus,
  ConnectValidation,
  KafkaConnectConfig,
} from '@eventport/plugin-event-streaming-node';
import {
  messageOf,
  definitionOf,
  RawDefinition,
  RawStatus,
  RawValidation,
  statusOf,
  validationOf,
} from './connectMapping';
import { scrubConnectMessage } from './connectScrub';

/** Connect answered with an error we have no better mapping for. 502. */
export class ConnectRequestError extends CustomErrorBase {
  name = 'ConnectRequestError' as const;
  statusCode = 502;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** How a 409 during a rebalance is retried: delays between attempts. */
export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}
const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  firstDelayMs: 250,
  maxDelayMs: 4000,
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Connect refuses requests while its group rebalances: with 409 ("Cannot
 * complete request momentarily due to stale configuration", "... because of
 * a conflicting operation"), and, just after a connector is created, with
 * 500 "Request cannot be completed because a rebalance is expected". Both
 * pass; a 409 about a name in use does not.
 */
function isRebalance(status: number, message: string): boolean {
  if (status === 409) return !/already exists/i.test(message);
  return status === 500 && /rebalance/i.test(message);
}

/**
 * `ConnectClient` over Kafka Connect's REST API with `fetch`: a timeout on
 * every call, basic auth when configured, and 409 (rebalance) retries.
 */
/**
 * Connect's refusals quote values it resolved from references ("Invalid
 * value <secret> for configuration …"): the error goes on without them.
 */
function scrubbed(error: unknown, config: Record<string, string>): never {
  if (error instanceof Error) {
    error.message = scrubConnectMessage(error.message, config);
  }
  throw error;
}

export class RestConnectClient implements ConnectClient {
  private readonly base: string;
  private readonly authHeader?: string;

  constructor(
    private readonly options: {
      cluster: string;
      config: KafkaConnectConfig;
      logger?: LoggerService;
      retry?: Partial<RetryPolicy>;
    },
  ) {
    this.base = options.config.url.replace(/\/+$/, '');
    const auth = options.config.auth;
    if (auth) {
      this.authHeader = `Basic ${Buffer.from(
        `${auth.username}:${auth.password}`,
      ).toString('base64')}`;
    }
  }

  private get where() {
    return `Kafka Connect of cluster '${this.options.cluster}'`;
  }

  /**
   * One REST call: JSON in and out, the timeout per attempt, and retries
   * while Connect answers 409 for a rebalance.
   */
  private async call<T>(
    what: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const retry = { ...DEFAULT_RETRY, ...this.options.retry };
    const timeoutMs = this.options.config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let delay = retry.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(body !== undefined
              ? { 'content-type': 'application/json' }
              : {}),
            ...(this.authHeader ? { authorization: this.authHeader } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const e = error as Error & { cause?: { code?: string } };
        const cause =
          e.name === 'TimeoutError'
            ? `no answer within ${timeoutMs / 1000} s`
            : e.cause?.code ?? e.message;
        throw new ServiceUnavailableError(
          `${this.where} is unavailable (${what}): ${cause}`,
        );
      }
      const text = await res.text();
      if (res.ok) {
        return (text ? JSON.parse(text) : undefined) as T;
      }
      const message = messageOf(text, res.status);
      if (isRebalance(res.status, message)) {
        if (attempt < retry.attempts) {
          this.options.logger?.info(
            `${this.where} answered ${res.status} to ${what} (${message}); retrying in ${delay} ms (attempt ${attempt} of ${retry.attempts})`,
          );
          await sleep(delay);
          delay = Math.min(delay * 2, retry.maxDelayMs);
          continue;
        }
        throw new ServiceUnavailableError(
          `${this.where} is rebalancing and kept refusing to ${what} after ${retry.attempts} attempts: ${message}. Try again in a moment.`,
        );
      }
      throw this.mapError(what, res.status, message);
    }
  }

  private mapError(what: string, status: number, message: string): Error {
    if (status === 404) return new NotFoundError(`${what}: ${message}`);
    if (status === 409) return new ConflictError(message);
    if (status === 400 || status === 422) {
      return new InputError(`${this.where} refused to ${what}: ${message}`);
    }
    if (status === 401 || status === 403) {
      return new ConnectRequestError(
        `${this.where} refused Eventport's credentials (HTTP ${status}) to ${what}: ${message}. Check eventStreaming.clusters[].connect.auth.`,
      );
    }
    if (status === 502 || status === 503 || status === 504) {
      return new ServiceUnavailableError(
        `${this.where} is unavailable (${what}): HTTP ${status} ${message}`,
      );
    }
    return new ConnectRequestError(
      `${this.where} failed to ${what} (HTTP ${status}): ${message}`,
    );
  }

  private path(name: string, rest = '') {
    return `/connectors/${encodeURIComponent(name)}${rest}`;
  }

  async listConnectors(): Promise<ConnectConnector[]> {
    const raw = await this.call<
      Record<
        string,
        {
          info?: {
            name: string;
            type?: string;
            config: Record<string, string>;
          };
          status?: RawStatus;
        }
      >
    >('list connectors', 'GET', '/connectors?expand=status&expand=info');
    return Object.entries(raw).map(([name, entry]) => ({
      name,
      type: entry.info?.type ?? entry.status?.type ?? 'unknown',
      config: entry.info?.config ?? {},
      status: entry.status ? statusOf(entry.status) : undefined,
    }));
  }

  async getConnector(name: string): Promise<ConnectConnector> {
    const what = `read connector '${name}'`;
    const [info, status] = await Promise.all([
      this.call<{
        name: string;
        type?: string;
        config: Record<string, string>;
      }>(what, 'GET', this.path(name)),
      this.getStatus(name).catch(error => {
        // A connector just created has no status yet.
        if ((error as Error).name === 'NotFoundError') return undefined;
        throw error;
      }),
    ]);
    return {
      name: info.name,
      type: info.type ?? status?.type ?? 'unknown',
      config: info.config,
      status,
    };
  }

  async getStatus(name: string): Promise<ConnectStatus> {
    return statusOf(
      await this.call<RawStatus>(
        `read the status of connector '${name}'`,
        'GET',
        this.path(name, '/status'),
      ),
    );
  }

  async getTopics(name: string): Promise<string[]> {
    const raw = await this.call<Record<string, { topics: string[] }>>(
      `read the topics of connector '${name}'`,
      'GET',
      this.path(name, '/topics'),
    );
    return [...(raw[name]?.topics ?? [])].sort();
  }

  async pause(name: string): Promise<void> {
    await this.call(
      `pause connector '${name}'`,
      'PUT',
      this.path(name, '/pause'),
    );
  }

  async resume(name: string): Promise<void> {
    await this.call(
      `resume connector '${name}'`,
      'PUT',
      this.path(name, '/resume'),
    );
  }

  async stop(name: string): Promise<void> {
    await this.call(
      `stop connector '${name}'`,
      'PUT',
      this.path(name, '/stop'),
    );
  }

  async restart(
    name: string,
    options: { includeTasks: boolean; onlyFailed: boolean },
  ): Promise<void> {
    const query = `?includeTasks=${options.includeTasks}&onlyFailed=${options.onlyFailed}`;
    await this.call(
      `restart connector '${name}'`,
      'POST',
      this.path(name, `/restart${query}`),
    );
  }

  async restartTask(name: string, task: number): Promise<void> {
    await this.call(
      `restart task ${task} of connector '${name}'`,
      'POST',
      this.path(name, `/tasks/${task}/restart`),
    );
  }

  async listPlugins(): Promise<ConnectPlugin[]> {
    const raw = await this.call<
      Array<{ class: string; type: string; version?: string }>
    >('list connector plugins', 'GET', '/connector-plugins');
    return raw.map(p => ({
      className: p.class,
      type: p.type,
      version: p.version,
    }));
  }

  async pluginConfig(className: string): Promise<ConnectConfigDefinition[]> {
    const raw = await this.call<RawDefinition[]>(
      `read the config definition of ${className}`,
      'GET',
      `/connector-plugins/${encodeURIComponent(className)}/config`,
    );
    return (raw ?? []).filter(d => d?.name).map(d => definitionOf(d, d.name));
  }

  async validate(
    className: string,
    config: Record<string, string>,
  ): Promise<ConnectValidation> {
    const raw = await this.call<RawValidation>(
      `validate a config for ${className}`,
      'PUT',
      `/connector-plugins/${encodeURIComponent(className)}/config/validate`,
      { ...config, 'connector.class': className },
    );
    return validationOf(raw);
  }

  async create(name: string, config: Record<string, string>): Promise<void> {
    await this.call(`create connector '${name}'`, 'POST', '/connectors', {
      name,
      config,
    }).catch(error => scrubbed(error, config));
  }

  async putConfig(name: string, config: Record<string, string>): Promise<void> {
    await this.call(
      `update the config of connector '${name}'`,
      'PUT',
      this.path(name, '/config'),
      config,
    ).catch(error => scrubbed(error, config));
  }

  async delete(name: string): Promise<void> {
    await this.call(`delete connector '${name}'`, 'DELETE', this.path(name));
  }
}
