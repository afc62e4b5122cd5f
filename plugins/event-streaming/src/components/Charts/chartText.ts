import type { Theme } from '@mui/material/styles';

/** One sample; `null` where the value is not known (a gap in the line). */
export interface TimeSeriesPoint {
  /** ISO timestamp. */
  at: string;
  value: number | null;
}

/** The chart colours of a theme: series, grid, axes and tooltip. */
export function chartColors(theme: Theme) {
  return {
    first: theme.palette.primary.main,
    second: theme.palette.secondary.main,
    grid: theme.palette.divider,
    axis: theme.palette.text.secondary,
    tooltip: {
      backgroundColor: theme.palette.background.paper,
      borderColor: theme.palette.divider,
      color: theme.palette.text.primary,
    },
  };
}

/** `10:42`, or with the date (`3 Dec, 10:42`) for the tooltip. */
export function formatClock(
  time: number,
  withDate = false,
  withSeconds = false,
): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(undefined, {
    ...(withDate ? { day: 'numeric', month: 'short' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  });
}

/**
 * A series in one sentence: `Offset lag: 3 samples; latest 1,234
 * messages, lowest 100 messages, highest 1,234 messages.`
 */
export function summarizeSeries(
  name: string,
  points: TimeSeriesPoint[],
  formatValue: (value: number) => string,
): string {
  const samples = `${points.length} ${
    points.length === 1 ? 'sample' : 'samples'
  }`;
  const known = points.filter(
    (p): p is { at: string; value: number } => p.value !== null,
  );
  if (known.length === 0) {
    return `${name}: ${samples}, none with a known value.`;
  }
  const values = known.map(p => p.value);
  const latest = known[known.length - 1].value;
  return `${name}: ${samples}; latest ${formatValue(
    latest,
  )}, lowest ${formatValue(Math.min(...values))}, highest ${formatValue(
    Math.max(...values),
  )}.`;
}
