import Table, { TableProps } from '@mui/material/Table';
import TableContainer from '@mui/material/TableContainer';
import { useEffect, useRef, useState } from 'react';

/**
 * A MUI table in a box that scrolls sideways when the table is wider than
 * its card (a phone, a long name), instead of being cut off. While it
 * scrolls, the box is a named region in the tab order, so that keyboard
 * users can scroll it too (WCAG 2.1.1).
 */
export const ScrollingTable = (
  props: TableProps & {
    /** Names the table, and the region while it scrolls. */
    'aria-label': string;
  },
) => {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  const label = props['aria-label'];
  return (
    <TableContainer
      ref={box}
      {...(scrolls
        ? {
            tabIndex: 0,
            role: 'region',
            'aria-label': `${label}, scrolls sideways`,
          }
        : {})}
    >
      <Table {...props} />
    </TableContainer>
  );
};
