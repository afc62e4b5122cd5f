import {
  AlertKind,
  AlertRule,
  AlertSeverity,
  CatchUp,
  formatDurationMs,
  LagStatus,
} from '@eventport/plugin-event-streaming-common';

/** Kafka's consumer group states, as the state filter offers them. */
export const GROUP_STATES = [
  'Stable',
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Dead',
] as const;

const GROUP_STATE_LABELS: Record<string, string> = {
  Stable: 'Stable',
  Empty: 'Empty',
  PreparingRebalance: 'Preparing rebalance',
  CompletingRebalance: 'Completing rebalance',
  Dead: 'Dead',
};

/** `PreparingRebalance` → `Preparing rebalance`; unknown states as they are. */
export function groupStateLabel(state: string): string {
  return GROUP_STATE_LABELS[state] ?? state;
}

export const LAG_STATUS_LABELS: Record<LagStatus, string> = {
  OK: 'OK',
  LAGGING: 'Lagging',
  STALLED: 'Stalled',
  EMPTY: 'No members',
};

export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  critical: 'Critical',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
};

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  'lag-messages': 'Lag (messages)',
  'lag-time': 'Time lag',
  stalled: 'Stalled',
};

const numberFormat = new Intl.NumberFormat('en-US');

/** `50000` → `50,000`. */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** `1` → `1 group`, `50000` → `50,000 groups`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const STEPS: [number, string][] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1_000, 's'],
];

/**
 * A lag or an ETA in at most two units: `42 s`, `5 min 12 s`, `1 h 20 min`,
 * `2 d 3 h`. Under a second reads `< 1 s`; zero reads `0 s`.
 */
export function formatLagDuration(ms: number): string {
  if (ms <= 0) return '0 s';
  if (ms < 1_000) return '< 1 s';
  const i = STEPS.findIndex(([size]) => ms >= size);
  const [size, unit] = STEPS[i];
  const major = Math.floor(ms / size);
  const text = `${major} ${unit}`;
  const next = STEPS[i + 1];
  if (!next) return text;
  const minor = Math.floor((ms - major * size) / next[0]);
  return minor > 0 ? `${text} ${minor} ${next[1]}` : text;
}

/**
 * A time-lag chart's axis tick: fine enough that neighbouring ticks differ
 * (`250 ms`, `1.5 s`), where `formatLagDuration` would read `< 1 s` on
 * every tick of a sub-second series.
 */
export function formatLagTick(ms: number): string {
  if (ms <= 0) return '0';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  return formatLagDuration(ms);
}

/** A time lag, `≥ 5 min` when it is only known to be at least that. */
export function formatTimeLag(ms: number | null, atLeast = false): string {
  if (ms === null) return 'unknown';
  return `${atLeast ? '≥ ' : ''}${formatLagDuration(ms)}`;
}

/** When lag is gone at current rates, in words. */
export function formatCatchUp(catchUp: CatchUp): string {
  switch (catchUp.kind) {
    case 'caught-up':
      return 'caught up';
    case 'eta':
      return catchUp.ms === undefined
        ? 'unknown'
        : `in about ${formatLagDuration(catchUp.ms)}`;
    case 'never':
      return 'never at current rates';
    default:
      return 'not enough samples yet';
  }
}

/** Messages per second: `0.4 msg/s`, `12.5 msg/s`, `1,234 msg/s`, or `—`. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  const rounded = rate < 100 ? Math.round(rate * 10) / 10 : Math.round(rate);
  return `${formatCount(rounded)} msg/s`;
}

/** A window such as 3,600,000 ms, as `the last hour` or `the last 15 minutes`. */
export function formatWindow(ms: number): string {
  const text = formatDurationMs(ms);
  return text.startsWith('1 ')
    ? `the last ${text.slice(2)}`
    : `the last ${text}`;
}

/** What a rule watches, in words: `Lag above 10,000 messages`. */
export function describeAlertRule(
  rule: Pick<AlertRule, 'kind' | 'threshold'>,
): string {
  switch (rule.kind) {
    case 'lag-messages':
      return `Lag above ${plural(rule.threshold ?? 0, 'message')}`;
    case 'lag-time':
      return `Time lag above ${formatDurationMs(rule.threshold ?? 0)}`;
    default:
      return 'Stalled';
  }
}

/** How long a rule's condition must hold: `at once` or `5 minutes`. */
export function formatHeldFor(forSeconds: number): string {
  return forSeconds === 0 ? 'at once' : formatDurationMs(forSeconds * 1000);
}

/**
 * Route params of a group's page. The id is encoded here because group ids
 * can contain any character, and the router only escapes a few.
 */
export function groupRouteParams(cluster: string, group: string) {
  return { cluster, group: encodeURIComponent(group) };
}

/** The windows the lag charts offer. */
export const HISTORY_WINDOWS: {
  minutes: number;
  label: string;
  words: string;
}[] = [
  { minutes: 15, label: '15 min', words: 'the last 15 minutes' },
  { minutes: 60, label: '1 h', words: 'the last hour' },
  { minutes: 360, label: '6 h', words: 'the last 6 hours' },
  { minutes: 1440, label: '24 h', words: 'the last 24 hours' },
];
