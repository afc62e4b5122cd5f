import type {
  AlertKind,
  AlertRule,
  AlertSeverity,
} from '@eventport/plugin-event-streaming-common';

/** The most minutes a rule's condition may have to hold (7 days). */
export const MAX_FOR_MINUTES = 7 * 24 * 60;

/** The largest time lag threshold the form takes (30 days). */
export const MAX_THRESHOLD_MINUTES = 30 * 24 * 60;

/** The alert rule form as typed: numbers stay text until checked. */
export interface AlertRuleForm {
  kind: AlertKind;
  /** Messages for `lag-messages`, minutes for `lag-time`. */
  threshold: string;
  forMinutes: string;
  severity: AlertSeverity;
}

export type AlertRuleFormErrors = Partial<
  Record<'threshold' | 'forMinutes', string>
>;

/** What the form shows for a rule, or for a new one. */
export function formOf(rule?: AlertRule): AlertRuleForm {
  if (!rule) {
    return {
      kind: 'lag-messages',
      threshold: '',
      forMinutes: '5',
      severity: 'normal',
    };
  }
  let threshold = '';
  if (rule.threshold !== null && rule.kind === 'lag-messages') {
    threshold = String(rule.threshold);
  } else if (rule.threshold !== null && rule.kind === 'lag-time') {
    threshold = String(rule.threshold / 60_000);
  }
  return {
    kind: rule.kind,
    threshold,
    forMinutes: String(rule.forSeconds / 60),
    severity: rule.severity,
  };
}

/** A typed number, or NaN when the text is not one. */
const numberOf = (text: string) =>
  /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : NaN;

/**
 * The form's problems in words, by field; empty when it may be sent.
 * Messages are whole; minutes may have decimals (1.5 is 90 seconds).
 */
export function validateForm(form: AlertRuleForm): AlertRuleFormErrors {
  const errors: AlertRuleFormErrors = {};
  if (form.kind === 'lag-messages') {
    const n = numberOf(form.threshold);
    if (form.threshold.trim() === '') {
      errors.threshold = 'Enter a threshold in messages.';
    } else if (!Number.isSafeInteger(n) || n < 1) {
      errors.threshold =
        'The threshold must be a whole number of messages, at least 1.';
    }
  } else if (form.kind === 'lag-time') {
    const n = numberOf(form.threshold);
    if (form.threshold.trim() === '') {
      errors.threshold = 'Enter a threshold in minutes.';
    } else if (!(n > 0) || n > MAX_THRESHOLD_MINUTES) {
      errors.threshold = `The threshold must be more than 0 minutes and at most ${MAX_THRESHOLD_MINUTES} (30 days).`;
    }
  }
  const minutes = numberOf(form.forMinutes);
  if (form.forMinutes.trim() === '') {
    errors.forMinutes =
      'Enter how many minutes the condition must hold (0 fires at once).';
  } else if (Number.isNaN(minutes) || minutes > MAX_FOR_MINUTES) {
    errors.forMinutes = `Enter minutes from 0 to ${MAX_FOR_MINUTES} (7 days).`;
  }
  return errors;
}

/** The rule's fields as the API takes them: minutes become ms and seconds. */
export function ruleFields(form: AlertRuleForm) {
  const n = Number(form.threshold.trim());
  let threshold: number | undefined;
  if (form.kind === 'lag-messages') threshold = n;
  if (form.kind === 'lag-time') threshold = Math.max(1, Math.round(n * 60_000));
  return {
    kind: form.kind,
    threshold,
    forSeconds: Math.round(Number(form.forMinutes.trim()) * 60),
    severity: form.severity,
  };
}
