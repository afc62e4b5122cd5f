import { describeBrokers } from '../components/Charts';
import { summarizeSeries } from '../components/Charts/chartText';
import {
  formOf,
  ruleFields,
  validateForm,
} from '../components/AlertRulesCard/alertRuleForm';
import { alertRule } from '../__testUtils__/monitoringFixtures';
import {
  describeAlertRule,
  formatCatchUp,
  formatCount,
  formatHeldFor,
  formatLagDuration,
  formatLagTick,
  formatRate,
  formatTimeLag,
  formatWindow,
  groupRouteParams,
  groupStateLabel,
  plural,
} from './monitoring';
import { ALERT_STATE_COLORS, contrastRatio, LAG_STATUS_COLORS } from './styles';

describe('monitoring formats', () => {
  it('groups digits and says one or many', () => {
    expect(formatCount(50_000)).toBe('50,000');
    expect(plural(50_000, 'group')).toBe('50,000 groups');
    expect(plural(1, 'group')).toBe('1 group');
    expect(plural(0, 'replica')).toBe('0 replicas');
  });

  it('writes a lag in at most two units', () => {
    expect(formatLagDuration(0)).toBe('0 s');
    expect(formatLagDuration(400)).toBe('< 1 s');
    // Axis ticks of a sub-second series differ from one another.
    expect([0, 250, 500, 750, 1000].map(formatLagTick)).toEqual([
      '0',
      '250 ms',
      '500 ms',
      '750 ms',
      '1 s',
    ]);
    expect(formatLagTick(1_500)).toBe('1.5 s');
    expect(formatLagTick(90_000)).toBe('1 min 30 s');
    expect(formatLagDuration(42_000)).toBe('42 s');
    expect(formatLagDuration(300_000)).toBe('5 min');
    expect(formatLagDuration(312_000)).toBe('5 min 12 s');
    expect(formatLagDuration(80 * 60_000 + 5_000)).toBe('1 h 20 min');
    expect(formatLagDuration(51 * 3_600_000)).toBe('2 d 3 h');
  });

  it('marks a time lag that is only a lower bound', () => {
    expect(formatTimeLag(300_000, true)).toBe('≥ 5 min');
    expect(formatTimeLag(90_000, false)).toBe('1 min 30 s');
    expect(formatTimeLag(null)).toBe('unknown');
  });

  it('says when a group catches up', () => {
    expect(formatCatchUp({ kind: 'caught-up' })).toBe('caught up');
    expect(formatCatchUp({ kind: 'eta', ms: 200_000 })).toBe(
      'in about 3 min 20 s',
    );
    expect(formatCatchUp({ kind: 'never' })).toBe('never at current rates');
    expect(formatCatchUp({ kind: 'unknown' })).toBe('not enough samples yet');
  });

  it('rounds rates and windows', () => {
    expect(formatRate(12.54)).toBe('12.5 msg/s');
    expect(formatRate(1234.4)).toBe('1,234 msg/s');
    expect(formatRate(null)).toBe('—');
    expect(formatWindow(3_600_000)).toBe('the last hour');
    expect(formatWindow(900_000)).toBe('the last 15 minutes');
  });

  it('names Kafka group states in words', () => {
    expect(groupStateLabel('PreparingRebalance')).toBe('Preparing rebalance');
    expect(groupStateLabel('Unknown')).toBe('Unknown');
  });

  it('describes alert rules in words', () => {
    expect(describeAlertRule({ kind: 'lag-messages', threshold: 10_000 })).toBe(
      'Lag above 10,000 messages',
    );
    expect(describeAlertRule({ kind: 'lag-time', threshold: 300_000 })).toBe(
      'Time lag above 5 minutes',
    );
    expect(describeAlertRule({ kind: 'stalled', threshold: null })).toBe(
      'Stalled',
    );
    expect(formatHeldFor(0)).toBe('at once');
    expect(formatHeldFor(600)).toBe('10 minutes');
  });

  it('encodes group ids for the router', () => {
    expect(groupRouteParams('dev-local', 'team a/orders%')).toEqual({
      cluster: 'dev-local',
      group: 'team%20a%2Forders%25',
    });
  });

  it('keeps AA contrast on every status and alert state chip', () => {
    for (const { background, text } of [
      ...Object.values(LAG_STATUS_COLORS),
      ...Object.values(ALERT_STATE_COLORS),
    ]) {
      expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(4.5);
    }
    // The warning text on white.
    expect(contrastRatio('#8a4b00', '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('chart text fallbacks', () => {
  it('summarizes a series, skipping unknown values', () => {
    const points = [
      { at: '2026-12-03T09:58:00.000Z', value: 100 },
      { at: '2026-12-03T09:59:00.000Z', value: null },
      { at: '2026-12-03T10:00:00.000Z', value: 40 },
    ];
    expect(summarizeSeries('Offset lag', points, v => `${v} messages`)).toBe(
      'Offset lag: 3 samples; latest 40 messages, lowest 40 messages, highest 100 messages.',
    );
    expect(
      summarizeSeries('Time lag', [{ at: 'x', value: null }], String),
    ).toBe('Time lag: 1 sample, none with a known value.');
  });

  it('describes every broker, marking offline ones', () => {
    expect(
      describeBrokers([
        { nodeId: 1, online: true, leaders: 2, replicas: 3 },
        { nodeId: 3, online: false, leaders: 0, replicas: 1 },
      ]),
    ).toBe(
      'Broker 1: 2 leaders, 3 replicas. Broker 3 (offline): 0 leaders, 1 replica.',
    );
  });
});

describe('alert rule form', () => {
  it('asks for a threshold except for stalled rules', () => {
    const form = formOf();
    expect(validateForm(form)).toEqual({
      threshold: 'Enter a threshold in messages.',
    });
    expect(validateForm({ ...form, kind: 'stalled' })).toEqual({});
    expect(validateForm({ ...form, threshold: '1.5' }).threshold).toBe(
      'The threshold must be a whole number of messages, at least 1.',
    );
    expect(
      validateForm({ ...form, kind: 'lag-time', threshold: '0' }).threshold,
    ).toMatch(/more than 0 minutes/);
    expect(validateForm({ ...form, threshold: '5', forMinutes: '' })).toEqual({
      forMinutes:
        'Enter how many minutes the condition must hold (0 fires at once).',
    });
    expect(
      validateForm({ ...form, threshold: '5', forMinutes: '10081' }).forMinutes,
    ).toBe('Enter minutes from 0 to 10080 (7 days).');
  });

  it('converts minutes to milliseconds and seconds, and back', () => {
    expect(
      ruleFields({
        kind: 'lag-time',
        threshold: '5',
        forMinutes: '1.5',
        severity: 'critical',
      }),
    ).toEqual({
      kind: 'lag-time',
      threshold: 300_000,
      forSeconds: 90,
      severity: 'critical',
    });
    expect(
      ruleFields({
        kind: 'stalled',
        threshold: '',
        forMinutes: '0',
        severity: 'low',
      }).threshold,
    ).toBeUndefined();
    expect(
      formOf(alertRule('r', { kind: 'lag-time', threshold: 600_000 })),
    ).toEqual({
      kind: 'lag-time',
      threshold: '10',
      forMinutes: '5',
      severity: 'high',
    });
  });
});
