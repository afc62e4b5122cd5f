import { useApi } from '@backstage/core-plugin-api';
import {
  compatibilityModeSchema,
  describeMode,
  isAtLeastAsStrict,
} from '@eventport/plugin-event-streaming-common';
import type {
  ApprovalRequest,
  CompatibilityMode,
  SchemaRuleChangeResponse,
} from '@eventport/plugin-event-streaming-common';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { ActionDialog } from '../ActionDialog';

export interface ChangeRuleDialogProps {
  cluster: string;
  groupId: string;
  artifactId: string;
  current: CompatibilityMode;
  onClose: () => void;
  onChanged: (result: SchemaRuleChangeResponse) => void;
  onRequested: (request: ApprovalRequest) => void;
}

/**
 * Changes an artifact's COMPATIBILITY rule. A stricter rule applies at once;
 * a weaker one asks for a reason and becomes an approval request.
 */
export const ChangeRuleDialog = (props: ChangeRuleDialogProps) => {
  const { cluster, groupId, artifactId, current } = props;
  const api = useApi(eventStreamingApiRef);
  const [mode, setMode] = useState<CompatibilityMode>(current);
  const [reason, setReason] = useState('');
  const weaker = !isAtLeastAsStrict(mode, current);
  const unchanged = mode === current;

  return (
    <ActionDialog
      open
      title={`Compatibility rule of ${artifactId}`}
      confirmLabel={weaker ? 'Request approval' : 'Apply rule'}
      confirmDisabled={unchanged || (weaker && reason.trim().length < 10)}
      onClose={props.onClose}
      onConfirm={async () => {
        const result = await api.changeSchemaRule(
          cluster,
          groupId,
          artifactId,
          {
            mode,
            reason: weaker ? reason.trim() : undefined,
          },
        );
        if (result.applied) props.onChanged(result);
        else props.onRequested(result.request);
      }}
    >
      <Typography variant="body2" paragraph>
        Now {current}: {describeMode(current)}
      </Typography>
      <TextField
        variant="standard"
        select
        id="rule-mode"
        label="New rule"
        value={mode}
        onChange={e => setMode(e.target.value as CompatibilityMode)}
        SelectProps={{ native: true }}
        fullWidth
        helperText={describeMode(mode)}
      >
        {compatibilityModeSchema.options.map(m => (
          <option key={m} value={m}>
            {m}
            {m === current ? ' (current)' : ''}
          </option>
        ))}
      </TextField>
      {!unchanged && (
        <Typography variant="body2" paragraph style={{ marginTop: 16 }}>
          {weaker
            ? `${mode} accepts versions that ${current} refuses, so it needs an approver's approval.`
            : `${mode} is at least as strict as ${current}: it applies at once.`}
        </Typography>
      )}
      {weaker && (
        <TextField
          variant="standard"
          id="rule-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          required
          helperText="At least 10 characters"
        />
      )}
    </ActionDialog>
  );
};
