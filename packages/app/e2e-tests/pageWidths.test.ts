import { expect, Page, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { expectNoBrokenWords, expectNoSidewaysScroll } from './layout';
import { signInAs } from './session';

const shots = 'test-results/screenshots/page-widths';

/**
 * The demo's pages a developer reads, each with a heading to wait for. The
 * CDC pipeline page and its change page are checked at 390 px in the CDC
 * journey, which creates the pipeline.
 */
const PAGES: { name: string; path: string; heading: string | RegExp }[] = [
  { name: 'topics', path: '/event-streaming', heading: 'Event Streaming' },
  {
    name: 'schemas',
    path: '/event-streaming/schemas',
    heading: 'Event Streaming',
  },
  {
    name: 'connectors',
    path: '/event-streaming/connectors',
    heading: 'Event Streaming',
  },
  {
    name: 'consumer-groups',
    path: '/event-streaming/consumer-groups',
    heading: 'Event Streaming',
  },
  { name: 'cdc', path: '/event-streaming/cdc', heading: 'Event Streaming' },
  {
    name: 'approvals',
    path: '/event-streaming/approvals',
    heading: 'Event Streaming',
  },
  {
    name: 'cdc-wizard',
    path: '/event-streaming/cdc/new',
    heading: 'New CDC pipeline',
  },
  {
    name: 'topic',
    path: '/event-streaming/clusters/dev-local/topics/team-a.payments-v1',
    heading: 'team-a.payments-v1',
  },
  {
    name: 'schema',
    path: '/event-streaming/clusters/dev-local/schemas/default/team-a.payments-v1-value',
    heading: 'team-a.payments-v1-value',
  },
  {
    name: 'connector',
    path: '/event-streaming/clusters/dev-local/connectors/team-b.shipments-file-sink',
    heading: 'team-b.shipments-file-sink',
  },
  {
    name: 'consumer-group',
    path: '/event-streaming/clusters/dev-local/consumer-groups/connect-team-b.shipments-file-sink',
    heading: 'connect-team-b.shipments-file-sink',
  },
  {
    name: 'topic-entity',
    path: '/catalog/default/resource/dev-local.team-a.payments-v1',
    heading: 'team-a.payments-v1',
  },
  {
    name: 'schema-entity',
    path: '/catalog/default/api/dev-local.default.team-a.payments-v1-value',
    heading: 'team-a.payments-v1-value',
  },
  {
    name: 'connector-entity',
    path: '/catalog/default/resource/dev-local_team-b.shipments-file-sink',
    heading: 'team-b.shipments-file-sink',
  },
  {
    name: 'component-kafka-tab',
    path: '/catalog/default/component/payments-service/kafka',
    heading: 'payments-service',
  },
];

/**
 * The page has its heading and has stopped loading: no progress bar in
 * three checks in a row, half a second apart (a card that starts loading
 * after the first answer is waited for too).
 */
async function settled(page: Page, heading: string | RegExp) {
  await expect(
    page.getByRole('heading', { name: heading, exact: true }).first(),
  ).toBeVisible({ timeout: 60_000 });
  let quiet = 0;
  await expect
    .poll(
      async () => {
        const loading = await page.getByRole('progressbar').count();
        quiet = loading === 0 ? quiet + 1 : 0;
        return quiet;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBeGreaterThanOrEqual(3);
}

for (const width of [1280, 390]) {
  test(`every page at ${width} px: nothing wraps inside a word or number, the page does not scroll sideways, and axe finds nothing in Eventport's markup`, async ({
    browser,
  }) => {
    test.setTimeout(360_000);
    const page = await signInAs(browser, 'guest');
    await page.setViewportSize({ width, height: width > 400 ? 800 : 844 });
    for (const p of PAGES) {
      await test.step(p.name, async () => {
        await page.goto(p.path);
        await settled(page, p.heading);
        await page.screenshot({
          path: `${shots}/${width}/${p.name}.png`,
          fullPage: true,
        });
        const what = `${p.name} at ${width} px`;
        await expectNoBrokenWords(page, what);
        await expectNoSidewaysScroll(page, what);
        await expectAccessible(page, what);
      });
    }
    await test.step('a dialog', async () => {
      // A dialog's buttons stay in view: on a phone it fills the screen,
      // and its content scrolls between the title and the buttons.
      await page.goto('/event-streaming');
      await settled(page, 'Event Streaming');
      await page.getByRole('button', { name: 'Create topic' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      // The screenshot after MUI's fade-in, not halfway through it.
      await expect(page.locator('[class*="MuiDialog-container"]')).toHaveCSS(
        'opacity',
        '1',
      );
      await expect(
        dialog.getByRole('button', { name: 'Cancel' }),
      ).toBeInViewport();
      await expect(
        dialog.getByRole('button', { name: 'Create topic' }),
      ).toBeInViewport();
      await page.screenshot({
        path: `${shots}/${width}/create-topic-dialog.png`,
      });
      const what = `the create-topic dialog at ${width} px`;
      await expectNoSidewaysScroll(page, what);
      await expectAccessible(page, what);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    });
  });
}
