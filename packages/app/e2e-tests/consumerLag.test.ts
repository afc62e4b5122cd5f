import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { signInAs } from './session';

const shots = 'test-results/screenshots/consumer-lag';
// The demo seed's FileStream sink reads team-b.shipments-v1 more slowly
// than the seed's traffic writes it, so its group lags.
const GROUP = 'connect-team-b.shipments-file-sink';

test('alice (team-b) opens the lagging demo group: the lag charts are drawn, and she creates an alert rule that fires and notifies her team', async ({
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
  // The lag is a figure in messages ("1 message" when the sink has nearly
  // caught up).
  await expect(alice.getByText(/^\d[\d,]* messages?$/).first()).toBeVisible();
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

  // The evaluator runs after each sampler cycle (10 s in the demo) and the
  // card reloads every 15 s, so the rule turns "Firing" while the page is
  // open: the demo group always has a few messages of lag.
  await expect(rules.getByText('Firing')).toBeVisible({ timeout: 90_000 });
  await rules.scrollIntoViewIfNeeded();
  await alice.screenshot({
    path: `${shots}/03-rule-firing.png`,
    fullPage: true,
  });

  // The owner group (team-b, alice's team) got the alert as a notification.
  await alice.getByRole('link', { name: /Notifications/ }).click();
  await expect(
    alice
      .getByText(
        new RegExp(
          `Consumer group ${GROUP} lags [\\d,]+ messages? on dev-local`,
        ),
      )
      .first(),
  ).toBeVisible({ timeout: 30_000 });
  await alice.screenshot({
    path: `${shots}/04-notification.png`,
    fullPage: true,
  });
  // (No axe scan here: the notifications page is Backstage's, not ours.)
});
