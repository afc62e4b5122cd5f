import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

/**
 * Backstage's theme lets a table cell break a line anywhere
 * (`word-break: break-word`), which splits words and numbers ("Stabl|e",
 * "56|9", "localhost:909|2"). Inside this, table cells wrap only where text
 * may: at white space, after a hyphen, and in names rendered by BreakableName
 * after their separators. A table that no longer fits scrolls inside its
 * own box. It adds no box of its own to the layout (`display: contents`).
 */
export const WordSafeTables = (props: { children: ReactNode }) => (
  <Box
    sx={{
      display: 'contents',
      '& td, & th': { wordBreak: 'normal', overflowWrap: 'normal' },
    }}
  >
    {props.children}
  </Box>
);
