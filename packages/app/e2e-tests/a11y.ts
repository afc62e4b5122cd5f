import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

/**
 * Findings inside markup Backstage renders, not Eventport: each names its
 * rule, the Backstage component, and a selector of that component's root
 * (class names carry a generated suffix, as in `MuiTableSortLabel-root-1229`).
 * A finding is excused only when its rule matches and its element lies inside
 * such a root; every other finding fails the scan, in Eventport's lists built
 * on Backstage's Table too.
 */
export const BACKSTAGE_FINDINGS: ReadonlyArray<{
  rule: string;
  component: string;
  within: string;
}> = [
  {
    rule: 'nested-interactive',
    component:
      "Table (@backstage/core-components, material-table): a sortable column's header label",
    within: '[class*="MuiTableSortLabel-root"]',
  },
  {
    rule: 'aria-progressbar-name',
    component:
      'EntityRelationsGraph (@backstage/plugin-catalog-graph): the unnamed CircularProgress it shows while it reloads the graph',
    within: '[class*="PluginCatalogGraphEntityRelationsGraph-progress"]',
  },
  {
    rule: 'label-content-name-mismatch',
    component: 'SidebarItem (@backstage/core-components)',
    within: '[class*="BackstageSidebarItem-root"]',
  },
];

interface Finding {
  rule: string;
  line: string;
  /** axe's selector; more than one part means inside a frame or shadow root. */
  target: string[];
  /** The element's opening tag as axe saw it. */
  html: string;
}

/** For each finding, the Backstage component it is excused as, or null. */
async function excusedAs(page: Page, findings: Finding[]) {
  return page.evaluate(
    ({ items, excusals }) =>
      items.map(({ rule, target, html }) => {
        if (target.length !== 1) return null;
        // An element gone since the scan (a spinner) is judged by the
        // markup axe reported for it: its own classes, no ancestors.
        let el = document.querySelector(target[0]);
        if (!el) {
          const template = document.createElement('template');
          template.innerHTML = html;
          el = template.content.firstElementChild;
        }
        if (!el) return null;
        const hit = excusals.find(e => e.rule === rule && el.closest(e.within));
        return hit ? hit.component : null;
      }),
    {
      items: findings.map(f => ({
        rule: f.rule,
        target: f.target,
        html: f.html,
      })),
      excusals: [...BACKSTAGE_FINDINGS],
    },
  );
}

/**
 * Runs an axe-core WCAG 2 A and AA scan of the page as it is now. Fails on
 * every violation but those listed in BACKSTAGE_FINDINGS, which go to the
 * test's annotations and output with their component.
 */
export async function expectAccessible(page: Page, what: string) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  const findings: Finding[] = result.violations.flatMap(v =>
    v.nodes.map(node => ({
      rule: v.id,
      target: node.target.map(String),
      html: node.html,
      line: `${v.id} (${v.impact}): ${v.help}: ${node.target.join(' ')}`,
    })),
  );
  const components = await excusedAs(page, findings);
  const ours: string[] = [];
  const theirs: string[] = [];
  findings.forEach((finding, i) => {
    const component = components[i];
    if (component) theirs.push(`${finding.line} [in ${component}]`);
    else ours.push(finding.line);
  });
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
