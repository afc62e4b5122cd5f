import os from 'node:os';
import { workerState } from './workerState';

describe('workerState', () => {
  it('creates the state once and hands the same object to every caller', () => {
    const create = jest.fn(() => new Map<string, number>());
    const first = workerState('workerState.test', create);
    first.set('x', 1);
    expect(workerState('workerState.test', create)).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('keeps it outside the per-file copy of process that Jest gives each test file', () => {
    workerState('workerState.test.where', () => ({}));
    const symbol = Symbol.for('eventport.workerState.workerState.test.where');
    expect(symbol in os).toBe(true);
    expect(symbol in process).toBe(false);
  });
});
