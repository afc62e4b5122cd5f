import {
  checkCompatibility,
  CompatibilityInput,
  CompatibilityReport,
  diffSchemas,
  SchemaDifference,
  SchemaFormat,
  SchemaParseError,
  SchemaTooComplexError,
} from '@eventport/plugin-event-streaming-common';
import { isError } from '@backstage/errors';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';

/**
 * Compares schemas. The work is bounded by the checker's own budget (steps
 * and wall-clock time); where it runs is this interface's business.
 */
export interface SchemaChecker {
  check(input: CompatibilityInput): Promise<CompatibilityReport>;
  diff(
    format: SchemaFormat,
    previous: string,
    next: string,
  ): Promise<SchemaDifference[]>;
  close(): Promise<void>;
}

/** Checks waiting for the worker; past this the answer is 429. */
export const MAX_WAITING_CHECKS = 16;

/**
 * The checker's wall-clock limit inside the worker. Off the event loop a
 * check may take longer than the 250 ms a page or the event loop can spare:
 * a fresh worker's first checks run before the JIT has warmed up, on cores
 * the Kafka and Connect JVMs share. The step budget applies either way.
 */
export const WORKER_TIME_LIMIT_MS = 2_000;

/**
 * How long one check may hold the worker, its own time limit included,
 * before the worker is stopped (and started again for the next check). It
 * catches whatever the budget does not see, such as a parser stuck on its
 * input.
 */
export const WORKER_DEADLINE_MS = WORKER_TIME_LIMIT_MS + 2_000;

/** How long the worker may take to start and load the checker. */
export const STARTUP_DEADLINE_MS = 60_000;

/** The worker is busy with other checks: HTTP 429. */
export class CheckerBusyError extends Error {
  readonly name = 'CheckerBusyError';
  readonly statusCode = 429;
  constructor() {
    super(
      `The schema checker is busy with ${MAX_WAITING_CHECKS} waiting checks; try again in a few seconds.`,
    );
  }
}

type Job =
  | { op: 'check'; input: CompatibilityInput }
  | { op: 'diff'; format: SchemaFormat; previous: string; next: string };

type Answer =
  | { ok: true; value: unknown }
  | {
      ok: false;
      name: string;
      message: string;
      budget?: number;
      timeLimitMs?: number;
    };

/**
 * The worker's program. It loads the checker from the same module the
 * backend uses (`commonPath`); from a source checkout that module is
 * TypeScript, so Backstage's own node transform (what `backstage-cli
 * package start` runs the backend with) is loaded first.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.transform) require(workerData.transform);
const common = require(workerData.commonPath);
parentPort.postMessage({ ready: true });
parentPort.on('message', job => {
  try {
    const options = { timeLimitMs: workerData.timeLimitMs };
    const value = job.op === 'check'
      ? common.checkCompatibility(job.input, options)
      : common.diffSchemas(job.format, job.previous, job.next, options);
    parentPort.postMessage({ ok: true, value });
  } catch (error) {
    parentPort.postMessage({
      ok: false,
      name: String(error && error.name),
      message: String(error && error.message),
      budget: error && error.budget,
      timeLimitMs: error && error.timeLimitMs,
    });
  }
});
`;

function rebuild(answer: Extract<Answer, { ok: false }>): Error {
  if (answer.name === 'SchemaParseError') {
    return new SchemaParseError(answer.message);
  }
  if (answer.name === 'SchemaTooComplexError') {
    return new SchemaTooComplexError(answer.budget ?? 0, answer.timeLimitMs);
  }
  return new Error(`The schema checker failed: ${answer.message}`);
}

/** Where the worker loads the checker from, and what it needs to load it. */
export function workerModules(): { commonPath: string; transform?: string } {
  const commonPath = require.resolve(
    '@eventport/plugin-event-streaming-common',
  );
  if (!/\.[cm]?ts$/.test(commonPath)) return { commonPath };
  return {
    commonPath,
    transform: require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
  };
}

/**
 * Runs every check in one worker thread, one at a time, so that no check
 * holds the backend's event loop: the loop only passes the schemas over
 * and waits. A check that outlives WORKER_DEADLINE_MS stops the worker
 * (422, too complex); at most MAX_WAITING_CHECKS wait (then 429).
 */
