import { styled } from '@mui/material/styles';

const Pre = styled('pre')(({ theme }) => ({
  margin: 0,
  padding: theme.spacing(1.5),
  maxHeight: 360,
  overflow: 'auto',
  // As wide as its container, never wider: inside a table cell a `pre`
  // would otherwise widen the whole table to its longest line.
  width: 0,
  minWidth: '100%',
  boxSizing: 'border-box',
  fontSize: '0.8rem',
  whiteSpace: 'pre',
  backgroundColor: theme.palette.background.default,
  color: theme.palette.text.primary,
  border: `1px solid ${theme.palette.divider}`,
  borderRadius: theme.shape.borderRadius,
}));

/** A worker's stack trace, scrollable and reachable by keyboard. */
export const Trace = (props: { id?: string; label: string; text: string }) => (
  <Pre
    id={props.id}
    // A scrolling region must be reachable by keyboard (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    tabIndex={0}
    role="region"
    aria-label={props.label}
  >
    {props.text}
  </Pre>
);
