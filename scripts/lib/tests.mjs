// `npm test`: type-check, lint, the published packages (API reports, pack
// contents), unit and integration tests, the devstack's interop checks with
// independent Kafka clients, the browser tests, and the install test (our
// packed packages in a fresh Backstage app).
// Every step runs even when an earlier one failed, so one run shows all
// failures; the exit code is non-zero when any step failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ensureChromium,
  ensureInteropClients,
  postgresEnv,
} from './preflight.mjs';
import { runInstallTest } from './install/index.mjs';
import { checkPackages } from './packages.mjs';
import { ensureRealStack } from './realstack.mjs';
import { stopAll } from './processes.mjs';
import {
  judgeJestReport,
  countByKind,
  judgeMatrix,
  readJsonLines,
  readKafkaUse,
  readNotRun,
  selfTest,
} from './summary.mjs';
import { E2E_PORTS, startStack } from './stack.mjs';
import { log, repoRoot, toolchainEnv, yarnArgs } from './toolchain.mjs';

const STEPS = ['tsc', 'lint', 'packages', 'unit', 'interop', 'e2e', 'install'];
/** Packages whose suites start Kafka (Apache Kafka JVMs among them). */
const KAFKA_SUITES = [
  'plugins/event-streaming-backend/',
  'packages/backend/',
  'packages/devstack/',
  // The compatibility checker's oracle test starts Apicurio Registry.
  'plugins/event-streaming-common/src/schemaRegistry/compatibility/oracle',
];
const stateDir = path.join(repoRoot, '.eventport');
const interopRunner = path.join(
  repoRoot,
  'packages',
  'devstack',
  'interop',
  'run.ts',
);

/** What `--changed` runs unless `--only` names the steps. */
const QUICK_STEPS = ['tsc', 'lint', 'unit'];

/**
 * `--changed [ref]`: the inner loop. Lint only the packages changed since
 * `ref` (default HEAD: what is not committed yet), and only the Jest tests
 * that import a changed file (Jest's own dependency graph); skip the slow
 * steps unless `--only` asks for them. The summary says what was left out.
 */