export class WorkerSchemaChecker implements SchemaChecker {
  private worker?: Worker;
  private ready?: Promise<Worker>;
  private readonly queue: Array<() => void> = [];
  private busy = false;

  constructor(
    private readonly modules: { commonPath: string; transform?: string },
    private readonly deadlineMs: number = WORKER_DEADLINE_MS,
  ) {}

  check(input: CompatibilityInput): Promise<CompatibilityReport> {
    return this.run({ op: 'check', input }) as Promise<CompatibilityReport>;
  }

  diff(format: SchemaFormat, previous: string, next: string) {
    return this.run({ op: 'diff', format, previous, next }) as Promise<
      SchemaDifference[]
    >;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await worker?.terminate();
  }

  /**
   * The worker, once it has loaded the checker (its start does not count
   * against a check's deadline; STARTUP_DEADLINE_MS bounds it instead).
   */
  private start(): Promise<Worker> {
    if (!this.ready) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { ...this.modules, timeLimitMs: WORKER_TIME_LIMIT_MS },
      });
      this.worker = worker;
      worker.on('exit', () => {
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = undefined;
        }
      });
      const ready = this.answer(worker, STARTUP_DEADLINE_MS).then(answer => {
        if (answer === 'late') {
          throw new Error(
            `The schema checker did not start within ${STARTUP_DEADLINE_MS} ms`,
          );
        }
        // An idle worker does not keep the backend (or a test) running.
        worker.unref();
        return worker;
      });
      ready.catch(() => {
        worker.terminate().catch(() => {});
      });
      this.ready = ready;
    }
    return this.ready;
  }

  /**
   * The worker's next message, or 'late' past the deadline. The worker
   * failing or stopping is an error.
   */
  private async answer(worker: Worker, deadlineMs: number) {
    const abort = new AbortController();
    const { signal } = abort;
    try {
      return await Promise.race([
        once(worker, 'message', { signal }).then(([message]) => message),
        once(worker, 'exit', { signal }).then(([code]) => {
          throw new Error(`The schema checker stopped (exit code ${code})`);
        }),
        delay(deadlineMs, 'late' as const, { signal }),
      ]);
    } catch (error) {
      if (isError(error) && error.name === 'AbortError') throw error;
      throw new Error(
        `The schema checker failed: ${isError(error) ? error.message : error}`,
      );
    } finally {
      abort.abort();
    }
  }

  private async run(job: Job): Promise<unknown> {
    if (this.busy) {
      if (this.queue.length >= MAX_WAITING_CHECKS) throw new CheckerBusyError();
      await new Promise<void>(resolve => this.queue.push(resolve));
    }
    this.busy = true;
    try {
      return await this.send(await this.start(), job);
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.busy = false;
    }
  }

  private async send(worker: Worker, job: Job): Promise<unknown> {
    // Waiting for an answer keeps the process alive, as any request does.
    worker.ref();
    try {
      worker.postMessage(job);
      const answer = (await this.answer(worker, this.deadlineMs)) as
        | Answer
        | 'late';
      if (answer === 'late') {
        // Whatever it is doing, it is stopped; the next check starts anew.
        await this.close();
        throw new SchemaTooComplexError(0, this.deadlineMs);
      }
      if (answer.ok) return answer.value;
      throw rebuild(answer);
    } finally {
      worker.unref();
    }
  }
}

/**
 * Runs the check on the calling thread, within the checker's budget (at
 * most CHECK_TIME_LIMIT_MS of the event loop). Only where no worker can
 * load the checker.
 */
export class InlineSchemaChecker implements SchemaChecker {
  async check(input: CompatibilityInput) {
    return checkCompatibility(input);
  }
  async diff(format: SchemaFormat, previous: string, next: string) {
    return diffSchemas(format, previous, next);
  }
  async close() {}
}

let shared: SchemaChecker | undefined;

/**
 * The process's checker: a worker thread, or, when the checker's module
 * cannot be resolved for a worker (a bundle without it), the inline one.
 */
export function sharedSchemaChecker(): SchemaChecker {
  if (!shared) {
    let modules: ReturnType<typeof workerModules> | undefined;
    try {
      modules = workerModules();
    } catch {
      modules = undefined;
    }
    shared = modules
      ? new WorkerSchemaChecker(modules)
      : new InlineSchemaChecker();
  }
  return shared;
}
