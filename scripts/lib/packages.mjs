// The `packages` step of `npm test` (issue 8): what a platform team installs
// from npm. It checks that
// - each published package's API report (report.api.md, from Backstage's
//   repo tools) matches its public API, and that the check catches a change;
// - the @backstage ranges accept the current Backstage release and the one
//   before it (versions.mjs);
// - `yarn pack` and `npm pack` ship only dist, the config schema, the
//   backend's migrations, the README and package.json, with entry points in
//   dist and no `workspace:` ranges.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log, repoRoot, yarnArgs } from './toolchain.mjs';
import { checkVersionRanges } from './versions.mjs';

/** The packages we publish, and what each may ship besides dist. */
export const PUBLISHED = [
  { dir: 'plugins/event-streaming', extra: [] },
  {
    dir: 'plugins/event-streaming-backend',
    extra: ['config.schema.json', 'migrations'],
  },
  { dir: 'plugins/event-streaming-common', extra: [] },
  { dir: 'plugins/event-streaming-node', extra: [] },
  {
    dir: 'plugins/catalog-backend-module-event-streaming',
    extra: ['config.schema.json'],
  },
];

/** The flags Backstage's own repository uses for its API reports. */
export const API_REPORT_ARGS = [
  'backstage-repo-tools',
  'api-reports',
  '-o',
  'ae-wrong-input-file-type,ae-undocumented',
  '--validate-release-tags',
];

function sh(bin, argv, env, cwd = repoRoot) {
  const res = spawnSync(bin, argv, { cwd, env, encoding: 'utf8' });
  return {
    ok: res.status === 0,
    stdout: res.stdout ?? '',
    out: `${res.stdout ?? ''}${res.stderr ?? ''}`,
  };
}

function lastLines(text, n = 15) {
  return text.trim().split('\n').slice(-n).join('\n');
}

/**
 * Writes the type declarations (dist-types) that the API reports read, from
 * scratch: after an incremental type-check, TypeScript may print the members
 * of a union in another order than a fresh one does, and the reports would
 * differ between a working copy and CI.
 */
export function freshDeclarations({ nodeBin }, env) {
  fs.rmSync(path.join(repoRoot, 'dist-types'), {
    recursive: true,
    force: true,
  });
  return sh(nodeBin, yarnArgs(['tsc']), env);
}

/**
 * Returns the checks and the tarballs that passed them (package name to
 * `{ tgz, version }`), in `packDir`, for the install step of the same run.
 */
