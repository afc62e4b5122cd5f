import { expect, Page } from '@playwright/test';

/**
 * Fails when a table cell's text wraps inside a word or number: a line may
 * end only at white space or after one of a name's separators (`.`, `-`,
 * `_`, `/`, `:`, `,`, `@`, `=`), and never inside a number (`12,|345`,
 * `0.|5`, `56|9`). Checked in the page, character by character, from where
 * the browser laid each one out, across the text nodes of a cell (`{a}{b}`
 * is two nodes) as long as they share a block.
 */
export async function expectNoBrokenWords(page: Page, what: string) {
  const broken = await page.evaluate(() => {
    const separator = /[\s.\-_/:,@=]/;
    const digit = /\d/;
    const found: string[] = [];
    const range = document.createRange();
    const blockOf = (node: Node) => {
      for (let el = node.parentElement; el; el = el.parentElement) {
        if (!getComputedStyle(el).display.startsWith('inline')) return el;
      }
      return null;
    };
    /** Where a cell's text breaks inside a word or number, if it does. */
    const brokenIn = (cell: Element): string | null => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      // The text read so far, and the line of the last character laid out.
      let line: { top: number; block: Element | null } | null = null;
      let seen = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const block = blockOf(node);
        if (line && line.block !== block) line = null;
        for (let i = 0; i < text.length; i++) {
          const char = text[i];
          // The character before, laid out or not: a space that ends a
          // line is collapsed to no width, but the line still broke there.
          const before = seen[seen.length - 1] ?? '';
          seen += char;
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || rect.width === 0) continue;
          const inNumber =
            digit.test(char) &&
            (digit.test(before) ||
              (/[.,:]/.test(before) &&
                digit.test(seen[seen.length - 3] ?? '')));
          if (
            line &&
            rect.top > line.top + 2 &&
            !/\s/.test(char) &&
            (!separator.test(before) || inNumber)
          ) {
            return `"${seen.slice(0, -1)}|${text.slice(i)}"`;
          }
          line = { top: rect.top, block };
        }
      }
      return null;
    };
    for (const cell of Array.from(document.querySelectorAll('td, th'))) {
      if (!(cell as HTMLElement).offsetParent) continue;
      const where = brokenIn(cell);
      if (where) found.push(where);
    }
    return found;
  });
  expect
    .soft(broken, `${what}: table cells that wrap inside a word or number`)
    .toEqual([]);
}

/**
 * Fails when the page scrolls sideways, or when a control or table reaches
 * past the window without a box of its own that scrolls to it: what is
 * wider than a phone (a wide table, a diff) must scroll inside its box, and
 * every button, link, field and table must be reachable.
 */
export async function expectNoSidewaysScroll(page: Page, what: string) {
  const problems = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const scrolled = document.documentElement.scrollWidth;
    if (scrolled > width)
      found.push(`the page is ${scrolled} px wide in a ${width} px window`);
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(
        el.getAttribute('aria-label') ??
        el.textContent ??
        ''
      )
        .trim()
        .slice(0, 40)}"`;
    // Backstage's Page is a <main> that scrolls (overflow: auto): content
    // wider than the window scrolls it sideways, not the document. That is
    // the page scrolling sideways too: it is checked, and never accepted as
    // a control's own scroll box; nor is a box that is itself cut off.
    for (const main of Array.from(
      document.querySelectorAll('main[data-backstage-core-page]'),
    )) {
      if (main.scrollWidth > main.clientWidth + 1)
        found.push(
          `the page's <main> is ${main.scrollWidth} px wide in ${main.clientWidth} px`,
        );
    }
    const scrollsSideways = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; ) {
        if (a.matches('main[data-backstage-core-page]')) return false;
        const x = getComputedStyle(a).overflowX;
        const box = a.getBoundingClientRect();
        if (
          (x === 'auto' || x === 'scroll') &&
          a.scrollWidth > a.clientWidth &&
          box.left >= -1 &&
          box.right <= width + 1
        )
          return true;
        a = a.parentElement;
      }
      return false;
    };
    const controls = document.querySelectorAll(
      'button, a[href], input, select, textarea, [role="tab"], table',
    );
    for (const el of Array.from(controls)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // A switch's or checkbox's own input is transparent and wider than
      // what it draws; what is seen and clicked is checked instead.
      if (getComputedStyle(el).opacity === '0') continue;
      if (r.left >= -1 && r.right <= width + 1) continue;
      if (!scrollsSideways(el))
        found.push(
          `${describe(el)} reaches ${Math.round(r.left)}..${Math.round(
            r.right,
          )} px with nothing to scroll to it`,
        );
    }
    return found;
  });
  expect.soft(problems, `${what}: cut off at the sides`).toEqual([]);
}
