import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { signInAs } from './session';

const shots = 'test-results/screenshots/consumer-lag';
// The demo seed's FileStream sink reads team-b.shipments-v1 more slowly
// than the seed's traffic writes it, so its group lags.
const GROUP = 'connect-team-b.shipments-file-sink';

test('alice (team-b) opens the lagging demo group: the lag charts are drawn, and she creates an alert rule that is stored', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const alice = await signInAs(browser, 'alice');
  await alice.getByRole('link', { name: 'Event Streaming' }).click();
  await alice.getByRole('tab', { name: 'Consumer groups' }).click();
  await alice.getByLabel('Search consumer groups').fill('shipments');
  await expect(alice.getByRole('link', { name: GROUP })).toBeVisible({
    timeout: 30_000,
  });
  await alice.screenshot({
    path: `${shots}/00-groups-tab.png`,
    fullPage: true,
  });
  await expectAccessible(alice, 'consumer groups tab');

  await alice.getByRole('link', { name: GROUP }).click();
  await expect(alice.getByRole('heading', { name: GROUP })).toBeVisible();
  // The sampler (every 10 s in the demo) needs two cycles for a line; the
  // page polls, so the charts fill in while it is open.
  const lagChart = alice.getByRole('img', {
    name: `Offset lag of ${GROUP} over the last hour`,
  });
  await expect
    .poll(async () => lagChart.locator('path.recharts-curve').count(), {
      timeout: 120_000,
      intervals: [2000],
    })
    .toBeGreaterThan(0);
  await expect(
    alice.getByRole('img', { name: `Time lag of ${GROUP} over the last hour` }),
  ).toBeVisible();
  await expect(alice.getByText(/^\d[\d,]* messages$/).first()).toBeVisible();
  await alice.screenshot({
    path: `${shots}/01-group-page.png`,
    fullPage: true,
  });
  await expectAccessible(alice, 'consumer group page');

  await alice.getByRole('button', { name: 'New alert rule' }).click();
  const dialog = alice.getByRole('dialog', { name: 'New alert rule' });
  await dialog.getByLabel('Threshold (messages)').fill('1');
  await dialog.getByLabel('For (minutes)').fill('0');
  await alice.screenshot({ path: `${shots}/02-new-rule.png`, fullPage: true });
  await expectAccessible(alice, 'new alert rule dialog');
  await dialog.getByRole('button', { name: 'Create rule' }).click();
  await expect(dialog).toBeHidden();
  const rules = alice.getByRole('table', { name: `Alert rules of ${GROUP}` });
  await expect(rules.getByText('Lag above 1 message')).toBeVisible();

  // Stored: it is still there after a reload. (Seeing it turn "Firing" in
  // the demo did not happen within 90 s in the one run that waited for it;
  // firing and resolving are proven in AlertEvaluator.test.ts through the
  // real notifications backend. See the issue 12 note.)
  await alice.reload();
  await expect(rules.getByText('Lag above 1 message')).toBeVisible({
    timeout: 30_000,
  });
  await alice.screenshot({
    path: `${shots}/03-rule-stored.png`,
    fullPage: true,
  });
});