export function checkPackages({ nodeBin, env, packDir, freshTypes = false }) {
  const results = [];
  const tarballs = {};
  const check = (name, fn) => {
    let detail;
    try {
      detail = fn();
    } catch (error) {
      detail = error.message;
    }
    results.push({ name, ok: !detail });
    process.stdout.write(
      detail ? `FAIL ${name}: ${detail}\n` : `ok   ${name}\n`,
    );
  };
  const yarn = (argv, cwd) => sh(nodeBin, yarnArgs(argv), env, cwd);
  const dirs = PUBLISHED.map(p => p.dir);

  // The tsc step of the same run wrote them from scratch already.
  const tsc = freshTypes ? { ok: true } : freshDeclarations({ nodeBin }, env);
  if (!tsc.ok) {
    check('type declarations', () => lastLines(tsc.out));
    return { results, tarballs };
  }
  check('API reports match the public API', () => {
    const res = yarn([...API_REPORT_ARGS, '--ci', ...dirs]);
    return res.ok
      ? undefined
      : `${lastLines(res.out)}\n` +
          'Run `npm run api-reports` and commit the changed report.api.md files.';
  });
  check('an unreported API change fails the API report check', () => {
    // A new export in the node library's declarations, as a change to its
    // source would make; the report is left as it is.
    const dts = path.join(
      repoRoot,
      'dist-types/plugins/event-streaming-node/src/index.d.ts',
    );
    const report = path.join(
      repoRoot,
      'plugins/event-streaming-node/report.api.md',
    );
    const [dtsBefore, reportBefore] = [dts, report].map(f =>
      fs.readFileSync(f, 'utf8'),
    );
    try {
      fs.appendFileSync(
        dts,
        '\n/** @public */\nexport declare function unreportedChange(): void;\n',
      );
      const res = yarn([
        ...API_REPORT_ARGS,
        '--ci',
        'plugins/event-streaming-node',
      ]);
      if (res.ok) return 'the check passed although the API changed';
      if (!/unreportedChange|changed the API signature/.test(res.out)) {
        return `the check failed, but not because of the API: ${lastLines(
          res.out,
        )}`;
      }
      return undefined;
    } finally {
      fs.writeFileSync(dts, dtsBefore);
      fs.writeFileSync(report, reportBefore);
    }
  });

  let ranges = [];
  try {
    ranges = checkVersionRanges(dirs, env);
  } catch (error) {
    check('version ranges', () => error.message);
  }
  for (const r of ranges) {
    check(`${r.name}: @backstage ranges accept ${r.releases.join(', ')}`, () =>
      r.problems.length ? r.problems.join('; ') : undefined,
    );
  }

  check(
    'a range that rejects the release before the current one fails the check',
    () => {
      // core-plugin-api 1.13.0 is newer than both releases' 1.12.x.
      const [narrowed] = checkVersionRanges(['plugins/event-streaming'], env, {
        override: { '@backstage/core-plugin-api': '^1.13.0' },
      });
      const caught = narrowed.problems.filter(p =>
        p.startsWith('@backstage/core-plugin-api "^1.13.0" rejects'),
      );
      return caught.length === 2
        ? undefined
        : `expected the narrowed range to reject both releases, got: ${
            narrowed.problems.join('; ') || 'no problem'
          }`;
    },
  );

  log('building the published packages (backstage-cli repo build)');
  const build = yarn(['backstage-cli', 'repo', 'build']);
  if (!build.ok) {
    check('build', () => lastLines(build.out));
    return { results, tarballs };
  }
  fs.rmSync(packDir, { recursive: true, force: true });
  fs.mkdirSync(packDir, { recursive: true });
  const unpackDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventport-pack-'));
  try {
    for (const { dir, extra } of PUBLISHED) {
      const allowed = new Set(['dist', 'README.md', 'package.json', ...extra]);
      const pkgDir = path.join(repoRoot, dir);
      const { name, version } = JSON.parse(
        fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
      );
      const shipped = (files, tool) => {
        const roots = [...new Set(files.map(f => f.split('/')[0]))].sort();
        const stray = roots.filter(r => !allowed.has(r));
        if (stray.length) return `${tool} ships ${stray.join(', ')}`;
        if (!roots.includes('dist')) return `${tool} ships no dist`;
        if (!files.includes('README.md')) return `${tool} ships no README.md`;
        for (const e of extra) {
          if (!roots.includes(e)) return `${tool} does not ship ${e}`;
        }
        return undefined;
      };
      check(`${name}: yarn pack ships only ${[...allowed].join(', ')}`, () => {
        const tgz = path.join(packDir, `${path.basename(dir)}.tgz`);
        const res = yarn(['pack', '--out', tgz], pkgDir);
        if (!res.ok) return lastLines(res.out);
        const list = sh('tar', ['-tzf', tgz], env);
        const files = list.out
          .split('\n')
          .filter(Boolean)
          .map(f => f.replace(/^package\//, ''));
        const problem = shipped(files, 'yarn pack');
        if (problem) return problem;
        // The packed package.json: entry points in dist, no workspace ranges.
        const x = path.join(unpackDir, path.basename(dir));
        fs.mkdirSync(x, { recursive: true });
        sh('tar', ['-xzf', tgz, '-C', x], env);
        const packed = JSON.parse(
          fs.readFileSync(path.join(x, 'package', 'package.json'), 'utf8'),
        );
        for (const field of ['main', 'types', 'module']) {
          const value = packed[field];
          if (value !== undefined && !value.startsWith('dist/')) {
            return `packed "${field}" is ${value}`;
          }
        }
        const targets = JSON.stringify(packed.exports ?? {});
        if (/\.\/src\//.test(targets)) {
          return `packed "exports" point at src: ${targets}`;
        }
        const deps = JSON.stringify({
          ...packed.dependencies,
          ...packed.peerDependencies,
        });
        if (deps.includes('workspace:')) {
          return `packed dependencies keep workspace: ranges: ${deps}`;
        }
        if (!packed.repository?.url || !packed.keywords?.length) {
          return 'packed package.json lacks repository or keywords';
        }
        tarballs[name] = { tgz, version };
        return undefined;
      });
      check(`${name}: npm pack ships the same`, () => {
        // A tarball goes to the install step only when both checks passed.
        const tarball = tarballs[name];
        delete tarballs[name];
        const res = sh('npm', ['pack', '--dry-run', '--json'], env, pkgDir);
        if (!res.ok) return lastLines(res.out);
        const json = res.stdout.slice(res.stdout.indexOf('['));
        const files = JSON.parse(json)[0].files.map(f => f.path);
        const problem = shipped(files, 'npm pack');
        if (!problem && tarball) tarballs[name] = tarball;
        return problem;
      });
    }
  } finally {
    fs.rmSync(unpackDir, { recursive: true, force: true });
  }
  return { results, tarballs };
}
