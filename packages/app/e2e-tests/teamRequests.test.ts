import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { expectNoSidewaysScroll } from './layout';
import { signInAs } from './session';

const shots = 'test-results/screenshots/team-requests';
// The demo seed's FileStream sink reads this topic as its consumer group.
const TOPIC = 'team-b.shipments-v1';
const READER = 'connect-team-b.shipments-file-sink';
const topicPath = `/event-streaming/clusters/dev-local/topics/${TOPIC}`;

test('alice asks to delete a team-b topic a demo consumer still reads; bob, her teammate, sees the request on the topic page; pat sees the reader in the evidence and rejects; alice requests again from the rejected request', async ({
  browser,
}) => {
  // Four users and three page loads per step; beside the other browser test
  // on 2 cores it has taken 4 minutes.
  test.setTimeout(420_000);
  const alice = await signInAs(browser, 'alice');
  await alice.goto(topicPath);
  await alice.getByRole('button', { name: 'Delete topic' }).click();
  const ask = alice.getByRole('dialog');
  await ask.getByLabel('Type the topic name to confirm').fill(TOPIC);
  await ask.getByLabel('Reason').fill('Shipments move to team-b.shipments-v2');
  await ask.getByRole('button', { name: 'Request deletion' }).click();
  const banner = alice.getByRole('region', {
    name: 'Open requests on this resource',
  });
  await expect(banner).toContainText('Delete topic requested by Alice');

  // bob (team-b) sees his team's request on the topic's page.
  const bob = await signInAs(browser, 'bob');
  await bob.goto(topicPath);
  const seen = bob.getByRole('region', {
    name: 'Open requests on this resource',
  });
  await expect(seen).toContainText('Delete topic requested by Alice');
  await expect(seen).toContainText('waiting for the approvers');
  await expect(
    bob.getByRole('button', { name: 'Delete topic' }),
  ).toBeDisabled();
  await bob.screenshot({ path: `${shots}/00-teammate-sees-request.png` });
  await expectAccessible(bob, 'topic page, a teammate sees the request');

  // pat sees the consumer still reading it, and rejects.
  const pat = await signInAs(browser, 'pat');
  await pat.getByRole('link', { name: 'Event Streaming' }).click();
  await pat.getByRole('tab', { name: 'Approvals' }).click();
  await pat.getByRole('button', { name: `Reject deleting ${TOPIC}` }).click();
  const decision = pat.getByRole('dialog');
  const evidence = decision.getByRole('region', { name: 'Evidence' });
  await expect(evidence).toContainText('Read just now', { timeout: 30_000 });
  await expect(
    evidence.getByRole('list', { name: 'Consumer groups reading it' }),
  ).toContainText(READER);
  await expect(
    evidence.getByRole('list', { name: 'Connectors that use it' }),
  ).toContainText('team-b.shipments-file-sink');
  await decision
    .getByRole('textbox', { name: /Why reject/ })
    .fill(`${READER} still reads it`);
  await pat.screenshot({ path: `${shots}/01-evidence-panel.png` });
  await expectAccessible(pat, 'rejection dialog with evidence');
  // On a phone the dialog fills the screen; Reject and Cancel stay in view
  // below the evidence, and nothing is cut off at the sides.
  await pat.setViewportSize({ width: 390, height: 844 });
  await expect(
    decision.getByRole('button', { name: 'Reject', exact: true }),
  ).toBeInViewport();
  await pat.screenshot({ path: `${shots}/01b-evidence-panel-390px.png` });
  await expectNoSidewaysScroll(pat, 'rejection dialog at 390 px');
  await expectAccessible(pat, 'rejection dialog at 390 px');
  await pat.setViewportSize({ width: 1280, height: 720 });
  await decision.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(decision).toBeHidden();

  // alice sees what to do next, and asks again with one click.
  await alice.goto('/event-streaming/approvals');
  await alice.getByLabel('Status').selectOption('rejected');
  const mine = alice.getByRole('region', { name: 'My requests' });
  await expect(mine).toContainText(
    `Next: Rejected by pat: “${READER} still reads it”.`,
  );
  await mine
    .getByRole('button', { name: `Request again: deleting ${TOPIC}` })
    .first()
    .click();
  const again = alice.getByRole('dialog');
  await expect(again.getByRole('textbox', { name: /Reason/ })).toHaveValue(
    'Shipments move to team-b.shipments-v2',
  );
  await again
    .getByRole('textbox', { name: /Reason/ })
    .fill('Shipments move to team-b.shipments-v2; the sink stops first');
  await alice.screenshot({ path: `${shots}/02-request-again.png` });
  await expectAccessible(alice, 'request again dialog');
  await again.getByRole('button', { name: 'Request again' }).click();
  await expect(mine.getByRole('status')).toContainText(
    /^Requested again: request [0-9a-f]{8} is pending\.$/,
  );

  // The topic stays; the new request is cancelled, leaving the demo as it was.
  await alice.goto(topicPath);
  await banner
    .getByRole('button', { name: `Cancel request for deleting ${TOPIC}` })
    .click();
  await alice
    .getByRole('dialog')
    .getByRole('button', { name: 'Cancel request' })
    .click();
  await expect(banner).toBeHidden();
});
