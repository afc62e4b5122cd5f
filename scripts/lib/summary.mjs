// What `npm test` says at the end, from what the runners report (issue 26):
// passed, failed and skipped tests, with every skip either declared by its
// test file (with the reason) or a failure of the run, and every Kafka kind
// of the matrix with tests that ran on it.
import fs from 'node:fs';

/** Jest statuses of tests that did not run. */
const NOT_RUN = new Set(['pending', 'skipped', 'todo', 'disabled']);

/** The declarations of `declareExpectedSkip` (devstack): file → reasons. */
export function readDeclaredSkips(file) {
  const declared = new Map();
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return declared;
  }
  for (const line of text.split('\n').filter(Boolean)) {
    const { file: testFile, reason } = JSON.parse(line);
    declared.set(
      testFile,
      new Set([...(declared.get(testFile) ?? []), reason]),
    );
  }
  return declared;
}

/**
 * One Jest JSON report judged: its counts, the skipped tests that a
 * declaration excuses (by reason) and those that nothing declared.
 */
export function judgeJestReport(report, declared) {
  const result = {
    passed: report.numPassedTests ?? 0,
    failed:
      (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: 0,
    excused: new Map(),
    unexpected: [],
    total: report.numTotalTests ?? 0,
  };
  for (const suite of report.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (!NOT_RUN.has(t.status)) continue;
      result.skipped += 1;
      const reasons = declared.get(suite.name);
      const title = [...(t.ancestorTitles ?? []), t.title].join(' › ');
      if (reasons) {
        for (const reason of reasons) {
          result.excused.set(reason, (result.excused.get(reason) ?? 0) + 1);
        }
      } else {
        result.unexpected.push(`${suite.name}: ${title} (${t.status})`);
      }
    }
  }
  return result;
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
 * The runner checks itself before it judges anything: a report with a skip
 * that nothing declared must fail, a declared one must not, and a Kafka
 * kind with no test must fail.
 */
export function selfTest() {
  const report = skippedStatus => ({
    numPassedTests: 1,
    numFailedTests: 0,
    numTotalTests: 2,
    testResults: [
      {
        name: '/repo/fixture.test.ts',
        assertionResults: [
          { status: 'passed', title: 'runs', ancestorTitles: ['fixture'] },
          {
            status: skippedStatus,
            title: 'skipped',
            ancestorTitles: ['fixture'],
          },
        ],
      },
    ],
  });
  const undeclared = judgeJestReport(report('pending'), new Map());
  const declared = judgeJestReport(
    report('todo'),
    new Map([['/repo/fixture.test.ts', new Set(['a reason'])]]),
  );
  const emptyKind = judgeMatrix({
    expected: ['apache', 'embedded'],
    ran: { apache: 3, embedded: 0 },
  });
  const narrowed = judgeMatrix({
    expected: ['apache'],
    ran: { apache: 3 },
    narrowedBy: 'apache',
    asked: false,
  });
  const failures = [];
  if (undeclared.unexpected.length !== 1)
    failures.push('an undeclared skip was not caught');
  if (
    declared.unexpected.length !== 0 ||
    declared.excused.get('a reason') !== 1
  )
    failures.push('a declared skip was not excused with its reason');
  if (emptyKind.length !== 1)
    failures.push('a Kafka kind with no test was not caught');
  if (narrowed.length !== 1) failures.push('a narrowed matrix was not caught');
  if (failures.length) {
    throw new Error(
      `the test runner's self-test failed: ${failures.join('; ')}`,
    );
  }
}
