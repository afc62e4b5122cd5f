// Checks that `npm test` needs before it starts: PostgreSQL for the
// integration tests, Chromium for the browser tests. Nothing is skipped
// silently: a missing piece is installed (Chromium, as root) or the run stops
// with a message saying how to fix it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fail, log, repoRoot } from './toolchain.mjs';

export const POSTGRES_URL =
  process.env.EVENTPORT_TEST_POSTGRES_URL ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * Connects to the local PostgreSQL and returns the env vars that point
 * Backstage's TestDatabases at it (BACKSTAGE_TEST_DATABASE_POSTGRES<major>_...).
 */
async function postgresMajor() {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  const { Client } = require('pg');
  const client = new Client({
    connectionString: POSTGRES_URL,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    const res = await client.query('SHOW server_version_num');
    return Math.floor(Number(res.rows[0].server_version_num) / 10000);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Starts the machine's own PostgreSQL cluster when it is installed but stopped (root, Debian). */
function startLocalPostgres() {
  if (process.env.EVENTPORT_TEST_POSTGRES_URL || process.getuid?.() !== 0)
    return false;
  if (spawnSync('sh', ['-c', 'command -v pg_ctlcluster']).status !== 0)
    return false;
  let versions = [];
  try {
    versions = fs.readdirSync('/etc/postgresql');
  } catch {
    return false;
  }
  if (versions.length === 0) return false;
  log(
    `PostgreSQL is not running; starting the local cluster (pg_ctlcluster ${versions[0]} main start)`,
  );
  return (
    spawnSync(
      'pg_ctlcluster',
      ['--skip-systemctl-redirect', versions[0], 'main', 'start'],
      { stdio: 'inherit' },
    ).status === 0
  );
}

export async function postgresEnv() {
  let major;
  try {
    major = await postgresMajor();
  } catch (error) {
    if (startLocalPostgres())
      major = await postgresMajor().catch(() => undefined);
    if (!major) {
      fail(
        `PostgreSQL is not reachable at ${POSTGRES_URL} (${error.message}).\n` +
          `The integration tests need it. Start it (on these machines: ` +
          `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) ` +
          `or point EVENTPORT_TEST_POSTGRES_URL at a server with trust or password auth.`,
      );
    }
  }
  const base = POSTGRES_URL.replace(/\/[^/]*$/, '');
  log(`PostgreSQL ${major} reachable at ${base}`);
  return {
    [`BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`]: base,
    EVENTPORT_TEST_POSTGRES_ID: `POSTGRES_${major}`,
  };
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function installed(pkg) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], {
    encoding: 'utf8',
  });
  return res.status === 0 && res.stdout.includes('install ok installed');
}

/**
 * Makes sure Debian packages are installed: as root with apt-get, installs
 * the missing ones (one `apt-get update` first); otherwise stops with the
 * command to run. `why` says what needs them.
 */
export function ensureDebianPackages(packages, why) {
  const hasDpkg = spawnSync('sh', ['-c', 'command -v dpkg-query']).status === 0;
  const missing = hasDpkg ? packages.filter(p => !installed(p)) : packages;
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  const command = `sudo apt-get update && sudo apt-get install -y ${missing.join(
    ' ',
  )}`;
  if (!isRoot || !hasApt) {
    fail(
      `${why} need${
        missing.length === 1 ? 's' : ''
      } the Debian package(s) ${missing.join(
        ', ',
      )}, which are not installed.\nInstall them with: ${command}`,
    );
  }
  log(`installing Debian packages for ${why}: ${missing.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], {
    stdio: 'inherit',
    env,
  });
  const install = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
    {
      stdio: 'inherit',
      env,
    },
  );
  const still = missing.filter(p => !installed(p));
  if (update.status !== 0 || install.status !== 0 || still.length) {
    fail(
      `apt-get could not install ${
        still.join(' ') || missing.join(' ')
      }; install by hand (${command}) and run again`,
    );
  }
}

/** Path of Debian's Chromium, installing it when we are root and it is missing. */
export function ensureChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured))
      fail(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  const found = CHROMIUM_CANDIDATES.find(p => fs.existsSync(p));
  if (found) return found;
  ensureDebianPackages(['chromium'], 'the browser tests');
  const installedPath = CHROMIUM_CANDIDATES.find(p => fs.existsSync(p));
  if (!installedPath)
    fail(
      'chromium was installed but no binary is at /usr/bin/chromium; set CHROMIUM_PATH',
    );
  return installedPath;
}

/** kcat, kafka-python and confluent-kafka: independent clients for the interop checks. */
export function ensureInteropClients() {
  ensureDebianPackages(
    ['kcat', 'python3-kafka', 'python3-confluent-kafka'],
    'the interop checks (independent Kafka clients)',
  );
}
