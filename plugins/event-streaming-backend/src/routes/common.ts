import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Request } from 'express';
import type { z } from 'zod';
import { Caller } from '../services/topics/TopicPolicy';

/** Parses input with a zod schema from -common; failure is a 400 naming the field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  data: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues
      .map(i =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      )
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return parsed.data;
}

/** The signed-in user behind a request, with their ownership refs. */
export async function callerOf(
  req: Request,
  httpAuth: HttpAuthService,
  userInfo: UserInfoService,
): Promise<{ credentials: BackstageCredentials; caller: Caller }> {
  const credentials = await httpAuth.credentials(req, { allow: ['user'] });
  const info = await userInfo.getUserInfo(credentials);
  return {
    credentials,
    caller: {
      userEntityRef: info.userEntityRef,
      ownershipEntityRefs: info.ownershipEntityRefs,
    },
  };
}

/** Runs a mutation inside an audit event; secrets never enter `meta`. */
export async function audited<T>(
  auditor: AuditorService,
  req: Request,
  eventId: string,
  meta: Record<string, string | number | undefined>,
  fn: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    request: req,
    meta: JSON.parse(JSON.stringify(meta)),
  });
  try {
    const result = await fn();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
