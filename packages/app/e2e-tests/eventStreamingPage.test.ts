import { expect, test } from '@playwright/test';

const screenshots = 'test-results/screenshots';

test('a signed-in user reaches the Event Streaming page from the sidebar', async ({
  page,
}) => {
  await page.goto('/');

  // Sign in with the guest provider (user:default/guest, team-a).
  await expect(page.getByText('Eventport demo')).toBeVisible();
  await page.screenshot({ path: `${screenshots}/01-sign-in.png` });
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  const entry = nav.getByRole('link', { name: 'Event Streaming' });
  await expect(entry).toBeVisible();
  await entry.click();

  await expect(page).toHaveURL(/\/event-streaming$/);
  await expect(
    page.getByRole('heading', { name: 'Event Streaming' }),
  ).toBeVisible();
  // The clusters card answers from the real backend: the demo cluster is listed.
  await expect(page.getByText('Kafka clusters')).toBeVisible();
  await expect(
    page.getByRole('cell', { name: 'dev-local', exact: true }),
  ).toBeVisible();
  // ...and the backend reached the devstack's three brokers.
  await expect(page.getByText('Reachable', { exact: true })).toBeVisible();
  await expect(
    page.getByText('All clusters are reachable', { exact: true }),
  ).toBeVisible();
  await page.screenshot({
    path: `${screenshots}/02-event-streaming-page.png`,
    fullPage: true,
  });
});
