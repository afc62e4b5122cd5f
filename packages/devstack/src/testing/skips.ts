/**
 * Tests a test file cannot run here, declared with the reason (issue 26).
 * Such tests are not registered at all (a skipped test fails `npm test`);
 * the file declares what it leaves out and why, and the summary of
 * `npm test` lists every declaration.
 *
 * `npm test` sets `EVENTPORT_NOT_RUN` to a file; each declaration is
 * one JSON line `{ "file": <test file>, "what": <text>, "reason": <text> }`.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The test file being collected or run (Jest's own record of it). */
function currentTestFile(): string {
  const state = (
    globalThis as { expect?: { getState(): { testPath?: string } } }
  ).expect?.getState();
  if (!state?.testPath) {
    throw new Error('declareNotRun is for Jest test files');
  }
  return state.testPath;
}

/** Declares that the current test file leaves `what` out, and why. */
export function declareNotRun(what: string, reason: string): void {
  const file = process.env.EVENTPORT_NOT_RUN;
  if (!file) return;
  fs.appendFileSync(
    file,
    `${JSON.stringify({ file: currentTestFile(), what, reason })}\n`,
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
