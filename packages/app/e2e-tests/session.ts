import { Browser, expect, Page } from '@playwright/test';

/** A fresh browser context signed in as one of the demo users. */
export async function signInAs(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page
    .getByRole('button', { name: new RegExp(`Sign in as ${user}\\b`) })
    .click();
  await expect(
    page.getByRole('link', { name: 'Event Streaming' }),
  ).toBeVisible();
  return page;
}
