import type { ApiCodec } from '../../protocol/generated';
import { API_CODECS } from '../../protocol/generated';
import { ErrorCode } from '../../protocol/errors';
import type { ApiVersionsResponse } from '../../protocol/generated/apiVersions';
import type { HandlerEntry, RequestContext } from '../context';

/** The version range we advertise: our implementation intersected with the spec. */
export function advertisedVersions(
  entry: HandlerEntry,
  codec: ApiCodec | undefined,
): { min: number; max: number } | undefined {
  if (!codec) return undefined;
  const min = Math.max(entry.minVersion, codec.minVersion);
  const max = Math.min(entry.maxVersion, codec.maxVersion);
  return min <= max ? { min, max } : undefined;
}

export function apiVersionsHandler(handlers: Map<number, HandlerEntry>) {
  return (_ctx: RequestContext): ApiVersionsResponse => {
    const apiKeys = [];
    for (const entry of handlers.values()) {
      const range = advertisedVersions(entry, API_CODECS[entry.apiKey]);
      if (range) apiKeys.push({ apiKey: entry.apiKey, minVersion: range.min, maxVersion: range.max });
    }
    apiKeys.sort((a, b) => a.apiKey - b.apiKey);
    return { errorCode: ErrorCode.NONE, apiKeys, throttleTimeMs: 0 };
  };
}
