import { z } from 'zod';

/** A query-string flag: `true` or `false`, parsed to a boolean. */
export const booleanQuery = z
  .enum(['true', 'false'])
  .transform(v => v === 'true');
