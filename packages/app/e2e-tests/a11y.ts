import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

/**
 * Roots of Backstage components whose markup we do not write: CodeSnippet's
 * highlighter (`pre`, its docco colours and line numbers), and the sidebar.
 */
const BACKSTAGE_ROOTS = ['pre', 'nav[aria-label="sidebar nav"]'];

/**
 * A violation node counts as Backstage's when it sits in a Backstage core
 * component (their class names start with `Backstage`; its Table is
 * material-table, `MTable…`, with MUI sort labels in its headers) or in the sidebar;
 * those are reported, not failed on. Everything else is ours.
 */
function isBackstages(node: { html: string; target: unknown[] }): boolean {
  const where = `${node.html} ${JSON.stringify(node.target)}`;
  return /Backstage|MTableHeader|MTableToolbar|MuiTableSortLabel|sidebar/i.test(
    where,
  );
}

/**
 * Runs an axe-core WCAG 2 A and AA scan of the page as it is now. Fails on
 * violations in Eventport's own markup; lists Backstage's own in the test's
 * annotations and output.
 */
export async function expectAccessible(page: Page, what: string) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const all = await new AxeBuilder({ page }).withTags(tags).analyze();
  let scoped = new AxeBuilder({ page }).withTags(tags);
  for (const root of BACKSTAGE_ROOTS) scoped = scoped.exclude(root);
  const inOurs = new Set<string>();
  const ours: string[] = [];
  for (const v of (await scoped.analyze()).violations) {
    for (const node of v.nodes) {
      if (isBackstages(node)) continue;
      const line = `${v.id} (${v.impact}): ${v.help}: ${node.target.join(' ')}`;
      inOurs.add(line);
      ours.push(line);
    }
  }
  const theirs: string[] = [];
  for (const v of all.violations) {
    for (const node of v.nodes) {
      const line = `${v.id} (${v.impact}): ${v.help}: ${node.target.join(' ')}`;
      if (!inOurs.has(line)) theirs.push(line);
    }
  }
  if (theirs.length) {
    const text = `${what}: ${
      theirs.length
    } axe finding(s) in Backstage's own components:\n  ${theirs.join('\n  ')}`;
    test
      .info()
      .annotations.push({ type: 'axe (Backstage)', description: text });
    // eslint-disable-next-line no-console
    console.log(text);
  }
  expect(ours, `${what}: WCAG 2 AA violations in Eventport's markup`).toEqual(
    [],
  );
}
