// The `install` step of `npm test` (issue 8): what a platform team does with
// our packages, done automatically on a brand-new Backstage app.
//
// 1. Build and `yarn pack` the five published packages (or take the
//    tarballs the packages step of the same run built and checked).
// 2. Create a fresh app with @backstage/create-app (the version in our
//    devDependencies) for the new frontend system, and put the --legacy
//    template's app beside it as packages/app-legacy: one install and one
//    type-check for both systems. The app lives outside the repository, so
//    that nothing resolves from our own node_modules.
// 3. Apply the README's lines ("Installing Eventport into your Backstage"),
//    read from the README itself. The packages are not on npm yet, so the
//    app's root `resolutions` point each @eventport name at its tarball and
//    the README's `yarn add` lines get our version range appended.
// 4. `yarn tsc` and build each frontend.
// 5. Start the backend, which serves the built frontend, once without any
//    `eventStreaming` config and once with the README's configuration pointed
//    at one Apache Kafka broker of the devstack (seeded with the demo topics).
// 6. Chromium signs in as guest, opens Event Streaming and takes screenshots.
//
// The new app's backend is also started once before Eventport is added, to
// show whether Backstage's own signals fault (README) is still there.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { prebuildsEnv, savePrebuilds } from '../addons.mjs';
import { PUBLISHED, freshDeclarations } from '../packages.mjs';
import { startService, stopService, waitForHttp } from '../processes.mjs';
import { log, repoRoot, yarnArgs } from '../toolchain.mjs';
import { openEventStreaming } from './browser.mjs';
import {
  clusterConfig,
  editBackend,
  editLegacyApp,
  readmeInstructions,
  removeSignalsBackend,
} from './readme.mjs';

const require = createRequire(path.join(repoRoot, 'package.json'));
const PORT = 7207;
const KAFKA_PORT = 29092;
const BASE_URL = `http://localhost:${PORT}`;
const SIGNALS_FAULT = /addWebSocketHandler is not a function/;
const devstackCli = path.join(repoRoot, 'packages/devstack/src/cli.ts');

function tail(text, n = 20) {
  return text.trim().split('\n').slice(-n).join('\n');
}

/** A `yarn` on PATH for create-app's version check; each app runs its own release. */
function yarnShim(work, nodeBin) {
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const shim = path.join(bin, 'yarn');
  const [release] = yarnArgs([]);
  fs.writeFileSync(shim, `#!/bin/sh\nexec "${nodeBin}" "${release}" "$@"\n`);
  fs.chmodSync(shim, 0o755);
  return bin;
}

