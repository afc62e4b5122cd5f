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
 * The schemas are too complex to compare within the budget.
 *
 * @public
 */
export class SchemaTooComplexError extends Error {
  readonly name = 'SchemaTooComplexError';
  /** HTTP status for routes that let it through: 422 Unprocessable Content. */
  readonly statusCode = 422;
  constructor(readonly budget: number) {
    super(
      `The schema is too complex to compare: the check took more than ${budget.toLocaleString(
        'en-US',
      )} steps. Simplify the nesting of named types (or $refs) and try again.`,
    );
  }
}

let remaining = Infinity;
let limit = Infinity;

/** Runs `fn` within a budget, unless a budget is already running (it is shared). */
export function withBudget<T>(budget: number, fn: () => T): T {
  if (limit !== Infinity) return fn();
  limit = budget;
  remaining = budget;
  try {
    return fn();
  } finally {
    limit = Infinity;
    remaining = Infinity;
  }
}

/** One comparison step. */
export function spend(): void {
  remaining -= 1;
  if (remaining < 0) throw new SchemaTooComplexError(limit);
}
