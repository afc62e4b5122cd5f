import { useEffect, useState } from 'react';

/**
 * A counter that goes up every `intervalMs` while the component is mounted:
 * put it in a loader's dependencies to reload on that beat. The interval
 * is cleared on unmount.
 */
export function usePollTick(intervalMs: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick(t => t + 1), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return tick;
}