export async function runInstallTest(
  toolchain,
  { env: baseEnv, chromiumPath, tarballs: checked = {} },
) {
  const results = [];
  const check = async (name, fn) => {
    let detail;
    try {
      detail = await fn();
    } catch (error) {
      detail = error.message;
    }
    results.push({ name, ok: !detail });
    process.stdout.write(
      detail ? `FAIL ${name}: ${detail}\n` : `ok   ${name}\n`,
    );
    return !detail;
  };
  const work = path.join(os.tmpdir(), 'eventport-install-test');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const logFile = path.join(repoRoot, '.eventport', 'install-test.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, '');
  const logStream = fs.createWriteStream(logFile, { flags: 'a' });
  log(`install test in ${work} (log: ${path.relative(repoRoot, logFile)})`);
  const env = {
    ...baseEnv,
    PATH: `${yarnShim(work, toolchain.nodeBin)}:${baseEnv.PATH}`,
    // A fresh app writes its lockfile on its first install.
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    // The add-ons compiled by an earlier install on this machine
    // (scripts/lib/addons.mjs): better-sqlite3 is not compiled again.
    ...prebuildsEnv(),
    // The app is thrown away after the check: its node_modules are hard links
    // into Yarn's global store instead of copies (108 s to 45 s here).
    YARN_NM_MODE: 'hardlinks-global',
    FORCE_COLOR: '0',
  };
  delete env.NODE_OPTIONS;
  const sh = (what, bin, argv, cwd, extraEnv = {}) => {
    const started = Date.now();
    log(`${what}`);
    const res = spawnSync(bin, argv, {
      cwd,
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
    // Synchronously: the stream below only opens once the event loop runs.
    fs.appendFileSync(
      logFile,
      `\n$ ${what} (${bin} ${argv.join(' ')})\n${out}\n`,
    );
    if (res.status !== 0) {
      throw new Error(`${what} failed:\n${tail(out)}`);
    }
    log(`${what}: ${Math.round((Date.now() - started) / 1000)} s`);
    return out;
  };
  const yarnIn = (what, cwd, argv) => sh(what, 'yarn', argv, cwd);

  let readme;
  const tarballs = {};
  // The packages step of the same run built and checked the tarballs.
  const reuse = PUBLISHED.every(({ dir }) => {
    const { name } = JSON.parse(
      fs.readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8'),
    );
    return checked[name] && fs.existsSync(checked[name].tgz);
  });
  const ok =
    (await check('the README has install lines the test can follow', () => {
      readme = readmeInstructions();
    })) &&
    (await check('build and yarn pack the published packages', () => {
      if (reuse) {
        log('the tarballs the packages step built and checked');
        Object.assign(tarballs, checked);
        return;
      }
      log('type declarations (tsc)');
      const tsc = freshDeclarations(toolchain, env);
      if (!tsc.ok) throw new Error(`tsc failed:\n${tail(tsc.out)}`);
      sh(
        'backstage-cli repo build',
        toolchain.nodeBin,
        yarnArgs(['backstage-cli', 'repo', 'build']),
        repoRoot,
      );
      for (const { dir } of PUBLISHED) {
        const pkg = JSON.parse(
          fs.readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8'),
        );
        const tgz = path.join(work, 'packs', `${path.basename(dir)}.tgz`);
        fs.mkdirSync(path.dirname(tgz), { recursive: true });
        sh(
          `yarn pack ${pkg.name}`,
          toolchain.nodeBin,
          yarnArgs(['pack', '--out', tgz]),
          path.join(repoRoot, dir),
        );
        tarballs[pkg.name] = { tgz, version: pkg.version };
      }
    }));
  if (!ok) {
    logStream.end();
    return results;
  }

  const createAppBin = path.join(
    path.dirname(require.resolve('@backstage/create-app/package.json')),
    'bin',
    'backstage-create-app',
  );
  const withVersion = names =>
    names.map(n => {
      if (!tarballs[n])
        throw new Error(`README.md names ${n}, which we do not publish`);
      return `${n}@^${tarballs[n].version}`;
    });

  // One app holds both frontend systems: create-app's new app, and the
  // legacy template's packages/app beside it as packages/app-legacy (the two
  // templates differ only there and in config the legacy app does not read).
  // One install and one type-check cover both; the backend serves either
  // through `app.packageName`.
  const app = path.join(work, 'app');
  const variants = [
    { name: 'new', dir: 'packages/app', pkg: 'app', config: [] },
    {
      name: 'legacy',
      dir: 'packages/app-legacy',
      pkg: 'app-legacy',
      config: ['app-config.legacy.yaml'],
    },
  ];
  const label = v => `${v.name} frontend system`;
  let kafka;

  const startBackend = (state, configs) => {
    const backend = startService(
      `backend-${state}`,
      'yarn',
      [
        'workspace',
        'backend',
        'start',
        ...configs.flatMap(c => ['--config', path.join(app, c)]),
      ],
      { cwd: app, env: { ...env, NODE_ENV: 'development' }, logStream },
    );
    const lines = [];
    backend.onLine(line => lines.push(line));
    return { backend, lines };
  };

  try {
    const created = await check(
      "create a fresh app (new frontend system, and the legacy template's app beside it)",
      () => {
        const create = (dir, legacy) =>
          sh(
            `create-app ${legacy ? '--legacy ' : ''}`,
            toolchain.nodeBin,
            [
              createAppBin,
              '--path',
              dir,
              '--skip-install',
              ...(legacy ? ['--legacy'] : []),
            ],
            work,
            { BACKSTAGE_APP_NAME: 'eventport-install' },
          );
        create(app, false);
        const legacyTemplate = path.join(work, 'legacy-template');
        create(legacyTemplate, true);
        const legacyDir = path.join(app, 'packages', 'app-legacy');
        fs.cpSync(path.join(legacyTemplate, 'packages', 'app'), legacyDir, {
          recursive: true,
        });
        fs.rmSync(legacyTemplate, { recursive: true, force: true });
        editJson(path.join(legacyDir, 'package.json'), pkg => {
          pkg.name = 'app-legacy';
        });
        // The backend serves the legacy app when told (app.packageName).
        editJson(path.join(app, 'packages/backend/package.json'), pkg => {
          pkg.dependencies['app-legacy'] = 'link:../app-legacy';
        });
        // The packages are not on npm: resolve their names to the tarballs.
        editJson(path.join(app, 'package.json'), pkg => {
          pkg.resolutions = {
            ...pkg.resolutions,
            ...Object.fromEntries(
              Object.entries(tarballs).map(([n, t]) => [n, `file:${t.tgz}`]),
            ),
          };
        });
        fs.writeFileSync(
          path.join(app, 'app-config.install.yaml'),
          JSON.stringify(
            {
              app: { baseUrl: BASE_URL },
              backend: {
                baseUrl: BASE_URL,
                listen: { port: PORT },
                cors: { origin: BASE_URL },
              },
            },
            null,
            2,
          ),
        );
        fs.writeFileSync(
          path.join(app, 'app-config.legacy.yaml'),
          JSON.stringify({ app: { packageName: 'app-legacy' } }, null, 2),
        );
        yarnIn('yarn install (fresh app)', app, ['install']);
        savePrebuilds(toolchain.nodeBin, app);
      },
    );
    if (!created) return results;
    // What the fresh app holds twice by itself, before Eventport: its own
    // ranges let Yarn take some packages from the newest Backstage line.
    const twiceBefore = new Set(duplicatedBackstagePackages(app));
    log(
      twiceBefore.size
        ? `the fresh app, before Eventport, already holds these @backstage packages in two versions: ${[
            ...twiceBefore,
          ].join(', ')}`
        : 'the fresh app, before Eventport, holds one version of each @backstage package',
    );

    await check(
      'a fresh app without Eventport: does Backstage\'s signals backend start? (README "A fault of Backstage")',
      async () => {
        const { backend, lines } = startBackend('plain', [
          'app-config.yaml',
          'app-config.install.yaml',
        ]);
        try {
          const outcome = await Promise.race([
            waitForHttp(`${BASE_URL}/.backstage/health/v1/readiness`, {
              timeoutMs: 240_000,
              service: backend,
            }).then(() => 'ready'),
            new Promise(resolve => {
              backend.onLine(line => {
                if (SIGNALS_FAULT.test(line)) resolve('fault');
              });
            }),
          ]).catch(error => `error: ${error.message}`);
          const fault = lines.some(l => SIGNALS_FAULT.test(l));
          log(
            fault
              ? 'the fresh app without Eventport shows the signals fault: the README workaround is still needed'
              : `the fresh app without Eventport: ${outcome}, no signals fault; the README workaround may be dropped`,
          );
          if (!fault && outcome !== 'ready') return outcome;
          return undefined;
        } finally {
          await stopService(backend);
        }
      },
    );

    const added = await check(
      "add Eventport with the README's lines (backend, and both frontend systems)",
      () => {
        yarnIn(`yarn --cwd ${readme.backendAdd.dir} add …`, app, [
          '--cwd',
          readme.backendAdd.dir,
          'add',
          ...withVersion(readme.backendAdd.packages),
        ]);
        editBackend(app, readme);
        removeSignalsBackend(app, readme);
        for (const v of variants) {
          const frontendAdd =
            v.name === 'legacy' ? readme.legacyAdd : readme.frontendAdd;
          // The README speaks of packages/app; here the legacy one is beside it.
          yarnIn(`yarn --cwd ${v.dir} add … (${label(v)})`, app, [
            '--cwd',
            v.dir,
            'add',
            ...withVersion(frontendAdd.packages),
          ]);
        }
        editLegacyApp(app, readme, 'packages/app-legacy');
        // Two copies of a frontend API package in one app is how extensions
        // and API refs silently fail to meet: Eventport takes the app's own
        // (peer dependencies) and must add no second copy of anything.
        const introduced = duplicatedBackstagePackages(app).filter(
          d => !twiceBefore.has(d),
        );
        if (introduced.length) {
          throw new Error(
            `Eventport's packages add a second version of: ${introduced.join(
              ', ',
            )}`,
          );
        }
        log(
          'Eventport adds no second version of any @backstage package to the app',
        );
      },
    );
    if (!added) return results;
    await check('yarn tsc (both frontend systems)', () => {
      yarnIn('yarn tsc', app, ['tsc']);
    });

    for (const v of variants) {
      const built = await check(`build the frontend (${label(v)})`, () => {
        yarnIn(`yarn workspace ${v.pkg} build`, app, [
          'workspace',
          v.pkg,
          'build',
          '--config',
          path.join(app, 'app-config.yaml'),
          '--config',
          path.join(app, 'app-config.install.yaml'),
        ]);
      });
      if (!built) continue;

      for (const state of ['no-config', 'one-cluster']) {
        const configs = ['app-config.yaml', 'app-config.install.yaml'];
        configs.push(...v.config);
        if (state === 'one-cluster') {
          kafka ??= await startKafka(toolchain, env, logStream);
          fs.writeFileSync(
            path.join(app, 'app-config.cluster.yaml'),
            JSON.stringify(clusterConfig(readme, kafka.brokers), null, 2),
          );
          configs.push('app-config.cluster.yaml');
        }
        await check(
          `${label(v)}, ${
            state === 'no-config'
              ? 'no eventStreaming config'
              : 'one cluster configured'
          }: Event Streaming renders in Chromium`,
          async () => {
            const { backend, lines } = startBackend(
              `${v.name}-${state}`,
              configs,
            );
            try {
              await waitForHttp(`${BASE_URL}/.backstage/health/v1/readiness`, {
                timeoutMs: 240_000,
                service: backend,
              }).catch(error => {
                throw new Error(`${error.message}\n${tail(lines.join('\n'))}`);
              });
              const file = await openEventStreaming({
                chromiumPath,
                baseUrl: BASE_URL,
                expectTexts:
                  state === 'no-config'
                    ? ['No Kafka clusters configured', 'Configuration docs']
                    : [kafka.topic],
                screenshot: `install-${v.name}-${state}.png`,
              });
              log(`screenshot: ${path.relative(repoRoot, file)}`);
              return undefined;
            } finally {
              await stopService(backend);
            }
          },
        );
      }
    }
  } finally {
    if (kafka) await stopService(kafka.service);
    logStream.end();
  }
  return results;
}

function editJson(file, edit) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json);
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/** `name a, b` for each @backstage package the app's lockfile resolves twice. */
function duplicatedBackstagePackages(app) {
  const lock = fs.readFileSync(path.join(app, 'yarn.lock'), 'utf8');
  const versions = new Map();
  for (const m of lock.matchAll(
    /resolution: "(@backstage\/[^@"]+)@npm:([^"]+)"/g,
  )) {
    versions.set(m[1], [...(versions.get(m[1]) ?? []), m[2]]);
  }
  return [...versions]
    .filter(([, v]) => v.length > 1)
    .map(([name, v]) => `${name} ${v.join(' and ')}`);
}

/** One Apache Kafka broker of the devstack, seeded with the demo topics. */
async function startKafka(toolchain, env, logStream) {
  const service = startService(
    'devstack-install',
    toolchain.nodeBin,
    [
      '--require',
      'tsx/cjs',
      devstackCli,
      '--stack',
      'apache',
      '--brokers',
      '1',
      '--kafka-port',
      String(KAFKA_PORT),
      '--no-connect',
      '--no-registry',
    ],
    { cwd: repoRoot, env, logStream },
  );
  let brokers;
  service.onLine(line => {
    const m = /^kafka ready: (\S+)/.exec(line);
    if (m) brokers = m[1].split(',');
  });
  await service.waitForLine(/^devstack: apache stack started in /, 600_000);
  if (!brokers) throw new Error('the devstack printed no "kafka ready" line');
  return { service, brokers, topic: 'team-a.payments-v1' };
}
