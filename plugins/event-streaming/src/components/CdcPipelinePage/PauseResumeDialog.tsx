import { useApi } from '@backstage/core-plugin-api';
import type {
  CdcPipeline,
  CdcPipelineActionResponse,
  CdcPipelineLive,
} from '@eventport/plugin-event-streaming-common';
import { formatBytes } from '@eventport/plugin-event-streaming-common';
import Typography from '@mui/material/Typography';
import { eventStreamingApiRef } from '../../api';
import { ActionDialog } from '../ActionDialog';

/**
 * Confirms pausing (stopping the connector's tasks) or resuming a pipeline.
 * Pausing says what it costs the source database: the WAL its slot keeps
 * now, and the size past which the owners are warned.
 */
export const PauseResumeDialog = (props: {
  pipeline: CdcPipeline;
  live: CdcPipelineLive;
  action: 'pause' | 'resume';
  onClose: () => void;
  onDone: (result: CdcPipelineActionResponse) => void;
}) => {
  const { pipeline, live, action } = props;
  const api = useApi(eventStreamingApiRef);
  const gitops = pipeline.deployment?.mode === 'gitops';
  const slot = live.slot;
  const pause = action === 'pause';
  return (
    <ActionDialog
      open
      title={`${pause ? 'Pause' : 'Resume'} pipeline ${pipeline.name}?`}
      confirmLabel={pause ? 'Pause' : 'Resume'}
      onClose={props.onClose}
      onConfirm={async () => {
        props.onDone(await api.operateCdcPipeline(pipeline.id, action));
      }}
    >
      <Typography variant="body2" paragraph>
        {pause
          ? `Pausing stops the tasks of connector ${pipeline.artefacts.connectorName}. Resuming continues from where it stopped: nothing written meanwhile is lost.`
          : `Resuming starts the tasks of connector ${pipeline.artefacts.connectorName} again, from where they stopped.`}
      </Typography>
      {pause && slot && (
        <Typography variant="body2" paragraph>
          While it is paused, replication slot <code>{slot.name}</code> is
          inactive and the source database keeps every WAL segment from its
          position on
          {typeof slot.retainedBytes === 'number'
            ? ` (${formatBytes(slot.retainedBytes)} now)`
            : ''}
          , until its disk fills.
          {typeof slot.retainedWarningBytes === 'number' &&
            ` Your team and the platform team are warned past ${formatBytes(
              slot.retainedWarningBytes,
            )}.`}
        </Typography>
      )}
      {gitops && (
        <Typography variant="body2" paragraph>
          The pipeline is deployed through GitOps: this commits{' '}
          <code>spec.state: {pause ? 'stopped' : 'running'}</code> to its
          KafkaConnector on a branch of its own, and the operator applies it
          once the branch is merged.
        </Typography>
      )}
    </ActionDialog>
  );
};
