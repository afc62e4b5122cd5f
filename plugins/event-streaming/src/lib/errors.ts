import { ResponseError } from '@backstage/errors';

/**
 * The message to show for a failed call: the backend's own message when the
 * error came from a response, the error's message otherwise.
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    const body = error.body as { error?: { message?: unknown } } | undefined;
    const fromBody = body?.error?.message;
    if (typeof fromBody === 'string' && fromBody.length > 0) return fromBody;
    return error.cause?.message || error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
