import { expect, Page, test } from '@playwright/test';
import { Client } from 'pg';
import { expectAccessible } from './a11y';
import { expectNoBrokenWords, expectNoSidewaysScroll } from './layout';
import { signInAs } from './session';

const shots = 'test-results/screenshots/cdc-pipeline';
const NAME = 'shop-db-cdc';
const CUSTOMERS_TOPIC = 'team-a.cdc.shop-db.shop.customers';
const PRODUCTS_TOPIC = 'team-a.cdc.shop-db.shop.products';

/** Runs SQL on the devstack's shop database (a PostgreSQL with wal_level=logical). */
async function shopSql(sql: string): Promise<Array<Record<string, unknown>>> {
  const url = process.env.E2E_CDC_POSTGRES_URL;
  if (!url)
    throw new Error('E2E_CDC_POSTGRES_URL is not set: npm test sets it');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The "Events written" cell of a change topic on the pipeline page. */
async function eventsWritten(page: Page, topic: string): Promise<number> {
  const row = page
    .getByRole('table', { name: 'Change topics' })
    .getByRole('row')
    .filter({ hasText: topic });
  const text = (await row.getByRole('cell').nth(1).textContent()) ?? '';
  return Number(text) || 0;
}

async function shot(page: Page, name: string) {
  await page.screenshot({
    path: `${shots}/${name}.png`,
    animations: 'disabled',
  });
}

/**
 * The page as it is now, at a phone's width: a screenshot, no table cell
 * wrapping inside a word or number, nothing cut off, axe; then back.
 */
async function atPhoneWidth(page: Page, name: string, what: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, name);
  await expectNoBrokenWords(page, `${what} at 390 px`);
  await expectNoSidewaysScroll(page, `${what} at 390 px`);
  await expectAccessible(page, `${what} at 390 px`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('guest sets up a CDC pipeline from the demo shop database with a PII column left out; sue (security) approves; the pipeline page shows the connector running and change events flowing; guest adds a table, sue approves the change and its events flow; guest asks to decommission it, pat approves, and the source keeps no slot', async ({
  browser,
}) => {
  // Three reviews on the real stack (deploy, change, decommission), each
  // waiting for Connect and Debezium: on 2 cores beside the other browser
  // test it has taken 8 minutes.
  test.setTimeout(720_000);
  const guest = await signInAs(browser, 'guest');
  await guest.getByRole('link', { name: 'Event Streaming' }).click();
  await guest.getByRole('tab', { name: 'CDC pipelines' }).click();
  await expect(guest.getByText('No CDC pipelines yet')).toBeVisible();
  await shot(guest, '00-empty-tab');
  await expectAccessible(guest, 'CDC pipelines tab, empty');

  // Step 1: the catalog database; name and topic prefix are proposed.
  await guest.getByRole('button', { name: 'New CDC pipeline' }).click();
  await guest.getByLabel('Database').click();
  await guest.getByRole('option', { name: /shop-db/ }).click();
  await expect(
    guest.getByText(/postgres at 127\.0\.0\.1:\d+, database shop/),
  ).toBeVisible();
  await expect(guest.getByLabel('Pipeline name')).toHaveValue(NAME);
  await expect(guest.getByLabel('Topic prefix')).toHaveValue(
    'team-a.cdc.shop-db',
  );
  await shot(guest, '01-database-step');
  await expectAccessible(guest, 'CDC wizard, database step');
  await guest.getByRole('button', { name: 'Next: tables' }).click();

  // Step 2: two tables; the email column is left out, the phone hashed.
  await guest.getByRole('checkbox', { name: /^shop\.customers/ }).check();
  await guest.getByRole('checkbox', { name: /^shop\.orders/ }).check();
  const email = guest.getByRole('checkbox', {
    name: 'Capture column email of shop.customers',
  });
  await expect(email).toBeChecked();
  await email.uncheck();
  // MUI v5's select is a combobox named by its aria-label.
  await guest
    .getByRole('combobox', {
      name: /^Protection of column phone of shop\.customers/,
    })
    .click();
  await guest.getByRole('option', { name: 'Hash (SHA-256)' }).click();
  await expect(
    guest
      .getByRole('table', { name: 'Columns of shop.customers' })
      .getByText('PII: email address'),
  ).toBeVisible();
  await shot(guest, '02-tables-step');
  await expectAccessible(guest, 'CDC wizard, tables step');
  await guest.getByRole('button', { name: 'Next: review 2 tables' }).click();

  // Step 3: pre-flight, generated config and manifests, the reason.
  await expect(
    guest.getByText(/All \d+ required pre-flight checks pass\.$/),
  ).toBeVisible({
    timeout: 30_000,
  });
  const config = guest.getByRole('table', {
    name: /Generated config of team-a\.shop-db-cdc/,
  });
  await expect(config.getByText('column.exclude.list')).toBeVisible();
  await expect(config.getByText('shop\\.customers\\.email')).toBeVisible();
  await expect(
    config.getByText('${env:EVENTPORT_CONNECT_PG_PASSWORD}'),
  ).toBeVisible();
  // Submit waits for the reason, says so beside it, and the reason is the
  // field just above it (not 3,000 px up the page).
  const submitHint = guest.getByText(
    'Say why the data is needed (the field just above) to submit.',
  );
  await expect(submitHint).toBeVisible();
  await guest
    .getByLabel('Reason for the security review')
    .fill('Loyalty analytics on orders; emails not needed');
  await expect(submitHint).toBeHidden();
  await shot(guest, '03-review-step');
  await expectAccessible(guest, 'CDC wizard, review step');
  await guest
    .getByRole('button', { name: 'Submit for security review' })
    .click();

  await expect(
    guest.getByRole('heading', { name: NAME, exact: true }),
  ).toBeVisible();
  await expect(guest.getByText('In security review')).toBeVisible();
  await expect(
    guest.getByText('Not running: the security review comes first.'),
  ).toBeVisible();
  await shot(guest, '04-pipeline-in-review');
  await expectAccessible(guest, 'CDC pipeline page, in review');

  // sue (security) reviews the tables, columns, PII flags and checks.
  const sue = await signInAs(browser, 'sue');
  await sue.getByRole('link', { name: 'Event Streaming' }).click();
  await sue.getByRole('tab', { name: 'Approvals' }).click();
  await sue
    .getByRole('button', { name: `Approve deploying CDC pipeline ${NAME}` })
    .click();
  const decision = sue.getByRole('dialog');
  const columns = decision.getByRole('table', {
    name: 'Columns of shop.customers',
  });
  await expect(
    columns.getByRole('row').filter({ hasText: 'email' }),
  ).toContainText('Excluded');
  await expect(
    columns.getByRole('row').filter({ hasText: 'phone' }),
  ).toContainText('Hashed');
  await expect(decision.getByText(/pre-flight checks pass/)).toBeVisible();
  await decision
    .getByRole('textbox')
    .fill('Email excluded, phone hashed: fine');
  await shot(sue, '05-security-review');
  // The evidence: the personal data the pipeline would still send in clear
  // (guest left full_name captured), and how the others are kept.
  const evidence = decision.getByRole('region', { name: 'Evidence' });
  await expect(
    evidence.getByRole('list', { name: 'Personal data sent in clear' }),
  ).toContainText('shop.customers.full_name: text: personal name');
  await expect(
    evidence.getByRole('list', {
      name: 'Personal data hashed, masked or left out',
    }),
  ).toContainText('shop.customers.email: left out');
  await evidence.scrollIntoViewIfNeeded();
  await shot(sue, '05b-security-review-evidence');
  await expectAccessible(sue, 'security review dialog');
  await decision.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(decision).toBeHidden();
  await expect(
    sue
      .getByRole('region', { name: 'Requests to decide' })
      .getByText('Executed')
      .first(),
  ).toBeVisible();

  // The demo sync merges the branch and applies the manifests; the page
  // reloads itself every 5 s, and the stored status follows Connect.
  await guest.reload();
  const live = guest.getByRole('list', { name: 'Tasks' });
  await expect(live.getByText('Running', { exact: true })).toBeVisible({
    timeout: 120_000,
  });
  await expect(guest.getByText('Deployed', { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await expect
    .poll(() => eventsWritten(guest, CUSTOMERS_TOPIC), { timeout: 60_000 })
    .toBe(3);

  await shopSql(
    "INSERT INTO shop.customers (full_name, email, phone) VALUES ('Mary Jackson', 'mary@example.com', '+1 757 555 0123')",
  );
  await expect
    .poll(() => eventsWritten(guest, CUSTOMERS_TOPIC), { timeout: 60_000 })
    .toBe(4);
  await expect(
    guest.getByText(/Replication slot eventport_shop_db_cdc: active/),
  ).toBeVisible();
  // The running pipeline's card is at the top of the page.
  await shot(guest, '06-pipeline-running');
  await expectAccessible(guest, 'CDC pipeline page, running');
  await atPhoneWidth(guest, '06b-pipeline-running-390px', 'CDC pipeline page');

  const pipelineUrl = guest.url();
  await guest.getByRole('link', { name: 'Event Streaming' }).click();
  await guest.getByRole('tab', { name: 'CDC pipelines' }).click();
  await expect(guest.getByRole('link', { name: NAME })).toBeVisible();
  await shot(guest, '07-pipelines-tab');

  // A change: guest adds the products table in the wizard pre-filled with
  // the pipeline's selection; sue reviews the diff; the sync applies it.
  await guest.goto(pipelineUrl);
  await guest
    .getByRole('button', { name: 'Change tables and columns…' })
    .click();
  await expect(
    guest.getByRole('heading', { name: `Change CDC pipeline ${NAME}` }),
  ).toBeVisible();
  await expect(
    guest.getByRole('checkbox', { name: /^shop\.customers/ }),
  ).toBeChecked();
  await expect(
    guest.getByRole('checkbox', {
      name: 'Capture column email of shop.customers',
    }),
  ).not.toBeChecked();
  await atPhoneWidth(guest, '07b-change-page-390px', 'CDC change page');
  await guest.getByRole('checkbox', { name: /^shop\.products/ }).check();
  await guest
    .getByRole('button', { name: 'Next: review the change (3 tables)' })
    .click();
  const changeDiff = guest.getByRole('region', {
    name: 'What the change does',
  });
  await expect(changeDiff.getByText('shop.products').first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    changeDiff.getByText(/captured from the change on/),
  ).toBeVisible();
  await guest
    .getByLabel(/Why is the change needed/)
    .fill('Loyalty analytics needs product names');
  await shot(guest, '08-change-review');
  await expectAccessible(guest, 'CDC change, review step');
  await guest.getByRole('button', { name: 'Ask for security review' }).click();
  await expect(
    guest.getByText(/waits for the security reviewers/),
  ).toBeVisible();

  await sue.reload();
  await sue
    .getByRole('button', { name: `Approve changing CDC pipeline ${NAME}` })
    .click();
  const changeDecision = sue.getByRole('dialog');
  await expect(
    changeDecision.getByRole('region', { name: `Change of pipeline ${NAME}` }),
  ).toContainText('shop.products');
  await changeDecision.getByRole('textbox').fill('Product names are not PII');
  await shot(sue, '09-change-review-decision');
  await expectAccessible(sue, 'CDC change approval dialog');
  await changeDecision
    .getByRole('button', { name: 'Approve', exact: true })
    .click();
  await expect(changeDecision).toBeHidden();

  await guest.goto(pipelineUrl);
  await expect(
    guest.getByText(/^Latest change committed on branch/),
  ).toBeVisible();
  await expect
    .poll(
      async () => {
        await shopSql(
          `INSERT INTO shop.products (sku, name, price_cents) VALUES ('TEA-${Date.now()}', 'Assam, 100 g', 590)`,
        );
        return eventsWritten(guest, PRODUCTS_TOPIC);
      },
      { timeout: 120_000, intervals: [5_000] },
    )
    .toBeGreaterThan(0);
  await shot(guest, '10-pipeline-changed');

  // Decommission: the owner asks, keeping the topics; a platform approver decides.
  await guest.goto(pipelineUrl);
  await guest.getByRole('button', { name: 'Decommission…' }).click();
  const ask = guest.getByRole('dialog', {
    name: `Decommission pipeline ${NAME}?`,
  });
  await expect(ask).toContainText(
    'Decommissioning commits the removal of the pipeline',
  );
  await ask.getByLabel('Type the pipeline name to confirm').fill(NAME);
  await ask
    .getByLabel(/Reason/)
    .fill('The loyalty service reads the shop API now');
  await shot(guest, '11-decommission-dialog');
  await expectAccessible(guest, 'decommission dialog');
  await ask.getByRole('button', { name: 'Request decommission' }).click();
  await expect(
    guest.getByRole('region', { name: 'Open requests on this resource' }),
  ).toContainText('Decommission CDC pipeline requested by');

  const pat = await signInAs(browser, 'pat');
  await pat.getByRole('link', { name: 'Event Streaming' }).click();
  await pat.getByRole('tab', { name: 'Approvals' }).click();
  await pat
    .getByRole('button', {
      name: `Approve decommissioning CDC pipeline ${NAME}`,
    })
    .click();
  const removal = pat.getByRole('dialog');
  await expect(
    removal.getByRole('region', {
      name: `What decommissioning ${NAME} removes`,
    }),
  ).toContainText('eventport_shop_db_cdc');
  await removal.getByRole('textbox').fill('Nobody reads the change topics');
  await shot(pat, '12-decommission-approval');
  await expectAccessible(pat, 'decommission approval dialog');
  await removal.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(removal).toBeHidden();

  // The demo sync merges the removal and deletes the connector; Eventport
  // then drops the slot and the publication.
  await guest.reload();
  await expect(guest.getByText('Decommissioned', { exact: true })).toBeVisible({
    timeout: 120_000,
  });
  await expect(
    guest.getByText(/^Removed: manifests \(commit [0-9a-f]{12} on /),
  ).toContainText(
    'replication slot eventport_shop_db_cdc, publication eventport_shop_db_cdc',
  );
  await shot(guest, '13-pipeline-decommissioned');
  await expectAccessible(guest, 'CDC pipeline page, decommissioned');
  expect(
    await shopSql(
      "SELECT slot_name FROM pg_replication_slots WHERE slot_name = 'eventport_shop_db_cdc' UNION ALL SELECT pubname FROM pg_publication WHERE pubname = 'eventport_shop_db_cdc'",
    ),
  ).toEqual([]);
});
