// Starting and stopping the long-running processes of `npm run dev` and of
// the browser tests: each child runs in its own process group, its output is
// prefixed with its name, and stopAll() ends the whole group.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { log } from './toolchain.mjs';

const children = new Set();

export function startService(name, command, args, options) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const prefix = `[${name}] `;
  const listeners = [];
  const forward = (stream, out) => {
    let buffered = '';
    stream.on('data', chunk => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        (options.logStream ?? out).write(prefix + line + '\n');
        for (const listener of listeners) listener(line);
      }
    });
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  const exited = new Promise(resolve => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return {
    name,
    child,
    exited,
    /** Calls `listener` with every later output line. */
    onLine(listener) {
      listeners.push(listener);
    },
    /** Resolves with the first output line matching `pattern`. */
    waitForLine(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `${name} printed no line matching ${pattern} within ${
                  timeoutMs / 1000
                }s`,
              ),
            ),
          timeoutMs,
        );
        listeners.push(line => {
          if (pattern.test(line)) {
            clearTimeout(timer);
            resolve(line);
          }
        });
        exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(
            new Error(
              `${name} exited (code ${code}, signal ${signal}) before it was ready`,
            ),
          );
        });
      });
    },
  };
}

/** Polls `url` until it answers with a status below 500. */
export async function waitForHttp(url, { timeoutMs, service }) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  service?.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited)
      throw new Error(`${service.name} exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/** True when something already listens on the port. */
export function portInUse(port, host = '127.0.0.1') {
  return new Promise(resolve => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops every started child: SIGTERM, then SIGKILL after a grace period. */
export async function stopAll(graceMs = 30000) {
  const running = [...children];
  if (running.length === 0) return;
  log(`stopping ${running.length} processes`);
  for (const child of running) signalGroup(child, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (children.size > 0 && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 200));
  }
  for (const child of children) signalGroup(child, 'SIGKILL');
}

/** Stops one started service and its process group. */
export async function stopService(service, graceMs = 20000) {
  if (!children.has(service.child)) return;
  signalGroup(service.child, 'SIGTERM');
  const timedOut = await Promise.race([
    service.exited.then(() => false),
    new Promise(r => setTimeout(() => r(true), graceMs)),
  ]);
  if (timedOut) {
    signalGroup(service.child, 'SIGKILL');
    await service.exited;
  }
}
