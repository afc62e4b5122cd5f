/** Shared pieces of the evidence: a section that reports its own failure. */
import { EvidenceSection } from '@eventport/plugin-event-streaming-common';

/** One fact as the approver reads it. */
export type Fact = { label: string; detail?: string };

export const HOUR_MS = 3_600_000;

/** A time lag in words: "12 s", "4 min", "3 h". */
export function behind(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR_MS) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / HOUR_MS)} h`;
}

/** "1 message", "3 messages". */
export const count = (n: number, noun: string) =>
  `${n} ${noun}${n === 1 ? '' : 's'}`;

/** One section; a part that cannot be read says why instead of failing the rest. */
export async function section(
  id: string,
  title: string,
  empty: string,
  read: () => Promise<Fact[]> | Fact[],
): Promise<EvidenceSection> {
  try {
    return { id, title, empty, items: await read() };
  } catch (error) {
    return {
      id,
      title,
      empty,
      items: [],
      problem: (error as Error)?.message ?? String(error),
    };
  }
}
