import {
  BackendFeature,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { DEMO_SECRETS } from '@eventport/devstack';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { Knex } from 'knex';
import { CapturingLogger } from './capturingLogger';

/**
 * The secret sweep of issue 25: every backend a test starts through the
 * harness keeps what it produced (every response body, every log line and
 * audit event, every approval request's payload and history), and when it
 * stops, all of it is searched for every secret value the stack holds. Any
 * hit fails the suite that started the backend (its `afterAll`), naming
 * where the secret was found, never the value.
 *
 * The secrets: the devstack Connect worker's (its secrets file, folder and
 * environment, which `${file:…}`, `${dir:…}` and `${env:…}` resolve), and
 * every password, secret or token in the backend's own config (the CDC
 * sources' passwords, SASL passwords, the GitOps token).
 *
 * `EVENTPORT_SECRET_SWEEP_LOG` names a file to which each sweep appends one
 * JSON line with what it scanned, for the figures of a run.
 */

const SECRET_KEY = /pass(word)?|secret|token|credential/i;
/** Values shorter than this are not distinctive enough to search for. */
const MIN_LENGTH = 8;

/** Secret values in a config tree (references such as `${env:X}` are not values). */
export function secretsInConfig(
  config: unknown,
  found: Map<string, string> = new Map(),
  at = '',
): Map<string, string> {
  if (Array.isArray(config)) {
    config.forEach((v, i) => secretsInConfig(v, found, `${at}[${i}]`));
  } else if (config && typeof config === 'object') {
    for (const [key, value] of Object.entries(config)) {
      const path = at ? `${at}.${key}` : key;
      if (
        typeof value === 'string' &&
        SECRET_KEY.test(key) &&
        !/^\$\{.*\}$/.test(value)
      ) {
        found.set(value, path);
      } else {
        secretsInConfig(value, found, path);
      }
    }
  }
  return found;
}

/** Every secret value the stack and this config hold, with a name for each. */
export function stackSecrets(config: unknown): Map<string, string> {
  const secrets = secretsInConfig(config);
  for (const [key, value] of Object.entries(DEMO_SECRETS)) {
    secrets.set(value, `the Connect worker's ${key}`);
  }
  for (const value of [...secrets.keys()]) {
    if (value.length < MIN_LENGTH) secrets.delete(value);
  }
  return secrets;
}

/** One source of text the backend produced, e.g. "GET /topics → 200". */
interface Produced {
  where: string;
  text: string;
}

export class SecretSweep {
  private readonly produced: Produced[] = [];
  private readonly extraSecrets = new Map<string, string>();

  /** `config`: the backend's whole config, as its root config service reads it. */
  constructor(private config: unknown = {}) {}

  setConfig(config: unknown) {
    this.config = config;
  }

  record(where: string, text: string | undefined) {
    if (text) this.produced.push({ where, text });
  }

  /** A secret the test knows of that config does not show. */
  addSecret(value: string, name: string) {
    this.extraSecrets.set(value, name);
  }

  /** The approval requests' payloads and histories, as stored. */
  async recordApprovals(knex: Knex) {
    if (!(await knex.schema.hasTable('event_streaming_approvals'))) return;
    const rows = await knex('event_streaming_approvals').select();
    for (const row of rows) {
      this.record(`approval request ${row.id}`, JSON.stringify(row));
    }
  }

  /** Every commit of a git repository, with its patches. */
  recordGitHistory(dir: string) {
    if (!fs.existsSync(dir)) return;
    const log = execFileSync('git', ['log', '--all', '-p', '--format=%H %s'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    this.record(`git history of ${dir}`, log);
  }

  /**
   * Searches everything recorded; throws naming each secret (by its name,
   * not its value) and where it was found.
   */
  check(label: string) {
    const secrets = new Map([
      ...stackSecrets(this.config),
      ...this.extraSecrets,
    ]);
    const hits: string[] = [];
    let bytes = 0;
    for (const { where, text } of this.produced) {
      bytes += text.length;
      for (const [value, name] of secrets) {
        if (text.includes(value)) hits.push(`${name} in ${where}`);
      }
    }
    const log = process.env.EVENTPORT_SECRET_SWEEP_LOG;
    if (log) {
      fs.appendFileSync(
        log,
        `${JSON.stringify({
          suite: label,
          scanned: this.produced.length,
          bytes,
          secrets: secrets.size,
          hits: hits.length,
        })}\n`,
      );
    }
    if (hits.length) {
      throw new Error(
        `Secret sweep of ${label}: ${
          hits.length
        } secret value(s) found in what the backend produced:\n${[
          ...new Set(hits),
        ]
          .slice(0, 20)
          .join('\n')}`,
      );
    }
  }
}

/** A body as the client reads it: Backstage compresses responses. */
function decoded(body: Buffer, encoding: unknown): string {
  try {
    if (encoding === 'gzip') return zlib.gunzipSync(body).toString('utf8');
    if (encoding === 'deflate') return zlib.inflateSync(body).toString('utf8');
    if (encoding === 'br') {
      return zlib.brotliDecompressSync(body).toString('utf8');
    }
  } catch {
    // A body cut short (an aborted response): keep the bytes as they are.
  }
  return body.toString('utf8');
}

/** Keeps the body of every response the server sends. */
function recordResponses(server: Server, sweep: SecretSweep) {
  // First, so that the body is caught even when a route answers at once.
  server.prependListener('request', (req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    // As asked: routers rewrite req.url while they route.
    const asked = `${req.method} ${req.url}`;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function')
        return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              String(chunk),
              typeof encoding === 'string'
                ? (encoding as BufferEncoding)
                : 'utf8',
            ),
      );
    };
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      sweep.record(
        `${asked} → ${res.statusCode}`,
        decoded(Buffer.concat(chunks), res.getHeader('content-encoding')),
      );
      return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
    }) as typeof res.end;
  });
}

/**
 * The root logger to give a test backend whose output is swept: every log
 * line and audit event is kept.
 */
export function capturingRootLogger(logger: CapturingLogger) {
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => logger,
  });
}

/** A plugin that hands the backend's whole config to the sweep. */
function configOf(sweep: SecretSweep) {
  return createBackendPlugin({
    pluginId: 'secret-sweep',
    register(env) {
      env.registerInit({
        deps: { config: coreServices.rootConfig },
        async init({ config }) {
          sweep.setConfig(config.get());
        },
      });
    },
  });
}

/**
 * `startTestBackend`, swept: every response its server sends and every log
 * line and audit event are kept; its `stop()` then also searches them, the
 * approval requests in `knex` and the commits of `gitRepository` for the
 * secrets of the backend's config and of the stack, and throws on any hit.
 * Give no root logger in `features`: the sweep brings its own.
 */
export async function startSweptTestBackend(options: {
  features: BackendFeature[];
  logger?: CapturingLogger;
  knex?: Knex;
  gitRepository?: string;
}) {
  const logger = options.logger ?? new CapturingLogger();
  const sweep = new SecretSweep();
  const backend = await startTestBackend({
    features: [
      ...options.features,
      capturingRootLogger(logger),
      configOf(sweep),
    ],
  });
  recordResponses(backend.server, sweep);
  const stopBackend = backend.stop.bind(backend);
  const label = expect.getState().testPath ?? 'a backend';
  const stop = async () => {
    if (options.knex) await sweep.recordApprovals(options.knex).catch(() => {});
    if (options.gitRepository) sweep.recordGitHistory(options.gitRepository);
    await stopBackend();
    sweep.record('log lines and audit events', logger.text());
    sweep.check(label);
  };
  return Object.assign(backend, { stop, sweep });
}
