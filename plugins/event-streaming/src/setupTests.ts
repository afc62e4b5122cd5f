import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The test machines have 2 shared cores; rendering a Backstage page while
// other suites run can take longer than the 1 s (queries) and 5 s (tests)
// defaults. These are upper bounds, not delays.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

// jsdom has no ResizeObserver, which recharts' ResponsiveContainer needs.
// Nothing resizes in jsdom, so an observer that never calls back is true
// to it; charts measure 0 wide there, so tests check their text instead.
if (!('ResizeObserver' in globalThis)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.assign(globalThis, { ResizeObserver: ResizeObserverStub });
}
