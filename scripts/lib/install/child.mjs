// The install check as a process of its own (background.mjs starts it beside
// the browser tests). Writes its results as JSON; stops what it started on
// SIGINT and SIGTERM.
import fs from 'node:fs';
import { stopAll } from '../processes.mjs';
import { runInstallTest } from './index.mjs';

const { toolchain, chromiumPath, tarballs, resultsFile } = JSON.parse(
  process.argv[2],
);

const stop = async () => {
  await stopAll();
  process.exit(130);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  const results = await runInstallTest(toolchain, {
    env: process.env,
    chromiumPath,
    tarballs,
  });
  fs.writeFileSync(resultsFile, JSON.stringify(results));
} finally {
  await stopAll();
}
