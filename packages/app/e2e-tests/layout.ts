import { expect, Page } from '@playwright/test';

/**
 * Fails when a table cell's text wraps inside a word or a number: a line may
 * end only at white space or after one of a name's separators (`.`, `-`,
 * `_`, `/`, `:`, `,`, `@`, `=`). Checked in the page, character by
 * character, from where the browser laid each one out.
 */
export async function expectNoBrokenWords(page: Page, what: string) {
  const broken = await page.evaluate(() => {
    const separator = /[\s.\-_/:,@=]/;
    const found: string[] = [];
    const range = document.createRange();
    for (const cell of Array.from(document.querySelectorAll('td, th'))) {
      if (!(cell as HTMLElement).offsetParent) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        let previousTop: number | null = null;
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || rect.width === 0) continue;
          if (
            previousTop !== null &&
            rect.top > previousTop + 2 &&
            !separator.test(text[i - 1]) &&
            !/\s/.test(text[i])
          ) {
            found.push(`"${text.slice(0, i)}|${text.slice(i)}"`);
            break;
          }
          previousTop = rect.top;
        }
      }
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
    const scrollsSideways = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; ) {
        const x = getComputedStyle(a).overflowX;
        if ((x === 'auto' || x === 'scroll') && a.scrollWidth > a.clientWidth)
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
