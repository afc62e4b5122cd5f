import { z } from 'zod';

const UNIT_MS: Record<DurationUnit, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

/**
 * A unit of the durations in config and forms.
 *
 * @public
 */
export type DurationUnit =
  | 'milliseconds'
  | 'seconds'
  | 'minutes'
  | 'hours'
  | 'days'
  | 'weeks';
/** @public */
export const DURATION_UNITS = Object.keys(UNIT_MS) as DurationUnit[];

/**
 * A human duration as config takes it, e.g. `{ days: 7 }` or `{ hours: 1, minutes: 30 }`.
 *
 * @public
 */
export const humanDurationSchema = z
  .object({
    milliseconds: z.number().nonnegative().optional(),
    seconds: z.number().nonnegative().optional(),
    minutes: z.number().nonnegative().optional(),
    hours: z.number().nonnegative().optional(),
    days: z.number().nonnegative().optional(),
    weeks: z.number().nonnegative().optional(),
  })
  .strict();
/** @public */
export type HumanDuration = z.infer<typeof humanDurationSchema>;

/**
 * Milliseconds of a human duration.
 *
 * @public
 */
export function durationToMs(duration: HumanDuration): number {
  let total = 0;
  for (const unit of DURATION_UNITS) {
    total += (duration[unit] ?? 0) * UNIT_MS[unit];
  }
  return Math.round(total);
}

/**
 * Short human form of a duration in milliseconds, in the largest unit that
 * divides it: `604800000` → `7 days`, `5400000` → `90 minutes`.
 *
 * @public
 */
export function formatDurationMs(ms: number): string {
  if (ms < 0) return 'unlimited';
  const units: [DurationUnit, string][] = [
    ['weeks', 'week'],
    ['days', 'day'],
    ['hours', 'hour'],
    ['minutes', 'minute'],
    ['seconds', 'second'],
  ];
  for (const [unit, label] of units) {
    const size = UNIT_MS[unit];
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${label}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/**
 * Milliseconds of `value` in `unit`; the UI's retention editor uses it.
 *
 * @public
 */
export function toMs(value: number, unit: DurationUnit): number {
  return Math.round(value * UNIT_MS[unit]);
}
