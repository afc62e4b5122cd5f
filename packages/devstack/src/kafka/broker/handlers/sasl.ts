/** SaslHandshake and SaslAuthenticate for SASL/PLAIN. */
import { timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors';
import type {
  SaslAuthenticateRequest,
  SaslAuthenticateResponse,
} from '../../protocol/generated/saslAuthenticate';
import type {
  SaslHandshakeRequest,
  SaslHandshakeResponse,
} from '../../protocol/generated/saslHandshake';
import type { ClusterState } from '../cluster';
import type { RequestContext } from '../context';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a PLAIN token: [authzid] NUL username NUL password. */
export function authenticatePlain(cluster: ClusterState, token: Buffer): boolean {
  const creds = cluster.options.sasl;
  if (!creds) return false;
  const parts = token.toString('utf8').split('\u0000');
  if (parts.length !== 3) return false;
  const [authzid, username, password] = parts;
  if (authzid !== '' && authzid !== username) return false;
  return safeEqual(username, creds.username) && safeEqual(password, creds.password);
}

export function handleSaslHandshake(
  ctx: RequestContext,
  req: SaslHandshakeRequest,
): SaslHandshakeResponse {
  if (!ctx.cluster.options.sasl) {
    // a PLAINTEXT listener: SASL is not expected here
    return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] };
  }
  if (ctx.sasl.authenticated || ctx.sasl.mechanism) {
    return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: ['PLAIN'] };
  }
  if (req.mechanism !== 'PLAIN') {
    return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: ['PLAIN'] };
  }
  ctx.sasl.mechanism = 'PLAIN';
  if (ctx.apiVersion === 0) ctx.sasl.rawTokenNext = true;
  return { errorCode: ErrorCode.NONE, mechanisms: ['PLAIN'] };
}

export function handleSaslAuthenticate(
  ctx: RequestContext,
  req: SaslAuthenticateRequest,
): SaslAuthenticateResponse {
  if (!ctx.cluster.options.sasl || ctx.sasl.mechanism !== 'PLAIN' || ctx.sasl.authenticated) {
    ctx.sasl.closeAfterResponse = true;
    return {
      errorCode: ErrorCode.ILLEGAL_SASL_STATE,
      errorMessage: 'Unexpected SaslAuthenticate request: no successful SaslHandshake for PLAIN on this connection',
      authBytes: Buffer.alloc(0),
    };
  }
  if (!authenticatePlain(ctx.cluster, req.authBytes)) {
    ctx.sasl.closeAfterResponse = true;
    ctx.broker.logger.info('SASL/PLAIN authentication failed');
    return {
      errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED,
      errorMessage: 'Authentication failed: Invalid username or password',
      authBytes: Buffer.alloc(0),
    };
  }
  ctx.sasl.authenticated = true;
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    authBytes: Buffer.alloc(0),
    sessionLifetimeMs: 0,
  };
}
