/**
 * The checker's work budget. Schemas are small, but named types and $refs
 * make them graphs: without a bound, one crafted schema could keep the
 * checker (and the event loop of the backend running it) busy for hours.
 * Every comparison step spends one unit; past the budget the check stops
 * with SchemaTooComplexError.
 */

/**
 * Comparison steps one check may take (checks of all versions together).
 *
 * @public
 */
export const CHECK_BUDGET = 50_000;

/**
 * Wall-clock time one check may take: past this it stops, whatever the
 * machine's speed or load. The backend runs checks in a worker thread, so
 * its event loop does not wait for them; a page that checks in the browser
 * waits at most this long. A 1,000-field schema takes a few milliseconds.
 *
 * @public
 */
export const CHECK_TIME_LIMIT_MS = 250;

/**
 * The schemas are too complex to compare within the budget.
 *
 * @public
 */
export class SchemaTooComplexError extends Error {
  readonly name = 'SchemaTooComplexError';
  /** HTTP status for routes that let it through: 422 Unprocessable Content. */
  readonly statusCode = 422;
  constructor(readonly budget: number, readonly timeLimitMs?: number) {
    super(
      `The schema is too complex to compare: the check took more than ${
        timeLimitMs !== undefined
          ? `${timeLimitMs} ms`
          : `${budget.toLocaleString('en-US')} steps`
      }. Simplify it (fewer fields, or less nesting of named types and $refs) and try again.`,
    );
  }
}

let remaining = Infinity;
let limit = Infinity;
let deadline = Infinity;
let timeLimit = Infinity;

const now = () =>
  typeof performance !== 'undefined' ? performance.now() : Date.now();

/**
 * Runs `fn` within a budget of steps and of time, unless a budget is already
 * running (it is shared).
 */
export function withBudget<T>(
  budget: number,
  fn: () => T,
  timeLimitMs: number = CHECK_TIME_LIMIT_MS,
): T {
  if (limit !== Infinity) return fn();
  limit = budget;
  remaining = budget;
  timeLimit = timeLimitMs;
  deadline = now() + timeLimitMs;
  try {
    return fn();
  } finally {
    limit = Infinity;
    remaining = Infinity;
    deadline = Infinity;
    timeLimit = Infinity;
  }
}

/** One comparison step; every 256 steps the clock is read too. */
export function spend(): void {
  remaining -= 1;
  if (remaining < 0) throw new SchemaTooComplexError(limit);
  if ((remaining & 255) === 0 && now() > deadline) {
    throw new SchemaTooComplexError(limit, timeLimit);
  }
}
