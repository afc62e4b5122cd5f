import type { SxProps, Theme } from '@mui/material/styles';
import type {
  AlertInstance,
  LagStatus,
} from '@eventport/plugin-event-streaming-common';
import type { ShownState } from './connectors';

const isDark = (theme: Theme) => theme.palette.mode === 'dark';

/**
 * Error and "breaking" colours that keep WCAG AA contrast (4.5:1) on the
 * page's background; the theme's own error and secondary colours fall short
 * on white (axe-core's color-contrast rule in the browser tests). Each is an
 * `sx` value for MUI components (a `Box` where the element is plain HTML).
 */
export const errorTextSx: SxProps<Theme> = theme => ({
  color: isDark(theme) ? theme.palette.error.light : '#a4051b',
});

/** Warnings (under-replicated partitions, missing brokers), with an icon and words beside. */
export const warningTextSx: SxProps<Theme> = theme => ({
  color: isDark(theme) ? theme.palette.warning.light : '#8a4b00',
});

/** A form label on the page's grey background, outside any card. */
export const labelOnPageSx: SxProps<Theme> = theme => ({
  color: theme.palette.text.primary,
});

/** A chip that marks a breaking change. */
export const breakingChipSx: SxProps<Theme> = theme => ({
  backgroundColor: isDark(theme) ? theme.palette.error.light : '#a4051b',
  color: isDark(theme)
    ? theme.palette.common.black
    : theme.palette.common.white,
});

/**
 * The outline of a neutral outlined button (`color="inherit"`) as MUI v4's
 * default colour drew it, a light grey: v5 outlines an inherit-coloured
 * button in the text's own colour, much darker.
 */
export const neutralOutlinedButtonSx: SxProps<Theme> = theme => ({
  borderColor:
    theme.palette.mode === 'dark'
      ? 'rgba(255, 255, 255, 0.23)'
      : 'rgba(0, 0, 0, 0.23)',
});

/**
 * Background and text of each connector state's chip. Every pair keeps
 * WCAG AA contrast (4.5:1, tested in lib.test.ts) in both themes, since the
 * chip paints its own background; the state's name is always the chip's
 * text, so no state is told by colour alone.
 */
export const CONNECTOR_STATE_COLORS: Record<
  ShownState,
  { background: string; text: string }
> = {
  FAILED: { background: '#a4051b', text: '#ffffff' },
  RUNNING: { background: '#1b6e20', text: '#ffffff' },
  PAUSED: { background: '#ffc233', text: '#1a1a1a' },
  STOPPED: { background: '#5f5f5f', text: '#ffffff' },
  UNASSIGNED: { background: '#e0e0e0', text: '#1a1a1a' },
  RESTARTING: { background: '#0d47a1', text: '#ffffff' },
  DEGRADED: { background: '#b33c00', text: '#ffffff' },
};

/**
 * Chip colours of a consumer group's lag status, AA in both themes like
 * the connector states; the status's name is always the chip's text.
 */
export const LAG_STATUS_COLORS: Record<
  LagStatus,
  { background: string; text: string }
> = {
  OK: { background: '#1b6e20', text: '#ffffff' },
  LAGGING: { background: '#ffc233', text: '#1a1a1a' },
  STALLED: { background: '#a4051b', text: '#ffffff' },
  EMPTY: { background: '#5f5f5f', text: '#ffffff' },
};

/** Chip colours of an alert rule's state for one group. */
export const ALERT_STATE_COLORS: Record<
  AlertInstance['state'],
  { background: string; text: string }
> = {
  ok: { background: '#1b6e20', text: '#ffffff' },
  pending: { background: '#ffc233', text: '#1a1a1a' },
  firing: { background: '#a4051b', text: '#ffffff' },
};

/** Hides text on screen and keeps it for screen readers. */
export const visuallyHiddenSx: SxProps<Theme> = {
  // Strings, not numbers: `sx` reads 1 as 100% and -1 as a spacing unit.
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: '0',
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: '0',
};

/**
 * Column headers of the cards' tables stay on one line: narrow columns
 * broke words like "Partition" in the middle. The `sx` of a `TableHead`.
 */
export const tableHeadSx: SxProps<Theme> = { '& th': { whiteSpace: 'nowrap' } };

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map(i => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * An InfoCard header whose action (a Create or Register button) moves under
 * the title when both do not fit on one line, as on a phone, instead of
 * reaching past the card.
 */
export const WRAPPING_HEADER = { flexWrap: 'wrap', rowGap: 8 } as const;
