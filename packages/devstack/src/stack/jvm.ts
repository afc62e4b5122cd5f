/**
 * One server process of the real stack. Each JVM runs under a small shell
 * guard in its own process group:
 *
 * - the guard holds a pipe from this Node process on its stdin; when this
 *   process dies, however it dies (even SIGKILL), the pipe closes and the
 *   guard stops the JVM (SIGTERM, then SIGKILL after a grace period);
 * - SIGTERM to the guard stops the JVM and waits for it, so `stop()` returns
 *   only when the ports are free again;
 * - stdout and stderr go straight to a log file whose tail is quoted in errors.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { StackError } from './errors';

const GUARD = `
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM INT HUP
{ cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null; sleep 10; kill -KILL "$child" 2>/dev/null; } &
watcher=$!
exec 3<&-
wait "$child"
code=$?
kill "$watcher" 2>/dev/null
exit $code
`;

const running = new Set<JvmProcess>();
let hooksInstalled = false;

function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // A normal exit of this process: no guard outlives it. (A crash or SIGKILL
  // is covered by the guard's stdin pipe.)
  process.on('exit', () => {
    for (const p of running) p.killNow();
  });
}

export interface JvmOptions {
  name: string;
  java: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  /**
   * Run the guard and the server as this user and group (for servers that
   * refuse to run as root, such as PostgreSQL); default this process's own.
   */
  uid?: number;
  gid?: number;
}

export function tailOf(file: string, lines = 30): string {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

export class JvmProcess {
  readonly name: string;
  readonly logFile: string;
  private child?: ChildProcess;
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };
  private exitPromise?: Promise<void>;

  constructor(private readonly options: JvmOptions) {
    this.name = options.name;
    this.logFile = options.logFile;
    // A new process starts a new log; restarts of it append.
    fs.writeFileSync(this.logFile, '');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exited(): boolean {
    return !!this.exitInfo;
  }

  /** Starts the JVM; `stop()` or the death of this process ends it. */
  start(): void {
    installExitHooks();
    const out = fs.openSync(this.options.logFile, 'a');
    this.exitInfo = undefined;
    const child = spawn(
      '/bin/sh',
      [
        '-c',
        GUARD,
        `guard:${this.name}`,
        this.options.java,
        ...this.options.args,
      ],
      {
        cwd: this.options.cwd,
        env: this.options.env ?? process.env,
        detached: true,
        stdio: ['pipe', out, out],
        uid: this.options.uid,
        gid: this.options.gid,
      },
    );
    fs.closeSync(out);
    this.child = child;
    running.add(this);
    // An EPIPE on the guard's pipe is expected once it is gone.
    child.stdin?.on('error', () => {});
    this.exitPromise = new Promise(resolve => {
      child.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        running.delete(this);
        child.stdin?.destroy();
        resolve();
      });
    });
  }

  /** True when the log says a port was taken (another process won a free port first). */
  bindFailed(): boolean {
    try {
      return /Address already in use|BindException/.test(
        fs.readFileSync(this.logFile, 'utf8'),
      );
    } catch {
      return false;
    }
  }

  /** An error that quotes the end of the log. */
  failure(message: string): StackError {
    const error = new StackError(
      `${this.name}: ${message}\n--- last lines of ${
        this.logFile
      } ---\n${tailOf(this.logFile)}`,
    );
    (error as StackError & { bindFailed?: boolean }).bindFailed =
      this.bindFailed();
    return error;
  }

  /**
   * Polls `check` until it returns true. Fails fast when the JVM exits, and
   * after `timeoutMs` with the log's tail.
   */
  async waitUntil(
    what: string,
    check: () => Promise<boolean>,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    while (Date.now() < deadline) {
      if (this.exitInfo) {
        throw this.failure(
          `exited (code ${this.exitInfo.code}, signal ${this.exitInfo.signal}) before ${what}`,
        );
      }
      try {
        if (await check()) return;
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e);
      }
      await new Promise(r => setTimeout(r, 250));
    }
    throw this.failure(
      `not ${what} after ${Math.round(timeoutMs / 1000)} s${
        lastError ? ` (last: ${lastError})` : ''
      }`,
    );
  }

  /** Stops the JVM gracefully; SIGKILL to its whole group after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || this.exitInfo) return;
    try {
      process.kill(child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = new Promise<'timeout'>(r =>
      setTimeout(() => r('timeout'), graceMs).unref(),
    );
    if ((await Promise.race([this.exitPromise, timer])) === 'timeout')
      this.killNow();
    await this.exitPromise;
    // The guard is gone; make sure nothing of its group is left either.
    this.signalGroup('SIGKILL');
  }

  /**
   * Lets this process exit while the JVM runs (for a cluster kept for the
   * whole test run); the exit hook and the guard's pipe still end it then.
   */
  unref(): void {
    this.child?.unref();
    (this.child?.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }

  /** SIGKILL to the whole process group, synchronously. */
  killNow(): void {
    this.signalGroup('SIGKILL');
  }

  private signalGroup(signal: NodeJS.Signals) {
    if (!this.child?.pid) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // the group is gone
    }
  }
}

/** A server started until it answers, with restart and stop. */
export interface ReadyServer {
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the JVM and waits until `check` says it answers; a server that does
 * not become ready is stopped before the error (with its log's tail) is thrown.
 */
export async function startUntilReady(
  jvm: JvmProcess,
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<ReadyServer> {
  const waitReady = () => jvm.waitUntil(what, check, timeoutMs);
  jvm.start();
  try {
    await waitReady();
  } catch (e) {
    await jvm.stop();
    throw e;
  }
  return {
    async restart() {
      await jvm.stop();
      jvm.start();
      await waitReady();
    },
    stop: () => jvm.stop(),
  };
}
