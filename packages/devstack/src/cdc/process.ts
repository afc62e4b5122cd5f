/**
 * What the CDC source database launchers share: finding the installed server
 * binaries, the run folder (removed on close, on exit, and by the next start
 * when a killed process left it), the OS user the servers run as when this
 * process is root, and retries when a free port was taken before the bind.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StackError } from '../stack/errors';
import { tailOf } from '../stack/jvm';
import { OWNER_FILE, pruneStaleRunDirs } from '../stack/runDirs';

/** A started source database, as a test or the demo needs it. */
export interface CdcDatabase {
  kind: 'postgres' | 'mariadb';
  host: string;
  port: number;
  /** A superuser (PostgreSQL) or `root` (MariaDB); no password, trust over TCP. */
  user: string;
  /** The database created for the caller. */
  database: string;
  /** The server's version string, e.g. `15.14 (Debian 15.14-0+deb12u1)`. */
  version: string;
  /** The run folder (data, socket, log); removed by close(). */
  runDir: string;
  logFile: string;
  /** Stops the server and removes its run folder. */
  close(): Promise<void>;
}

export interface CdcLaunchOptions {
  /** The database to create (default `eventport`). */
  database?: string;
  /** TCP port on 127.0.0.1; default a free one. */
  port?: number;
  /** Folder of the server binaries; default the installed server's. */
  binDir?: string;
  /** Progress lines; default stderr, prefixed like the devstack CLI's. */
  onProgress?: (line: string) => void;
  /** How long to wait for the server's first answer (default 60 s). */
  readyTimeoutMs?: number;
}

export const defaultProgress = (line: string) =>
  process.stderr.write(`devstack: ${line}\n`);

/**
 * The first folder of `dirs`, then of $PATH unless `searchPath` is false,
 * that holds every one of `names`; undefined when none does.
 */
export function findBinDir(
  names: string[],
  dirs: Array<string | undefined>,
  searchPath = true,
): string | undefined {
  const pathDirs = searchPath
    ? (process.env.PATH ?? '').split(path.delimiter)
    : [];
  for (const dir of [...dirs, ...pathDirs]) {
    if (!dir) continue;
    const all = names.every(n => {
      try {
        fs.accessSync(path.join(dir, n), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
    if (all) return dir;
  }
  return undefined;
}

/**
 * The user and group a server runs as: this process's own, or, as root,
 * the named service user (PostgreSQL refuses to run as root).
 */
export function serviceUser(
  name: string,
): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find(l => l.startsWith(`${name}:`));
  if (!line) {
    throw new StackError(
      `running as root, the server must run as the '${name}' user, and there is none ` +
        `(create it: useradd --system ${name}), or run as another user`,
    );
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid), name };
}

/**
 * A new temporary run folder owned by `owner` (when given), removed when
 * this process exits. Returns the folder and a function that removes it.
 */
export function makeRunDir(
  prefix: string,
  owner?: { uid: number; gid: number },
): { runDir: string; remove: () => void } {
  pruneStaleRunDirs(prefix);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(runDir, OWNER_FILE), String(process.pid));
  if (owner) fs.chownSync(runDir, owner.uid, owner.gid);
  const remove = () => {
    try {
      fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // a server still writing as it dies; the next start prunes it
    }
  };
  process.on('exit', remove);
  return {
    runDir,
    remove: () => {
      process.off('exit', remove);
      remove();
    },
  };
}

/**
 * Runs a setup command (initdb, mariadb-install-db) to its end, as `user`
 * when given, with its output in `logFile`; a failure quotes the log's tail.
 */
export async function runSetup(
  what: string,
  bin: string,
  args: string[],
  opts: { cwd: string; logFile: string; user?: { uid: number; gid: number } },
): Promise<void> {
  const out = fs.openSync(opts.logFile, 'a');
  const child = spawn(bin, args, {
    cwd: opts.cwd,
    stdio: ['ignore', out, out],
    uid: opts.user?.uid,
    gid: opts.user?.gid,
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
  });
  fs.closeSync(out);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', c => resolve(c));
  });
  if (code !== 0) {
    throw new StackError(
      `${what} failed (exit code ${code})\n--- last lines of ${
        opts.logFile
      } ---\n${tailOf(opts.logFile)}`,
    );
  }
}

/**
 * Free ports are found by binding port 0 and releasing it; another process
 * can take the port before the server binds it. Such a start is tried again,
 * with a new port, twice at most.
 */
export async function retryOnBindRace<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (e) {
      if (!(e instanceof StackError && e.bindFailed) || attempt >= 3) throw e;
    }
  }
}
