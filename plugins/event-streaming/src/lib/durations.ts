import {
  DurationUnit,
  retentionLimitError,
  toMs,
} from '@eventport/plugin-event-streaming-common';

/** Units the retention editors offer, largest first. */
export const RETENTION_UNITS: DurationUnit[] = [
  'weeks',
  'days',
  'hours',
  'minutes',
];

/**
 * Splits milliseconds into a value in the largest offered unit that divides
 * it, for prefilling a value + unit editor.
 */
export function splitDuration(ms: number): {
  value: number;
  unit: DurationUnit;
} {
  for (const unit of RETENTION_UNITS) {
    const size = toMs(1, unit);
    if (ms > 0 && ms % size === 0) return { value: ms / size, unit };
  }
  return {
    value: Math.max(1, Math.round(ms / toMs(1, 'minutes'))),
    unit: 'minutes',
  };
}

/**
 * Checks a typed retention: a positive number, then the environment's limits
 * (the shared rule the backend enforces). Returns a sentence saying what is
 * allowed, or undefined when the value is fine.
 */
export function retentionError(
  ms: number,
  limits: { retentionMinMs: number; retentionMaxMs: number },
): string | undefined {
  if (!Number.isFinite(ms) || ms <= 0) {
    return 'Retention must be a positive number.';
  }
  return retentionLimitError(ms, limits);
}
