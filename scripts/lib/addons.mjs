// Compiled native add-ons, kept between installs.
//
// Some packages (better-sqlite3 in this repository and in every Backstage
// app) install with `prebuild-install || node-gyp rebuild`: prebuild-install
// downloads a binary from GitHub, which the machines we run on may not reach,
// so every fresh install compiles the add-on from source (better-sqlite3: about
// 105 s of one core here). Before it downloads, prebuild-install looks in a
// folder of local prebuilds (its documented `local-prebuilds` setting).
//
// After a successful install, each add-on that was compiled is packed into
// that folder under the name prebuild-install looks for: package, version,
// runtime and ABI, platform, libc and architecture. The folder is named to
// prebuild-install per package (`npm_config_<package>_local_prebuilds`: the
// generic `prebuild-install_local-prebuilds` is not a valid shell name, and
// the shell that Yarn's scripts run through drops it). The next install (a new
// clone, or the install check's fresh app) unpacks it instead of compiling.
// Nothing is taken from elsewhere: only what this machine built. Delete
// ~/.cache/eventport/prebuilds to compile again.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log } from './toolchain.mjs';

export const prebuildsDir = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
  'eventport',
  'prebuilds',
);

const manifest = path.join(prebuildsDir, 'packages.json');

function cachedPackages() {
  try {
    return JSON.parse(fs.readFileSync(manifest, 'utf8'));
  } catch {
    return [];
  }
}

/** prebuild-install's name for a package's setting (its util.getEnvPrefix). */
function envName(pkgName) {
  const prefix = pkgName.replace(/[^a-zA-Z0-9]/g, '_').replace(/^_/, '');
  return `npm_config_${prefix}_local_prebuilds`;
}

/** Environment for a `yarn install` that should use the cache. */
export function prebuildsEnv() {
  return Object.fromEntries(
    cachedPackages().map(name => [envName(name), prebuildsDir]),
  );
}

/** Package folders under `root`'s node_modules that install with prebuild-install. */
function prebuildPackages(root) {
  const found = [];
  const walk = dir => {
    let names;
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const abs = path.join(dir, name);
      if (name.startsWith('@')) {
        walk(abs);
        continue;
      }
      let pkg;
      try {
        pkg = JSON.parse(fs.readFileSync(path.join(abs, 'package.json')));
      } catch {
        continue;
      }
      if (/\bprebuild-install\b/.test(pkg.scripts?.install ?? '')) {
        found.push(abs);
      }
      walk(path.join(abs, 'node_modules'));
    }
  };
  walk(path.join(root, 'node_modules'));
  return found;
}

// Asks each package's own prebuild-install which file name it would look
// for, with the Node that ran the install (its ABI decides the name).
const NAME_SCRIPT = `
const path = require('node:path');
const { createRequire } = require('node:module');
for (const dir of JSON.parse(process.argv[1])) {
  try {
    const req = createRequire(path.join(dir, 'package.json'));
    const pkg = req('./package.json');
    const util = req('prebuild-install/util');
    const opts = req('prebuild-install/rc')(pkg);
    const url = util.getDownloadUrl({ ...opts, pkg });
    console.log(JSON.stringify({ dir, name: pkg.name, file: path.basename(url) }));
  } catch {}
}`;

/**
 * The .node files to pack. prebuild-install loads the last one it unpacks to
 * check it, so a build's test add-ons (better-sqlite3's test_extension.node)
 * must stay out: the one named after the package, when there is one.
 */
function mainAddon(pkgName, files) {
  const own = `${pkgName.replace(/^@[^/]+\//, '').replace(/-/g, '_')}.node`;
  return files.includes(own) ? [own] : files.sort();
}

/**
 * Packs the add-ons that `root`'s install compiled into the cache. Never
 * throws: the cache only saves time.
 */
export function savePrebuilds(nodeBin, root) {
  try {
    const dirs = prebuildPackages(root).filter(dir => {
      const release = path.join(dir, 'build', 'Release');
      return (
        fs.existsSync(release) &&
        fs.readdirSync(release).some(f => f.endsWith('.node'))
      );
    });
    if (dirs.length === 0) return;
    const res = spawnSync(nodeBin, ['-e', NAME_SCRIPT, JSON.stringify(dirs)], {
      encoding: 'utf8',
    });
    fs.mkdirSync(prebuildsDir, { recursive: true });
    const names = new Set(cachedPackages());
    for (const line of (res.stdout ?? '').split('\n').filter(Boolean)) {
      const { dir, name, file } = JSON.parse(line);
      const target = path.join(prebuildsDir, file);
      if (fs.existsSync(target)) continue;
      const release = path.join('build', 'Release');
      const nodes = mainAddon(
        name,
        fs
          .readdirSync(path.join(dir, release))
          .filter(f => f.endsWith('.node')),
      ).map(f => path.join(release, f));
      const tmp = `${target}.${process.pid}.tmp`;
      const tar = spawnSync('tar', ['-czf', tmp, '-C', dir, ...nodes]);
      if (tar.status === 0) {
        fs.renameSync(tmp, target);
        names.add(name);
        log(`kept the compiled add-on ${file} in ${prebuildsDir}`);
      } else {
        fs.rmSync(tmp, { force: true });
      }
    }
    fs.writeFileSync(manifest, `${JSON.stringify([...names].sort())}\n`);
  } catch (error) {
    log(`could not keep the compiled add-ons: ${error.message}`);
  }
}
