// The install step beside the browser tests.
//
// Most of a browser test's time is waiting for the stack (a sampler cycle, a
// catalog refresh), and most of the install check's is installing and
// building a fresh app: on 2 cores the two fit side by side. `npm test` starts
// the install check in a child process, at a lower CPU priority (nice 10), when
// the browser tests start, and the install step waits for it and prints its
// output. Ports do not meet: the check uses 7207 and 29092, the browser
// tests' stack E2E_PORTS.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../toolchain.mjs';

const childScript = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'child.mjs',
);

export function startInstallInBackground(
  toolchain,
  { env, chromiumPath, tarballs },
) {
  const dir = path.join(repoRoot, '.eventport');
  fs.mkdirSync(dir, { recursive: true });
  const outFile = path.join(dir, 'install-step.out');
  const resultsFile = path.join(dir, 'install-results.json');
  fs.rmSync(resultsFile, { force: true });
  const out = fs.openSync(outFile, 'w');
  const started = Date.now();
  const child = spawn(
    'nice',
    [
      '-n',
      '10',
      toolchain.nodeBin,
      childScript,
      JSON.stringify({ toolchain, chromiumPath, tarballs, resultsFile }),
    ],
    // Not detached: Ctrl+C reaches it, and it stops what it started.
    { cwd: repoRoot, env, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const exited = new Promise(resolve => {
    child.on('error', error => resolve({ error }));
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    /** Waits for the check; prints its output; returns its results. */
    async finish() {
      const waitStarted = Date.now();
      const { code, signal, error } = await exited;
      process.stdout.write(fs.readFileSync(outFile, 'utf8'));
      const waited = Math.round((Date.now() - waitStarted) / 1000);
      const ran = Math.round((Date.now() - started) / 1000);
      let results;
      try {
        results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
      } catch {
        results = [
          {
            name: `the install check ended (${
              error?.message ?? `code ${code}, signal ${signal}`
            }) before it wrote its results`,
            ok: false,
          },
        ];
      }
      return { results, ran, waited };
    },
  };
}
