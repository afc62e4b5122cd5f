/**
 * Skips that a test declares, with the reason, so that `npm test` can tell
 * them from skips nobody meant: every skipped, pending or todo test fails
 * the run unless its test file declared why (issue 26).
 *
 * `npm test` sets `EVENTPORT_DECLARED_SKIPS` to a file; each declaration is
 * one JSON line `{ "file": <test file>, "reason": <text> }`. The summary
 * prints the skips with their reasons.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The test file being collected or run (Jest's own record of it). */
function currentTestFile(): string {
  const state = (
    globalThis as { expect?: { getState(): { testPath?: string } } }
  ).expect?.getState();
  if (!state?.testPath) {
    throw new Error('declareExpectedSkip is for Jest test files');
  }
  return state.testPath;
}

/** Declares that the current test file skips tests, and why. */
export function declareExpectedSkip(reason: string): void {
  const file = process.env.EVENTPORT_DECLARED_SKIPS;
  if (!file) return;
  fs.appendFileSync(
    file,
    `${JSON.stringify({ file: currentTestFile(), reason })}\n`,
  );
}

/**
 * A folder of `../shared/reference/` beside the repository (upstream
 * specifications and test data, which a public clone does not have), or
 * undefined when it is absent. `EVENTPORT_SHARED_DIR` names another
 * `shared` folder (a missing one tries a run as a public clone would).
 */
export function sharedReferenceDir(name: string): string | undefined {
  let shared = process.env.EVENTPORT_SHARED_DIR;
  if (!shared) {
    let dir = process.cwd();
    while (!fs.existsSync(path.join(dir, 'backstage.json'))) {
      const up = path.dirname(dir);
      if (up === dir) return undefined;
      dir = up;
    }
    shared = path.join(path.dirname(dir), 'shared');
  }
  const reference = path.join(shared, 'reference', name);
  return fs.existsSync(reference) ? reference : undefined;
}
