/**
 * State that outlives one test file inside a Jest worker process, such as the
 * pools of running clusters that suites lease one after another.
 *
 * Jest runs each test file with its own copy of `process` and of the
 * globals: state kept there is gone for the next file of the same worker, so
 * a "pooled" cluster is never leased again and its JVMs stay up, idle, until
 * the worker exits. Node's core modules are the same objects for every file
 * of a process (Jest requires them outside the sandbox), so the state hangs
 * on one of them, under a symbol of its own.
 */
import os from 'node:os';

export function workerState<T>(key: string, create: () => T): T {
  const holder = os as unknown as Record<symbol, T>;
  const symbol = Symbol.for(`eventport.workerState.${key}`);
  if (!(symbol in holder)) holder[symbol] = create();
  return holder[symbol];
}
