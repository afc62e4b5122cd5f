import type { CdcPipelineStatus } from '@eventport/plugin-event-streaming-common';
import Chip from '@mui/material/Chip';

/** A pipeline's status in words; the colour only repeats them (AA contrast). */
export const CDC_STATUS_LABELS: Record<
  CdcPipelineStatus,
  { label: string; background: string; text: string }
> = {
  review: {
    label: 'In security review',
    background: '#ffc233',
    text: '#1a1a1a',
  },
  rejected: { label: 'Rejected', background: '#a4051b', text: '#ffffff' },
  cancelled: { label: 'Cancelled', background: '#5f5f5f', text: '#ffffff' },
  deploying: { label: 'Deploying', background: '#0d47a1', text: '#ffffff' },
  committed: {
    label: 'Committed to GitOps',
    background: '#0d47a1',
    text: '#ffffff',
  },
  deployed: { label: 'Deployed', background: '#1b6e20', text: '#ffffff' },
  failed: { label: 'Failed', background: '#a4051b', text: '#ffffff' },
  decommissioning: {
    label: 'Decommissioning',
    background: '#0d47a1',
    text: '#ffffff',
  },
  decommissioned: {
    label: 'Decommissioned',
    background: '#5f5f5f',
    text: '#ffffff',
  },
};

/** A deployed pipeline whose connector or a task failed (its error says which). */
const FAILING = {
  label: 'Deployed, connector failing',
  background: '#a4051b',
  text: '#ffffff',
};

export const CdcStatusChip = (props: {
  status: CdcPipelineStatus;
  /** The pipeline's error: on a deployed pipeline, a failing connector. */
  error?: string | null;
}) => {
  const s =
    props.status === 'deployed' && props.error
      ? FAILING
      : CDC_STATUS_LABELS[props.status];
  return (
    <Chip
      size="small"
      label={s.label}
      style={{ backgroundColor: s.background, color: s.text }}
    />
  );
};
