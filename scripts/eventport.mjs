#!/usr/bin/env node
// Entry point of the root npm scripts. Runs under any Node >= 18: it first
// makes sure a Node that Backstage accepts and the dependencies are there
// (see lib/toolchain.mjs), then runs the command with that Node.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  ensureNode,
  log,
  fail,
  repoRoot,
  setup,
  toolchainEnv,
  yarnArgs,
} from './lib/toolchain.mjs';
import {
  API_REPORT_ARGS,
  freshDeclarations,
  PUBLISHED,
} from './lib/packages.mjs';
import { stopAll } from './lib/processes.mjs';
import { ensureRealStack } from './lib/realstack.mjs';
import { DEV_PORTS, startStack } from './lib/stack.mjs';
import { runTests } from './lib/tests.mjs';

const [command, ...args] = process.argv.slice(2);

function runOrExit(bin, argv, env) {
  const res = spawnSync(bin, argv, { cwd: repoRoot, stdio: 'inherit', env });
  process.exit(res.status ?? 1);
}

function stackArg() {
  const i = args.indexOf('--stack');
  if (i < 0) return undefined;
  const kind = args[i + 1];
  if (!['apache', 'embedded', 'none'].includes(kind))
    fail('--stack takes apache, embedded or none');
  return kind;
}

async function dev() {
  const requested = stackArg();
  const toolchain = setup();
  if (requested === undefined || requested === 'apache') {
    ensureRealStack(toolchain, { required: requested === 'apache' });
  }
  let stopping = false;
  const stop = async code => {
    if (stopping) return;
    stopping = true;
    await stopAll();
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  try {
    const stack = await startStack(toolchain, {
      ports: DEV_PORTS,
      stack: requested,
    });
    const servers =
      stack.stackKind === 'none'
        ? `  Kafka, Connect, registry: yours, as app-config.local.yaml describes them\n`
        : stack.stackKind === 'apache'
        ? `  Kafka:    ${stack.kafkaBrokers.join(',')} (Apache Kafka)\n` +
          `  Connect:  ${stack.connectUrl}\n` +
          `  Registry: ${stack.registryUrl}\n`
        : `  Kafka:    ${stack.kafkaBrokers.join(
            ',',
          )} (embedded in-memory broker; no Connect, no registry)\n`;
    process.stdout.write(
      `\n  Eventport is running: ${stack.appUrl}   (ready in ${stack.seconds} s; demo users can sign in)\n` +
        `  Backend:  ${stack.backendUrl}  (token: npm run --silent dev:token -- user:default/alice)\n` +
        servers +
        `  Stop with Ctrl+C.\n\n`,
    );
    const first = await Promise.race(
      stack.services.map(s => s.exited.then(r => ({ name: s.name, ...r }))),
    );
    log(`${first.name} exited (code ${first.code}); stopping the rest`);
    await stop(1);
  } catch (error) {
    log(error.message);
    await stop(1);
  }
}

async function token() {
  const ref = args[0];
  const match = ref?.match(
    /^(?:user:)?(?:default\/)?([a-zA-Z0-9][a-zA-Z0-9._-]*)$/,
  );
  if (!match) {
    fail(
      'usage: npm run --silent dev:token -- user:default/<name>   (demo users: guest, alice, pat)',
    );
  }
  const backend =
    process.env.EVENTPORT_BACKEND_URL ??
    `http://localhost:${DEV_PORTS.backend}`;
  let res;
  try {
    res = await fetch(`${backend}/api/auth/oauth2Proxy/refresh`, {
      headers: {
        'X-Forwarded-User': match[1],
        'X-Requested-With': 'XMLHttpRequest',
      },
    });
  } catch (error) {
    fail(
      `cannot reach the backend at ${backend} (${
        error.cause?.code ?? error.message
      }). Is \`npm run dev\` running?`,
    );
  }
  const body = await res.json().catch(() => ({}));
  const value = body?.backstageIdentity?.token;
  if (!res.ok || !value) {
    fail(
      `no token for user:default/${match[1]}: ${
        body?.error?.message ?? res.statusText
      }`,
    );
  }
  process.stdout.write(`${value}\n`);
}

async function main() {
  switch (command) {
    case 'setup': {
      const toolchain = setup();
      const stack = ensureRealStack(toolchain, { required: false });
      log(`ready: node ${toolchain.nodeBin}`);
      if (stack)
        log(
          `real stack: ${stack.artifacts} (Java ${stack.java17}${
            stack.java21 ? `, registry on ${stack.java21}` : ''
          })`,
        );
      return;
    }
    case 'dev':
      return dev();
    case 'token':
      return token();
    case 'test': {
      const started = Date.now();
      const toolchain = setup();
      return runTests(toolchain, args, { started });
    }
    case 'yarn': {
      const toolchain = ensureNode();
      return runOrExit(
        toolchain.nodeBin,
        yarnArgs(args),
        toolchainEnv(toolchain),
      );
    }
    case 'devstack': {
      const toolchain = setup();
      return runOrExit(
        path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
        [path.join(repoRoot, 'packages', 'devstack', 'src', 'cli.ts'), ...args],
        toolchainEnv(toolchain),
      );
    }
    case 'api-reports': {
      // Regenerates the published packages' API reports from a fresh
      // type-check, as the packages step of `npm test` checks them.
      const toolchain = setup();
      const env = toolchainEnv(toolchain);
      freshDeclarations(toolchain, env);
      return runOrExit(
        toolchain.nodeBin,
        yarnArgs([...API_REPORT_ARGS, ...PUBLISHED.map(p => p.dir)]),
        env,
      );
    }
    case 'tsx': {
      const toolchain = setup();
      return runOrExit(
        path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
        args,
        toolchainEnv(toolchain),
      );
    }
    default:
      fail(
        `unknown command '${
          command ?? ''
        }'. Commands: setup, dev, token, test, devstack, tsx, yarn, api-reports`,
      );
  }
}

main().catch(error => fail(error.stack ?? String(error)));
