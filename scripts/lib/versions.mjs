// The version-range check of the `packages` step (issue 8): every @backstage
// dependency of a published package must accept the version of that package
// in the current Backstage release and in the one before it, and the version
// this repository builds and tests with.
//
// The releases come from `@backstage/create-app`, not from Backstage's release
// manifest (versions.backstage.io, which these machines cannot reach): each
// create-app embeds the versions of its release's packages, for the apps it
// creates. The root package.json holds the create-app of the current release
// as `@backstage/create-app` and that of the release before it as
// `backstage-create-app-previous`; bump both when a Backstage release is out.
//
// A few packages we use are not in create-app's list. Their release version
// is read from a listed package of the same release that depends on them
// (`npm view`, the npm registry): inside Backstage's monorepo a dependency is
// `workspace:^`, published as `^<the release's version>`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './toolchain.mjs';

// Loaded on use: this module is imported before the setup installs packages.
const require = createRequire(path.join(repoRoot, 'package.json'));
const semver = {
  satisfies: (...args) => require('semver').satisfies(...args),
  minVersion: (...args) => require('semver').minVersion(...args),
};

export const RELEASE_SOURCES = [
  { label: 'current', pkg: '@backstage/create-app' },
  { label: 'previous', pkg: 'backstage-create-app-previous' },
];

/** For a package that create-app does not list: a listed one that depends on it. */
const CARRIERS = {
  '@backstage/backend-plugin-api': '@backstage/backend-defaults',
  '@backstage/plugin-catalog-node': '@backstage/plugin-catalog-backend',
  // The events service that carries Eventport's changes to the catalog.
  '@backstage/plugin-events-node': '@backstage/plugin-catalog-backend',
  '@backstage/plugin-notifications-node':
    '@backstage/plugin-notifications-backend',
  // UrlReaders and SCM credentials come with the backend.
  '@backstage/integration': '@backstage/backend-defaults',
};

function release({ label, pkg }) {
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  const { packageVersions } = require(path.join(
    dir,
    'dist',
    'lib',
    'versions.cjs.js',
  ));
  return {
    label,
    name: `Backstage ${packageVersions.root}`,
    versions: { ...packageVersions },
  };
}

function viewDependencies(name, version, env) {
  const res = spawnSync(
    'npm',
    ['view', `${name}@${version}`, 'dependencies', '--json'],
    { encoding: 'utf8', env, timeout: 60_000 },
  );
  if (res.status !== 0) {
    throw new Error(
      `npm view ${name}@${version} failed: ${(res.stderr ?? '').trim()}`,
    );
  }
  return JSON.parse(res.stdout || '{}');
}

/** The version of `dep` in a release, from create-app's list or a carrier. */
function releaseVersion(rel, dep, env) {
  if (rel.versions[dep]) return rel.versions[dep];
  const carrier = CARRIERS[dep];
  if (!carrier || !rel.versions[carrier]) {
    throw new Error(
      `${rel.name}: create-app does not list ${dep}; add a listed package that depends on it to CARRIERS in scripts/lib/versions.mjs`,
    );
  }
  const range = viewDependencies(carrier, rel.versions[carrier], env)[dep];
  const min = range && semver.minVersion(range);
  if (!min) {
    throw new Error(
      `${rel.name}: ${carrier}@${rel.versions[carrier]} does not depend on ${dep}`,
    );
  }
  rel.versions[dep] = min.version;
  return min.version;
}

/** The version this repository resolves `dep` to, seen from the package. */
function repoVersion(pkgDir, dep) {
  const req = createRequire(path.join(pkgDir, 'package.json'));
  let dir = path.dirname(req.resolve(dep));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    dir = path.dirname(dir);
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
    .version;
}

/**
 * One result per published package: the @backstage dependencies whose range
 * rejects a release's version or the repository's own. `override` replaces
 * ranges before the check (the self-test narrows one).
 */
export function checkVersionRanges(dirs, env, { override = {} } = {}) {
  const releases = RELEASE_SOURCES.map(release);
  const results = [];
  for (const dir of dirs) {
    const pkgDir = path.join(repoRoot, dir);
    const pkg = JSON.parse(
      fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
    );
    const deps = Object.entries({
      ...pkg.dependencies,
      ...pkg.peerDependencies,
      ...override,
    }).filter(([name]) => name.startsWith('@backstage/'));
    const problems = [];
    for (const [dep, range] of deps) {
      const wanted = [
        ...releases.map(rel => ({
          where: rel.name,
          version: releaseVersion(rel, dep, env),
        })),
        { where: 'this repository', version: repoVersion(pkgDir, dep) },
      ];
      for (const { where, version } of wanted) {
        if (!semver.satisfies(version, range)) {
          problems.push(`${dep} "${range}" rejects ${version} (${where})`);
        }
      }
    }
    results.push({
      name: pkg.name,
      releases: releases.map(r => r.name),
      problems,
    });
  }
  return results;
}
