// What `npm test` says at the end, from what the runners report (issue 26):
// passed, failed and skipped tests, where any skip fails the run; what test
// files declared they left out here, with the reason (`declareNotRun` of the
// devstack: such tests are not registered, not skipped); and every Kafka
// kind of the matrix with tests that ran on it.
import fs from 'node:fs';

/** Jest statuses of tests that did not run. */
const NOT_RUN = new Set(['pending', 'skipped', 'todo', 'disabled']);

/** The entries of a JSON-lines record; none when the file is missing. */
export function readJsonLines(file) {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));
}

/** The declarations of `declareNotRun`: `{ file, what, reason }`, once each. */
export function readNotRun(file) {
  const seen = new Map();
  for (const entry of readJsonLines(file)) {
    seen.set(`${entry.file}\u0000${entry.what}`, entry);
  }
  return [...seen.values()];
}

/**
 * One Jest JSON report judged: its counts, and every test that did not run
 * (skipped, pending, todo): each fails the run.
 */
export function judgeJestReport(report) {
  const result = {
    passed: report.numPassedTests ?? 0,
    failed:
      (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: 0,
    unexpected: [],
    total: report.numTotalTests ?? 0,
  };
  for (const suite of report.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (!NOT_RUN.has(t.status)) continue;
      result.skipped += 1;
      const title = [...(t.ancestorTitles ?? []), t.title].join(' › ');
      result.unexpected.push(`${suite.name}: ${title} (${t.status})`);
    }
  }
  return result;
}

/**
 * The record of which Kafka each test ran against (`recordKafkaUse` of the
 * devstack): kinds by `file \0 full test name`.
 */
export function readKafkaUse(file) {
  const use = new Map();
  for (const { file: testFile, test, kinds } of readJsonLines(file)) {
    const key = `${testFile}\u0000${test}`;
    use.set(key, new Set([...(use.get(key) ?? []), ...kinds]));
  }
  return use;
}

/**
 * Passed tests per Kafka kind, from what ran: a test counts for each kind
 * the record says was in use while it ran, whatever its title says.
 */
export function countByKind(report, use, byKind) {
  for (const suite of report.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (t.status !== 'passed') continue;
      const name =
        t.fullName ?? [...(t.ancestorTitles ?? []), t.title].join(' ');
      for (const kind of use.get(`${suite.name}\u0000${name}`) ?? []) {
        byKind[kind] = (byKind[kind] ?? 0) + 1;
      }
    }
  }
  return byKind;
}

/**
 * Kinds of Kafka that were expected and ran no test, and whether the matrix
 * was narrowed without being asked for on the command line.
 */
export function judgeMatrix({ expected, ran, narrowedBy, asked }) {
  const problems = [];
  for (const kind of expected) {
    if (!ran[kind]) problems.push(`no test ran on ${kind} Kafka`);
  }
  if (narrowedBy && !asked) {
    problems.push(
      `EVENTPORT_TEST_KAFKA=${narrowedBy} narrowed the Kafka matrix; unset it, or ask for it with --kafka ${narrowedBy}`,
    );
  }
  return problems;
}

/**
 * The runner checks itself before it judges anything: a report with a
 * skipped or todo test must fail, one without must not, and a Kafka kind
 * with no test, or a narrowed matrix, must fail.
 */
export function selfTest() {
  const report = status => ({
    numPassedTests: 1,
    numFailedTests: 0,
    numTotalTests: 2,
    testResults: [
      {
        name: '/repo/fixture.test.ts',
        assertionResults: [
          { status: 'passed', title: 'runs', ancestorTitles: ['fixture'] },
          { status, title: 'second', ancestorTitles: ['fixture'] },
        ],
      },
    ],
  });
  const failures = [];
  for (const status of ['pending', 'skipped', 'todo']) {
    if (judgeJestReport(report(status)).unexpected.length !== 1)
      failures.push(`a ${status} test was not caught`);
  }
  if (judgeJestReport(report('passed')).unexpected.length !== 0)
    failures.push('a report without skips was judged to have one');
  const emptyKind = judgeMatrix({
    expected: ['apache', 'embedded'],
    ran: { apache: 3, embedded: 0 },
  });
  if (emptyKind.length !== 1)
    failures.push('a Kafka kind with no test was not caught');
  const narrowed = judgeMatrix({
    expected: ['apache'],
    ran: { apache: 3 },
    narrowedBy: 'apache',
    asked: false,
  });
  if (narrowed.length !== 1) failures.push('a narrowed matrix was not caught');
  // Counted from the record, not the title: a test titled "with embedded
  // Kafka" that ran on Apache Kafka counts for Apache.
  const byKind = countByKind(
    {
      testResults: [
        {
          name: '/repo/a.test.ts',
          assertionResults: [
            { status: 'passed', fullName: 'with embedded Kafka works' },
            { status: 'failed', fullName: 'on both' },
            { status: 'passed', fullName: 'no Kafka' },
          ],
        },
      ],
    },
    new Map([
      ['/repo/a.test.ts\u0000with embedded Kafka works', new Set(['apache'])],
      ['/repo/a.test.ts\u0000on both', new Set(['apache', 'embedded'])],
    ]),
    { apache: 0, embedded: 0 },
  );
  if (byKind.apache !== 1 || byKind.embedded !== 0)
    failures.push('tests were not counted per Kafka kind from the record');
  if (failures.length) {
    throw new Error(
      `the test runner's self-test failed: ${failures.join('; ')}`,
    );
  }
}
