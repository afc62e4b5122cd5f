import { Browser, expect, Page, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { signInAs } from './session';
import { Kafka, logLevel } from 'kafkajs';

const shots = 'test-results/screenshots/topic-lifecycle';
const TOPIC = 'team-a.orders';

/** An independent Kafka client: the truth about the broker, not the UI's. */
async function brokerTopics(): Promise<string[]> {
  const brokers = (process.env.E2E_KAFKA_BROKERS ?? 'localhost:9092').split(
    ',',
  );
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

test('guest creates a topic, raises its retention and requests deletion; pat approves; the topic is gone', async ({
  browser,
}) => {
  // Two users, an approval and the checks after it: on 2 cores beside the
  // other browser test this has taken over 3 minutes.
  test.setTimeout(300_000);
  expect(await brokerTopics()).not.toContain(TOPIC);

  // 1. guest (team-a) creates team-a.orders.
  const guest = await signInAs(browser, 'guest');
  await guest.getByRole('link', { name: 'Event Streaming' }).click();
  await guest.getByRole('button', { name: 'Create topic' }).click();
  const create = guest.getByRole('dialog');
  await expect(create.getByLabel('Namespace')).toContainText('team-a.');
  await create.getByLabel('Topic name').fill('orders');
  await expect(create.getByText(`Full name: ${TOPIC}`)).toBeVisible();
  await guest.screenshot({ path: `${shots}/01-create-dialog.png` });
  await create.getByRole('button', { name: 'Create topic' }).click();
  await expect(guest.getByRole('heading', { name: TOPIC })).toBeVisible();
  // The page's details load after its header: shoot once they are there.
  await expect(
    guest.getByRole('button', { name: 'Change retention' }),
  ).toBeVisible();
  await guest.screenshot({
    path: `${shots}/02-topic-page.png`,
    fullPage: true,
  });
  expect(await brokerTopics()).toContain(TOPIC);

  // 2. guest raises its retention from 1 week to 2 weeks (the dialog starts
  // in the largest unit that fits the current value).
  await guest.getByRole('button', { name: 'Change retention' }).click();
  const retention = guest.getByRole('dialog');
  await expect(retention.getByText('Now 1 week.')).toBeVisible();
  await retention.getByLabel('Retention', { exact: true }).fill('2');
  await retention.getByRole('button', { name: 'Save retention' }).click();
  await expect(retention).toBeHidden();
  await expect(guest.getByText('2 weeks').first()).toBeVisible();
  await guest.screenshot({
    path: `${shots}/03-retention-raised.png`,
    fullPage: true,
  });

  // 3. guest requests deletion, typing the name to confirm.
  await guest.getByRole('button', { name: 'Delete topic' }).click();
  const del = guest.getByRole('dialog');
  await del.getByLabel('Type the topic name to confirm').fill(TOPIC);
  await del.getByLabel('Reason').fill('Replaced by team-a.orders-v2');
  await del.getByRole('button', { name: 'Request deletion' }).click();
  const openRequests = guest.getByRole('region', {
    name: 'Open requests on this resource',
  });
  await expect(openRequests).toContainText('Delete topic requested by Guest');
  await expect(openRequests).toContainText('waiting for the approvers');
  // The open request comes from the server: after a reload it is still
  // shown, and a second deletion cannot be asked for.
  await guest.reload();
  await expect(openRequests).toContainText('Delete topic requested by');
  await expect(
    guest.getByRole('button', { name: 'Delete topic' }),
  ).toBeDisabled();
  await guest.screenshot({
    path: `${shots}/04-deletion-requested.png`,
    fullPage: true,
  });
  await expectAccessible(guest, 'topic page, deletion requested');
  expect(await brokerTopics()).toContain(TOPIC);

  // 4. pat (platform-team) approves it.
  const pat = await signInAs(browser, 'pat');
  await pat.getByRole('link', { name: 'Event Streaming' }).click();
  await pat.getByRole('tab', { name: 'Approvals' }).click();
  // pat opens the topic from the request before deciding, then comes back.
  const queue = pat.getByRole('region', { name: 'Requests to decide' });
  await queue.getByRole('link', { name: TOPIC }).click();
  await expect(pat.getByRole('heading', { name: TOPIC })).toBeVisible();
  await expect(
    pat.getByRole('region', { name: 'Open requests on this resource' }),
  ).toContainText('Delete topic requested by');
  await pat.goBack();
  await pat
    .getByRole('button', { name: new RegExp(`Approve .*${TOPIC}`) })
    .click();
  const decision = pat.getByRole('dialog');
  // The evidence, read as pat opens the request: nobody reads or declares
  // the new topic.
  const evidence = decision.getByRole('region', { name: 'Evidence' });
  await expect(evidence).toContainText('Read just now', { timeout: 30_000 });
  await expect(evidence).toContainText(
    'No consumer group has committed offsets on it.',
  );
  await expect(evidence).toContainText(
    'No catalog component declares that it produces or consumes it.',
  );
  await decision.getByRole('textbox').fill('No consumers left');
  await pat.screenshot({ path: `${shots}/05-approve-dialog.png` });
  await expectAccessible(pat, 'approval dialog with evidence');
  await decision.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(decision).toBeHidden();
  await expect(
    pat
      .getByRole('region', { name: 'Requests to decide' })
      .getByText('Executed'),
  ).toBeVisible();
  await pat.screenshot({ path: `${shots}/06-approved.png`, fullPage: true });

  // 5. The topic is gone from the broker.
  await expect.poll(brokerTopics, { timeout: 15_000 }).not.toContain(TOPIC);

  // 6. Its page now says so in the backend's words, with a way back.
  await guest.reload();
  const failure = guest.getByRole('alert', {
    name: `Could not load topic ${TOPIC}`,
  });
  await expect(failure).toContainText(
    `Topic '${TOPIC}' does not exist in cluster 'dev-local'`,
  );
  await expect(
    failure.getByRole('link', { name: 'Back to Event Streaming' }),
  ).toBeVisible();
  await expect(
    failure.getByRole('button', { name: 'Try again' }),
  ).toBeVisible();
  await expect(guest.getByText('Not loaded from dev-local')).toBeVisible();
  await guest.screenshot({ path: `${shots}/07-topic-gone.png` });
  await expectAccessible(guest, 'topic page, topic gone');
});
