// The real stack's part of the setup: Java and Maven (Debian packages, as
// root), then the Maven artifacts fetched once into ~/.cache/eventport/stack.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureDebianPackages } from './preflight.mjs';
import { fail, log, repoRoot, toolchainEnv } from './toolchain.mjs';

const setupCli = path.join(
  repoRoot,
  'packages',
  'devstack',
  'src',
  'stack',
  'setupCli.ts',
);

function runSetupCli(toolchain) {
  const res = spawnSync(toolchain.nodeBin, ['--require', 'tsx/cjs', setupCli], {
    cwd: repoRoot,
    env: toolchainEnv(toolchain),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let info = {};
  try {
    info = JSON.parse(res.stdout.trim().split('\n').pop() || '{}');
  } catch {
    // no summary line: the CLI failed before it
  }
  return { status: res.status, info };
}

/**
 * Makes the real stack runnable. `required`: `npm test`, which runs every
 * integration suite against Apache Kafka: a missing Java 17 or Maven is
 * installed as root or stops the run. Otherwise (`npm run dev`, `npm run
 * setup`) a machine without Java gets the embedded stack, and this says so.
 * Returns the setup summary, or undefined when the real stack cannot run.
 */
export function ensureRealStack(toolchain, { required }) {
  let { status, info } = runSetupCli(toolchain);
  if (status === 3 && required) {
    ensureDebianPackages(
      ['openjdk-17-jdk-headless', 'maven'],
      'the tests against Apache Kafka (Java 17 and Maven)',
    );
    ({ status, info } = runSetupCli(toolchain));
  }
  if (status === 3) {
    if (required)
      fail(
        'no Java 17+ found after installing openjdk-17-jdk-headless; set EVENTPORT_JAVA_HOME',
      );
    log(
      'no Java 17+ found: only the embedded Kafka broker can run (install a JDK 17+ for the real stack)',
    );
    return undefined;
  }
  if (status !== 0) {
    if (required) fail('the real stack could not be set up (see above)');
    log(
      'the real stack could not be set up (see above); the embedded broker still works (--stack embedded)',
    );
    return undefined;
  }
  if (required && !info.java21) {
    fail(
      'Apicurio Registry 3.3 needs Java 21 or newer, and only Java 17 was found. Install a JDK 21+ ' +
        '(for example Temurin 21 or 25 under /usr/lib/jvm) or point EVENTPORT_JAVA_HOME at one.',
    );
  }
  if (info.fetchedSeconds)
    log(`real stack fetched in ${info.fetchedSeconds} s: ${info.artifacts}`);
  return info;
}
