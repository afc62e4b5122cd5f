import { Browser, expect, Page, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { signInAs } from './session';

const shots = 'test-results/screenshots/schema-lifecycle';
const ARTIFACT = 'team-a.payments-v1-value';

const payment = (extra: object[]) =>
  JSON.stringify(
    {
      type: 'record',
      name: 'Payment',
      namespace: 'demo.payments',
      fields: [
        { name: 'paymentId', type: 'string' },
        { name: 'amountCents', type: 'long' },
        { name: 'currency', type: 'string' },
        {
          name: 'method',
          type: { type: 'enum', name: 'Method', symbols: ['CARD', 'SEPA'] },
          default: 'CARD',
        },
        ...extra,
      ],
    },
    null,
    2,
  );
const COMPATIBLE = payment([{ name: 'note', type: 'string', default: '' }]);
const BREAKING = payment([
  { name: 'note', type: 'string', default: '' },
  { name: 'merchantId', type: 'string' },
]);

/** The registry's own answer, not the UI's. */
async function registryVersions(): Promise<string[]> {
  const url = process.env.E2E_REGISTRY_URL;
  if (!url) throw new Error('E2E_REGISTRY_URL is not set: npm test sets it');
  const res = await fetch(
    `${url}/groups/default/artifacts/${ARTIFACT}/versions?limit=100`,
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { versions: { version: string }[] };
  return body.versions.map(v => v.version);
}

async function registryContent(version: string): Promise<string> {
  const url = process.env.E2E_REGISTRY_URL;
  const res = await fetch(
    `${url}/groups/default/artifacts/${ARTIFACT}/versions/${version}/content`,
  );
  expect(res.status).toBe(200);
  return res.text();
}

async function openRegisterForm(page: Page, content: string) {
  await page.getByRole('button', { name: 'Register version' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Schema/).fill(content);
  return dialog;
}

test('guest registers a compatible version, is refused an incompatible one with the reason, asks for an override; pat approves; the version is in Apicurio', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const before = await registryVersions();

  // guest (team-a) finds the artifact on the Schemas tab.
  const guest = await signInAs(browser, 'guest');
  await guest.getByRole('link', { name: 'Event Streaming' }).click();
  await guest.getByRole('tab', { name: 'Schemas' }).click();
  await expect(guest.getByRole('link', { name: ARTIFACT })).toBeVisible();
  await guest.screenshot({
    path: `${shots}/00-schemas-tab.png`,
    fullPage: true,
  });
  await expectAccessible(guest, 'schemas tab');
  await guest.getByRole('link', { name: ARTIFACT }).click();
  await expect(guest.getByRole('heading', { name: ARTIFACT })).toBeVisible();
  await expect(guest.getByText('BACKWARD (set on the artifact)')).toBeVisible();
  await expect(guest.getByText(/against version \d+: /)).toBeVisible();
  await guest.screenshot({
    path: `${shots}/01-artifact-page.png`,
    fullPage: true,
  });
  await expectAccessible(guest, 'artifact page');

  // 1. A compatible version: the live check says so, and it is registered.
  let dialog = await openRegisterForm(guest, COMPATIBLE);
  await expect(
    dialog.getByText('Compatible under BACKWARD (the artifact rule)'),
  ).toBeVisible();
  await guest.screenshot({ path: `${shots}/02-compatible-check.png` });
  await expectAccessible(guest, 'register form, compatible');
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(dialog).toBeHidden();
  const added = String(before.length + 1);
  await expect(
    guest.getByText(`Version ${added} is registered.`),
  ).toBeVisible();
  expect(await registryVersions()).toHaveLength(before.length + 1);
  // The version switcher is on screen, and shows an older version.
  const showFirst = guest.getByRole('button', {
    name: `Show version ${before[0]}`,
    exact: true,
  });
  await showFirst.scrollIntoViewIfNeeded();
  await expect(showFirst).toBeInViewport({ ratio: 1 });
  await showFirst.click();
  await expect(
    guest.getByRole('button', { name: `Shown version ${before[0]}` }),
  ).toHaveAttribute('aria-pressed', 'true');
  // Version 1 has no "note" field; the version just registered adds it.
  const content = guest.getByRole('region', {
    name: `Content of version ${before[0]}`,
  });
  await expect(content).toContainText('"paymentId"');
  await expect(content).not.toContainText('"note"');

  // 2. An incompatible version: explained before and after submitting.
  dialog = await openRegisterForm(guest, BREAKING);
  await expect(
    dialog.getByText('Not compatible under BACKWARD (the artifact rule)'),
  ).toBeVisible();
  await expect(dialog.getByText('Breaking changes')).toBeVisible();
  await expect(dialog.getByText(/merchantId/).first()).toBeVisible();
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'The registry refused the new version',
  );
  await guest.screenshot({ path: `${shots}/03-refused-with-explanation.png` });
  await expectAccessible(guest, 'register form, refused');
  expect(await registryVersions()).toHaveLength(before.length + 1);

  // 3. The same change as an override request, with a reason.
  await dialog
    .getByLabel('Reason for the override')
    .fill('Only the new billing consumer reads this topic');
  await dialog.getByRole('button', { name: 'Request override' }).click();
  await expect(
    dialog.getByText(/Your override request .* is pending/),
  ).toBeVisible();
  await guest.screenshot({ path: `${shots}/04-override-requested.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // pat (platform-team) approves it.
  const pat = await signInAs(browser, 'pat');
  await pat.getByRole('link', { name: 'Event Streaming' }).click();
  await pat.getByRole('tab', { name: 'Approvals' }).click();
  await pat
    .getByRole('button', {
      name: new RegExp(`Approve overriding .*${ARTIFACT}`),
    })
    .click();
  const decision = pat.getByRole('dialog');
  await decision.getByRole('textbox').fill('Checked with billing');
  await decision.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(decision).toBeHidden();
  await expect(
    pat
      .getByRole('region', { name: 'Requests to decide' })
      .getByText('Executed')
      .first(),
  ).toBeVisible();
  await pat.screenshot({
    path: `${shots}/05-override-approved.png`,
    fullPage: true,
  });
  await expectAccessible(pat, 'approvals tab');

  // The version exists in Apicurio with exactly the requested content.
  await expect
    .poll(async () => (await registryVersions()).length, { timeout: 15_000 })
    .toBe(before.length + 2);
  const versions = await registryVersions();
  expect(
    JSON.parse(await registryContent(versions[versions.length - 1])),
  ).toEqual(JSON.parse(BREAKING));
});