function parseChanged(args) {
  const i = args.indexOf('--changed');
  if (i < 0) return undefined;
  const next = args[i + 1];
  const ref = next && !next.startsWith('--') ? next : 'HEAD';
  const known = spawnSync('git', ['rev-parse', '--verify', '--quiet', ref], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (known.status !== 0) {
    throw new Error(`--changed ${ref}: git does not know that revision`);
  }
  return { ref };
}

function parseOnly(args, changed) {
  const i = args.indexOf('--only');
  if (i < 0) return changed ? QUICK_STEPS : STEPS;
  const wanted = (args[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = wanted.filter(s => !STEPS.includes(s));
  if (wanted.length === 0 || unknown.length) {
    throw new Error(`--only takes a comma list of: ${STEPS.join(', ')}`);
  }
  return wanted;
}

const KAFKA_KINDS = ['apache', 'embedded'];

/**
 * `--kafka apache` (a comma list) narrows the Kafka matrix on purpose. The
 * same narrowing through EVENTPORT_TEST_KAFKA alone fails the run: it is
 * easy to leave set by mistake.
 */
function parseKafka(args) {
  const i = args.indexOf('--kafka');
  const fromEnv = process.env.EVENTPORT_TEST_KAFKA;
  if (i < 0) {
    return { kinds: KAFKA_KINDS, narrowedBy: fromEnv, asked: false };
  }
  const kinds = (args[i + 1] ?? '').split(',').filter(Boolean);
  if (kinds.length === 0 || kinds.some(k => !KAFKA_KINDS.includes(k))) {
    throw new Error(`--kafka takes a comma list of: ${KAFKA_KINDS.join(', ')}`);
  }
  return { kinds, narrowedBy: kinds.join(','), asked: true };
}

function run(bin, argv, env) {
  const res = spawnSync(bin, argv, { cwd: repoRoot, stdio: 'inherit', env });
  return res.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function runTests(toolchain, args, { started = Date.now() } = {}) {
  selfTest();
  const changed = parseChanged(args);
  const steps = parseOnly(args, changed);
  const kafka = parseKafka(args);
  fs.mkdirSync(stateDir, { recursive: true });
  const notRunFile = path.join(stateDir, 'not-run.jsonl');
  const kafkaUseFile = path.join(stateDir, 'kafka-use.jsonl');
  const stackLogFile = path.join(stateDir, 'stack-starts.jsonl');
  const extraEnv = {
    CI: 'true',
    EVENTPORT_STACK_LOG: stackLogFile,
    EVENTPORT_NOT_RUN: notRunFile,
    EVENTPORT_KAFKA_USE: kafkaUseFile,
  };
  if (kafka.asked) extraEnv.EVENTPORT_TEST_KAFKA = kafka.kinds.join(',');
  if (steps.includes('unit')) Object.assign(extraEnv, await postgresEnv());
  if (steps.includes('e2e') || steps.includes('install'))
    extraEnv.CHROMIUM_PATH = ensureChromium();
  if (steps.includes('interop')) ensureInteropClients();
  // Every integration suite runs against Apache Kafka as well as the embedded
  // broker, and the browser tests run on the real stack: set it up first.
  let realStack;
  if (['unit', 'interop', 'e2e', 'install'].some(s => steps.includes(s))) {
    realStack = ensureRealStack(toolchain, { required: true });
    log(
      `real stack: Kafka ${realStack.versions.kafka}, Debezium ${realStack.versions.debezium}, Apicurio Registry ${realStack.versions.apicurio}`,
    );
  }
  const byKind = { apache: 0, embedded: 0 };
  const env = toolchainEnv(toolchain, extraEnv);
  const yarn = argv => run(toolchain.nodeBin, yarnArgs(argv), env);

  // Node, packages, the real stack's artifacts, Chromium, the interop
  // clients: whatever was missing was installed above.
  const results = [
    {
      name: 'setup',
      ok: true,
      seconds: Math.round((Date.now() - started) / 1000),
    },
  ];
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const unexpectedSkips = [];
  const step = async (name, fn) => {
    if (!steps.includes(name)) return;
    log(`── ${name} ──`);
    const started = Date.now();
    let ok;
    try {
      ok = await fn();
    } catch (error) {
      log(`${name}: ${error.message}`);
      ok = false;
    }
    results.push({
      name,
      ok,
      seconds: Math.round((Date.now() - started) / 1000),
    });
  };

  // A full run type-checks from scratch, so that the packages step can take
  // the declarations as they are (freshDeclarations in packages.mjs says why
  // they must be fresh); a quick run keeps TypeScript's incremental state.
  let freshTypes = false;
  await step('tsc', () => {
    if (!changed) {
      fs.rmSync(path.join(repoRoot, 'dist-types'), {
        recursive: true,
        force: true,
      });
    }
    const ok = yarn(['tsc']);
    freshTypes = ok && !changed;
    return ok;
  });
  await step('lint', () =>
    yarn([
      'backstage-cli',
      'repo',
      'lint',
      ...(changed ? ['--since', changed.ref] : []),
    ]),
  );
  let tarballs;
  await step('packages', () => {
    const checked = checkPackages({
      nodeBin: toolchain.nodeBin,
      env,
      packDir: path.join(os.tmpdir(), 'eventport-packs'),
      freshTypes,
    });
    tarballs = checked.tarballs;
    const checks = checked.results;
    const failed = checks.filter(c => !c.ok).length;
    counts.passed += checks.length - failed;
    counts.failed += failed;
    return checks.length > 0 && failed === 0;
  });
  await step('unit', () => {
    // Two rounds: first the suites that need no Kafka (the frontend's jsdom
    // tests among them), then those that start Apache Kafka JVMs, so that JVM
    // start-ups on 2 cores do not starve the UI tests of CPU.
    // A quick run is one round: Jest drops --changedSince when a test path
    // pattern is given.
    const rounds = changed
      ? [{ name: `importing files changed since ${changed.ref}`, args: [] }]
      : [
          {
            name: 'without Kafka',
            args: ['--testPathIgnorePatterns', ...KAFKA_SUITES],
          },
          { name: 'with Kafka', args: [`(${KAFKA_SUITES.join('|')})`] },
        ];
    let ok = true;
    let total = 0;
    fs.rmSync(notRunFile, { force: true });
    fs.rmSync(kafkaUseFile, { force: true });
    fs.rmSync(stackLogFile, { force: true });
    for (const [i, round] of rounds.entries()) {
      const out = path.join(stateDir, `jest-results-${i + 1}.json`);
      fs.rmSync(out, { force: true });
      log(`jest, suites ${round.name}`);
      const ran = yarn([
        'backstage-cli',
        'repo',
        'test',
        '--ci',
        '--maxWorkers=2',
        '--json',
        `--outputFile=${out}`,
        ...(changed
          ? [`--changedSince=${changed.ref}`, '--passWithNoTests']
          : []),
        ...round.args,
      ]);
      const report = readJson(out);
      if (!report) {
        ok = false;
        continue;
      }
      countByKind(report, readKafkaUse(kafkaUseFile), byKind);
      const judged = judgeJestReport(report);
      counts.passed += judged.passed;
      counts.failed += judged.failed;
      counts.skipped += judged.skipped;
      unexpectedSkips.push(...judged.unexpected);
      total += judged.total;
      ok = ok && ran && report.success && judged.unexpected.length === 0;
    }
    if (total === 0) {
      if (changed) {
        log(`no test imports a file changed since ${changed.ref}`);
        return ok;
      }
      log('jest ran no test');
      return false;
    }
    for (const skip of unexpectedSkips) log(`skipped: ${skip}`);
    const starts = readJsonLines(stackLogFile);
    if (starts.length) {
      log(
        `the suites started ${starts.length} Apache stacks (${Math.round(
          starts.reduce((n, s) => n + s.seconds, 0),
        )} s of starting in all; with Connect: ${
          starts.filter(s => s.connect).length
        }, with the registry: ${starts.filter(s => s.registry).length})`,
      );
    }
    // A quick run covers what the change touches, whatever the kinds.
    if (changed) return ok;
    const matrix = judgeMatrix({
      expected: kafka.kinds,
      ran: byKind,
      narrowedBy: kafka.narrowedBy,
      asked: kafka.asked,
    });
    for (const problem of matrix) log(problem);
    return ok && matrix.length === 0;
  });
  await step('interop', () => {
    if (!fs.existsSync(interopRunner)) {
      log(
        `the devstack interop runner is missing: ${path.relative(
          repoRoot,
          interopRunner,
        )}`,
      );
      return false;
    }
    const res = spawnSync(
      path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
      [interopRunner],
      {
        cwd: repoRoot,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    process.stdout.write(res.stdout ?? '');
    byKind.interopApache = (
      res.stdout?.match(/^ok +\[apache\]/gm) ?? []
    ).length;
    byKind.interopEmbedded = (
      res.stdout?.match(/^ok +\[embedded\]/gm) ?? []
    ).length;
    const m = /interop: (\d+) passed, (\d+) failed/.exec(res.stdout ?? '');
    if (m) {
      counts.passed += Number(m[1]);
      counts.failed += Number(m[2]);
    }
    return res.status === 0 && !!m;
  });
  await step('e2e', async () => {
    const logFile = path.join(stateDir, 'e2e-stack.log');
    const logStream = fs.createWriteStream(logFile);
    const out = path.join(stateDir, 'playwright-results.json');
    fs.rmSync(out, { force: true });
    try {
      log(
        `starting the stack on ports ${JSON.stringify(
          E2E_PORTS,
        )} (log: ${path.relative(repoRoot, logFile)})`,
      );
      const stack = await startStack(toolchain, {
        ports: E2E_PORTS,
        logStream,
        stack: 'apache',
      });
      log(
        `browser tests on the ${stack.stackKind} stack (ready in ${stack.seconds} s)`,
      );
      const ok = run(
        toolchain.nodeBin,
        yarnArgs(['playwright', 'test', '--config', 'playwright.config.ts']),
        {
          ...env,
          E2E_BASE_URL: stack.appUrl,
          E2E_KAFKA_BROKERS: stack.kafkaBrokers.join(','),
          E2E_REGISTRY_URL: stack.registryUrl ?? '',
          E2E_CONNECT_URL: stack.connectUrl ?? '',
          E2E_CDC_POSTGRES_URL: stack.cdcPostgresUrl ?? '',
          E2E_RESULTS: out,
        },
      );
      const report = readJson(out);
      if (!report) return false;
      counts.passed += report.stats?.expected ?? 0;
      counts.failed +=
        (report.stats?.unexpected ?? 0) + (report.stats?.flaky ?? 0);
      // Any skip fails the run.
      const skipped = report.stats?.skipped ?? 0;
      counts.skipped += skipped;
      if (skipped > 0) {
        unexpectedSkips.push(`${skipped} browser test(s) skipped`);
        log(`${skipped} browser test(s) skipped`);
        return false;
      }
      if (
        (report.stats?.expected ?? 0) + (report.stats?.unexpected ?? 0) ===
        0
      ) {
        log('playwright ran no test');
        return false;
      }
      return ok;
    } catch (error) {
      log(
        `browser tests could not start: ${
          error.message
        }\n--- last lines of ${logFile} ---\n${tail(logFile, 60)}`,
      );
      return false;
    } finally {
      await stopAll();
      logStream.end();
    }
  });
  await step('install', async () => {
    try {
      const checks = await runInstallTest(toolchain, {
        env,
        chromiumPath: extraEnv.CHROMIUM_PATH,
        tarballs,
      });
      const failed = checks.filter(c => !c.ok).length;
      counts.passed += checks.length - failed;
      counts.failed += failed;
      return checks.length > 0 && failed === 0;
    } finally {
      await stopAll();
    }
  });

  process.stdout.write('\n');
  for (const r of results) {
    process.stdout.write(
      `  ${r.ok ? 'ok    ' : 'FAILED'}  ${r.name} (${r.seconds}s)\n`,
    );
  }
  process.stdout.write(
    `  total ${Math.round((Date.now() - started) / 1000)}s\n`,
  );
  if (realStack) {
    const part = (jest, interop) =>
      [
        steps.includes('unit') ? `${jest} jest tests` : '',
        interop !== undefined ? `${interop} interop checks` : '',
      ]
        .filter(Boolean)
        .join(', ');
    const browser = steps.includes('e2e')
      ? '; the browser tests ran on the Apache stack'
      : '';
    if (steps.includes('unit') || steps.includes('interop')) {
      process.stdout.write(
        `\n  Kafka under test: Apache Kafka ${
          realStack.versions.kafka
        } (KRaft): ${part(byKind.apache, byKind.interopApache)}; ` +
          `embedded in-memory broker: ${part(
            byKind.embedded,
            byKind.interopEmbedded,
          )}${browser}\n`,
      );
    }
  }
  const failedSteps = results.filter(r => !r.ok).length;
  if (changed) {
    const left = STEPS.filter(s => !steps.includes(s));
    process.stdout.write(
      `\n  quick run (--changed ${changed.ref}): lint of the packages changed since ${changed.ref}, ` +
        `the Jest tests that import a changed file${
          left.length ? `; not run: ${left.join(', ')}` : ''
        }. Run npm test without --changed before you push.\n`,
    );
  }
  if (kafka.asked) {
    process.stdout.write(
      `\n  Kafka matrix narrowed on the command line to: ${kafka.kinds.join(
        ', ',
      )}\n`,
    );
  }
  if (steps.includes('unit')) {
    for (const { file, what, reason } of readNotRun(notRunFile)) {
      process.stdout.write(
        `\n  not run: ${what} (${path.relative(repoRoot, file)}): ${reason}\n`,
      );
    }
  }
  if (unexpectedSkips.length) {
    process.stdout.write(
      `\n  ${unexpectedSkips.length} skipped (a failure):\n${unexpectedSkips
        .map(s => `    ${s}`)
        .join('\n')}\n`,
    );
  }
  process.stdout.write(
    `\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
  );
  if (failedSteps > 0) {
    process.stdout.write(`${failedSteps} step(s) failed\n`);
    process.exit(1);
  }
}
