/**
 * Which Kafka each test ran against, recorded as it ran (issue 26): the
 * summary of `npm test` counts tests per broker kind from this record, not
 * from test titles.
 *
 * A broker is "in use" from its start (or a suite's lease of a pooled one)
 * to its close. Each package's `src/setupTests.ts` calls `recordKafkaUse()`;
 * after every test it appends one JSON line to `EVENTPORT_KAFKA_USE`:
 * `{ "file": <test file>, "test": <full name>, "kinds": ["apache"] }`.
 * No other import here: every test file of those packages loads this one.
 */
import fs from 'node:fs';

export type KafkaUseKind = 'apache' | 'embedded';

const KEY = Symbol.for('eventport.kafkaInUse');

function counts(): Record<KafkaUseKind, number> {
  const holder = process as unknown as Record<
    symbol,
    Record<KafkaUseKind, number>
  >;
  holder[KEY] ??= { apache: 0, embedded: 0 };
  return holder[KEY];
}

/** Marks a broker of `kind` as in use; the returned function ends that, once. */
export function kafkaInUse(kind: KafkaUseKind): () => void {
  counts()[kind] += 1;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    counts()[kind] = Math.max(0, counts()[kind] - 1);
  };
}

/** The kinds in use right now. */
export function kafkaKindsInUse(): KafkaUseKind[] {
  const now = counts();
  return (Object.keys(now) as KafkaUseKind[]).filter(k => now[k] > 0);
}

interface JestGlobals {
  afterEach(fn: () => void): void;
  expect: { getState(): { testPath?: string; currentTestName?: string } };
}

/** For `src/setupTests.ts`: records the kinds in use after each test. */
export function recordKafkaUse(): void {
  const file = process.env.EVENTPORT_KAFKA_USE;
  const jest = globalThis as unknown as JestGlobals;
  // A new test file starts with nothing in use: a pooled broker counts
  // again only when this file leases it.
  const now = counts();
  now.apache = 0;
  now.embedded = 0;
  if (!file) return;
  jest.afterEach(() => {
    const kinds = kafkaKindsInUse();
    if (kinds.length === 0) return;
    const { testPath, currentTestName } = jest.expect.getState();
    fs.appendFileSync(
      file,
      `${JSON.stringify({ file: testPath, test: currentTestName, kinds })}\n`,
    );
  });
}
