import { useApi } from '@backstage/core-plugin-api';
import {
  AlertKind,
  alertKindSchema,
  AlertRule,
  AlertSeverity,
  alertSeveritySchema,
  AlertTarget,
} from '@eventport/plugin-event-streaming-common';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import {
  ALERT_KIND_LABELS,
  describeAlertRule,
  SEVERITY_LABELS,
} from '../../lib/monitoring';
import { ActionDialog } from '../ActionDialog';
import {
  AlertRuleForm,
  formOf,
  MAX_FOR_MINUTES,
  ruleFields,
  validateForm,
} from './alertRuleForm';

export interface AlertRuleDialogProps {
  cluster: string;
  target: AlertTarget;
  /** The rule to edit; a new rule without it. */
  rule?: AlertRule;
  onClose: () => void;
  onSaved: (rule: AlertRule) => void;
}

/** What a target is, in words, for the dialog's explanation. */
export function targetWords(target: AlertTarget): string {
  return target.type === 'group'
    ? `consumer group ${target.group}`
    : `every consumer group reading ${target.topic}`;
}

/**
 * Creates or edits an alert rule: what it watches (lag, time lag, stalled),
 * the threshold, how long it must hold and the severity. Each field says
 * what is wrong with it once touched; the backend's refusal stays in the
 * dialog.
 */
export const AlertRuleDialog = (props: AlertRuleDialogProps) => {
  const { cluster, target, rule } = props;
  const api = useApi(eventStreamingApiRef);
  const [form, setForm] = useState<AlertRuleForm>(() => formOf(rule));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const errors = validateForm(form);
  const shown = (field: keyof typeof errors) =>
    submitted || touched[field] ? errors[field] : undefined;
  const set = (change: Partial<AlertRuleForm>) =>
    setForm(f => ({ ...f, ...change }));
  const touch = (field: string) => () =>
    setTouched(t => ({ ...t, [field]: true }));
  const unit = form.kind === 'lag-time' ? 'minutes' : 'messages';

  const save = async () => {
    setSubmitted(true);
    if (Object.keys(errors).length > 0) return;
    const fields = ruleFields(form);
    const saved = rule
      ? await api.updateAlertRule(cluster, rule.id, {
          ...fields,
          enabled: rule.enabled,
        })
      : await api.createAlertRule(cluster, { target, ...fields });
    props.onSaved(saved);
  };

  return (
    <ActionDialog
      open
      title={
        rule
          ? `Edit the alert rule "${describeAlertRule(rule)}"`
          : 'New alert rule'
      }
      confirmLabel={rule ? 'Save rule' : 'Create rule'}
      onClose={props.onClose}
      onConfirm={save}
    >
      <Typography variant="body2" paragraph>
        The rule watches {targetWords(target)}; the owners are notified when it
        fires.
      </Typography>
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          <TextField
            variant="standard"
            select
            id="alert-rule-kind"
            label="Alert when"
            value={form.kind}
            onChange={e =>
              // Messages and minutes do not convert: start the threshold over.
              set({ kind: e.target.value as AlertKind, threshold: '' })
            }
            SelectProps={{ native: true }}
            fullWidth
          >
            {alertKindSchema.options.map(k => (
              <option key={k} value={k}>
                {ALERT_KIND_LABELS[k]}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={6}>
          <TextField
            variant="standard"
            select
            id="alert-rule-severity"
            label="Severity"
            value={form.severity}
            onChange={e => set({ severity: e.target.value as AlertSeverity })}
            SelectProps={{ native: true }}
            fullWidth
          >
            {alertSeveritySchema.options.map(s => (
              <option key={s} value={s}>
                {SEVERITY_LABELS[s]}
              </option>
            ))}
          </TextField>
        </Grid>
        {form.kind !== 'stalled' && (
          <Grid item xs={12} sm={6}>
            <TextField
              variant="standard"
              id="alert-rule-threshold"
              label={`Threshold (${unit})`}
              type="number"
              value={form.threshold}
              onChange={e => set({ threshold: e.target.value })}
              onBlur={touch('threshold')}
              inputProps={{
                min: 1,
                step: form.kind === 'lag-time' ? 'any' : 1,
              }}
              error={!!shown('threshold')}
              helperText={
                shown('threshold') ??
                (form.kind === 'lag-time'
                  ? 'How far behind the newest message, in minutes'
                  : 'Messages not yet consumed, summed over partitions')
              }
              required
              fullWidth
            />
          </Grid>
        )}
        <Grid item xs={12} sm={6}>
          <TextField
            variant="standard"
            id="alert-rule-for"
            label="For (minutes)"
            type="number"
            value={form.forMinutes}
            onChange={e => set({ forMinutes: e.target.value })}
            onBlur={touch('forMinutes')}
            inputProps={{ min: 0, max: MAX_FOR_MINUTES, step: 'any' }}
            error={!!shown('forMinutes')}
            helperText={
              shown('forMinutes') ??
              'How long the condition must hold before the rule fires'
            }
            required
            fullWidth
          />
        </Grid>
      </Grid>
      {form.kind === 'stalled' && (
        <Typography variant="body2" style={{ marginTop: 16 }}>
          Stalled: lag above zero while the committed offsets do not move.
        </Typography>
      )}
    </ActionDialog>
  );
};
