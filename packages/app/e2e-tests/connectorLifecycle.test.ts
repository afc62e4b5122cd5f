import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { signInAs } from './session';

const shots = 'test-results/screenshots/connector-lifecycle';
// The demo seed's connector whose task fails for a real reason: a
// FileStream sink writing into a folder that does not exist.
const FAILED = 'team-a.payments-archive-sink';

/** Kafka Connect's own answers, not the UI's. */
function connect() {
  const url = process.env.E2E_CONNECT_URL;
  if (!url) throw new Error('E2E_CONNECT_URL is not set: npm test sets it');
  const at = `${url}/connectors/${FAILED}`;
  return {
    async config(): Promise<Record<string, string>> {
      const res = await fetch(`${at}/config`);
      expect(res.status).toBe(200);
      return res.json();
    },
    async taskState(): Promise<string | undefined> {
      const res = await fetch(`${at}/status`);
      const body = (await res.json()) as { tasks: { state: string }[] };
      return body.tasks[0]?.state;
    },
  };
}

test('guest restarts the failed task of an owned connector once its cause is fixed, then requests a config change; pat approves; the new config is live', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const worker = connect();
  await expect
    .poll(() => worker.taskState(), { timeout: 60_000 })
    .toBe('FAILED');
  const before = await worker.config();

  // guest (team-a) finds the failed connector on the Connectors tab.
  const guest = await signInAs(browser, 'guest');
  await guest.getByRole('link', { name: 'Event Streaming' }).click();
  await guest.getByRole('tab', { name: 'Connectors' }).click();
  await expect(guest.getByRole('link', { name: FAILED })).toBeVisible();
  // Its row says Failed, not Running: its only task has failed.
  await expect(
    guest
      .getByRole('row')
      .filter({ has: guest.getByRole('link', { name: FAILED }) })
      .getByText('Failed', { exact: true }),
  ).toBeVisible();
  await guest.screenshot({
    path: `${shots}/00-connectors-tab.png`,
    fullPage: true,
  });
  await expectAccessible(guest, 'connectors tab');

  await guest.getByRole('link', { name: FAILED }).click();
  await expect(guest.getByRole('heading', { name: FAILED })).toBeVisible();
  const tasks = guest.getByRole('table', { name: `Tasks of ${FAILED}` });
  await expect(tasks.getByText('Failed', { exact: true })).toBeVisible();
  // The cause is readable without opening the trace.
  await expect(tasks.getByText('Cause of task 0:')).toBeVisible();
  await expect(tasks).toContainText("Couldn't find or create file");
  await guest.getByRole('button', { name: 'Show trace of task 0' }).click();
  const trace = guest.getByRole('region', { name: 'Trace of task 0' });
  await expect(trace).toContainText("Couldn't find or create file");
  await expect(trace).toContainText('NoSuchFileException');
  await guest.screenshot({
    path: `${shots}/01-failed-task-trace.png`,
    fullPage: true,
  });
  await expectAccessible(guest, 'connector page, failed task');

  // The cause: the sink's folder is missing. Fixed on the worker's machine,
  // then the task is restarted from the portal.
  fs.mkdirSync(path.dirname(before.file), { recursive: true });
  await guest.getByRole('button', { name: 'Restart task 0' }).click();
  await expect
    .poll(() => worker.taskState(), { timeout: 60_000 })
    .toBe('RUNNING');
  await guest.reload();
  await expect(
    guest
      .getByRole('table', { name: `Tasks of ${FAILED}` })
      .getByText('Running', { exact: true }),
  ).toBeVisible();
  await guest.screenshot({
    path: `${shots}/02-task-running.png`,
    fullPage: true,
  });

  // A config change goes to approval, with the diff shown first.
  const newFile = path.join(
    path.dirname(before.file),
    'payments-archive-v2.txt',
  );
  await guest.getByRole('button', { name: 'Edit config' }).click();
  const dialog = guest.getByRole('dialog');
  const { name: _name, ...config } = before;
  await dialog
    .getByLabel('Config (JSON)')
    .fill(JSON.stringify({ ...config, file: newFile }, null, 2));
  await expect(dialog.getByText(newFile)).toBeVisible();
  await dialog.getByLabel('Reason').fill('Archive into the new file');
  await guest.screenshot({
    path: `${shots}/03-config-change-diff.png`,
    animations: 'disabled',
  });
  await expectAccessible(guest, 'edit config dialog');
  await dialog.getByRole('button', { name: /Request|Submit/ }).click();
  await expect(
    guest.getByRole('region', { name: 'Open requests on this resource' }),
  ).toContainText('Change the config of connector requested by');
  await guest.screenshot({ path: `${shots}/04-change-requested.png` });
  expect((await worker.config()).file).toBe(before.file);

  // pat (platform-team) approves it.
  const pat = await signInAs(browser, 'pat');
  await pat.getByRole('link', { name: 'Event Streaming' }).click();
  await pat.getByRole('tab', { name: 'Approvals' }).click();
  await pat
    .getByRole('button', {
      name: `Approve changing the config of connector ${FAILED}`,
    })
    .click();
  const decision = pat.getByRole('dialog');
  await expect(decision.getByText(newFile).first()).toBeVisible();
  // The evidence names the file the connector will write, and the diff.
  const evidence = decision.getByRole('region', { name: 'Evidence' });
  await expect(
    evidence.getByRole('list', { name: 'Files on the workers' }),
  ).toContainText(newFile);
  await expect(
    evidence.getByRole('list', { name: 'Config changes' }),
  ).toContainText('file');
  await decision.getByRole('textbox').fill('New archive file is fine');
  await pat.screenshot({
    path: `${shots}/05-approve-with-diff.png`,
    animations: 'disabled',
  });
  await decision.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(decision).toBeHidden();
  await expect(
    pat
      .getByRole('region', { name: 'Requests to decide' })
      .getByText('Executed')
      .first(),
  ).toBeVisible();
  await pat.screenshot({
    path: `${shots}/06-change-approved.png`,
    fullPage: true,
  });

  // The worker runs exactly the approved config.
  await expect
    .poll(async () => (await worker.config()).file, { timeout: 30_000 })
    .toBe(newFile);
  expect(await worker.config()).toEqual({ ...before, file: newFile });
  await expect
    .poll(() => worker.taskState(), { timeout: 60_000 })
    .toBe('RUNNING');
});
