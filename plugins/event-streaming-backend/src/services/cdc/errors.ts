import { LoggerService } from '@backstage/backend-plugin-api';
import { CustomErrorBase, ServiceUnavailableError } from '@backstage/errors';
import { CdcSourceConfig } from './config';

/** The source answered a read-only query with an error we cannot map better. 502. */
export class CdcSourceQueryError extends CustomErrorBase {
  name = 'CdcSourceQueryError' as const;
  statusCode = 502;
}

/** Driver error codes that mean "could not reach or keep a connection". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR', // MariaDB/MySQL: too many connections
  'ER_BAD_DB_ERROR', // MariaDB/MySQL: unknown database
  'ER_SERVER_SHUTDOWN',
  '3D000', // PostgreSQL: database does not exist
  '53300', // too many connections
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now (starting up)
]);
const AUTH_CODES = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  '28000', // PostgreSQL: invalid authorization (pg_hba.conf)
  '28P01', // invalid password
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  '57014', // PostgreSQL: statement timeout
]);

/** The error's message with every occurrence of the password blanked out. */
function scrub(text: string, password: string | undefined): string {
  return password ? text.split(password).join('***') : text;
}

/** A driver error's message, code and nested causes (AggregateError for dual-stack hosts). */
function describe(error: unknown): { message: string; code?: string } {
  const e = error as Error & { code?: string; errors?: Error[] };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  let message = e?.message ?? '';
  if (!message && e?.errors?.length)
    message = e.errors.map(x => x.message).join('; ');
  if (!message) message = code ?? String(error);
  return { message, code };
}

/**
 * Turns a driver error into an `@backstage/errors` type whose message names
 * the source and ends with the cause (`...; caused by Error: ECONNREFUSED:
 * connect ECONNREFUSED 127.0.0.1:5432`), and never holds the password; its
 * `cause` is a scrubbed copy, not the driver's object (which may carry the
 * connection parameters).
 *
 * - unreachable, refused, shut down, unknown database, timeouts, rejected
 *   credentials: `ServiceUnavailableError` (503);
 * - any other error of a query: `CdcSourceQueryError` (502).
 */
export function cdcSourceError(
  source: CdcSourceConfig,
  what: string,
  error: unknown,
  logger?: LoggerService,
): Error {
  const { message: raw, code } = describe(error);
  const message = scrub(raw, source.password);
  const cause = new Error(code ? `${code}: ${message}` : message);
  const where = `CDC source '${source.id}' (${source.type} at ${source.host}:${source.port}, database ${source.database})`;
  const timedOut =
    (code !== undefined && TIMEOUT_CODES.has(code)) ||
    /timeout|timed out/i.test(message);
  let result: Error;
  if (code !== undefined && AUTH_CODES.has(code)) {
    result = new ServiceUnavailableError(
      `${where} rejected the credentials of user '${source.user}' (${what})`,
      cause,
    );
  } else if (timedOut) {
    result = new ServiceUnavailableError(
      `${where} did not answer within ${source.timeoutMs / 1000} s (${what})`,
      cause,
    );
  } else if (
    (code !== undefined && UNREACHABLE_CODES.has(code)) ||
    /connect|terminated|closed/i.test(message)
  ) {
    result = new ServiceUnavailableError(
      `${where} is unreachable (${what})`,
      cause,
    );
  } else {
    result = new CdcSourceQueryError(
      `${where} failed a read-only query (${what})`,
      cause,
    );
  }
  logger?.warn(result.message);
  return result;
}
