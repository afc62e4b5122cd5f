import { useApi } from '@backstage/core-plugin-api';
import type {
  ApprovalRequest,
  CdcPipeline,
} from '@eventport/plugin-event-streaming-common';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { ActionDialog, ConfirmNameField, ReasonField } from '../ActionDialog';

/**
 * Asks the platform approvers to decommission a pipeline. The owner types
 * the pipeline's name, says why, and chooses whether its change topics (and
 * then their schemas) go too.
 */
export const DecommissionDialog = (props: {
  pipeline: CdcPipeline;
  onClose: () => void;
  onRequested: (request: ApprovalRequest) => void;
}) => {
  const { pipeline } = props;
  const api = useApi(eventStreamingApiRef);
  const [confirm, setConfirm] = useState('');
  const [reason, setReason] = useState('');
  const [deleteTopics, setDeleteTopics] = useState(false);
  const [deleteSchemas, setDeleteSchemas] = useState(false);
  const nameMatches = confirm === pipeline.name;
  const topics = pipeline.artefacts.tables.length;
  const postgres = pipeline.sourceType === 'postgres';
  const gitops =
    pipeline.deployment?.mode === 'gitops' || pipeline.status === 'committed';

  return (
    <ActionDialog
      open
      title={`Decommission pipeline ${pipeline.name}?`}
      confirmLabel="Request decommission"
      destructive
      confirmDisabled={!nameMatches || reason.trim().length === 0}
      onClose={props.onClose}
      onConfirm={async () => {
        props.onRequested(
          await api.requestCdcDecommission(pipeline.id, {
            reason: reason.trim(),
            deleteTopics,
            deleteSchemas: deleteTopics && deleteSchemas,
          }),
        );
      }}
    >
      <Typography variant="body2" paragraph>
        {gitops ? (
          <>
            Decommissioning commits the removal of the pipeline&apos;s
            KafkaConnector manifest (and of its KafkaTopic manifests when the
            topics go) on a branch of its own. Once that is merged and the
            operator has deleted the connector{' '}
            <code>{pipeline.artefacts.connectorName}</code>, Eventport
            {postgres
              ? ' drops its replication slot and publication on the source database, so that the database no longer keeps WAL for it'
              : ' finishes the decommission'}
            .
          </>
        ) : (
          <>
            Decommissioning deletes the connector{' '}
            <code>{pipeline.artefacts.connectorName}</code>
            {postgres
              ? ', then drops its replication slot and publication on the source database, so that the database no longer keeps WAL for it'
              : ''}
            .
          </>
        )}{' '}
        It needs a platform approver&apos;s decision: this creates a request,
        and the pipeline keeps running until the request is approved.
      </Typography>
      <FormControlLabel
        control={
          <Checkbox
            checked={deleteTopics}
            onChange={e => {
              setDeleteTopics(e.target.checked);
              if (!e.target.checked) setDeleteSchemas(false);
            }}
          />
        }
        label={`Also delete the ${topics} change ${
          topics === 1 ? 'topic' : 'topics'
        } and their messages`}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={deleteSchemas}
            disabled={!deleteTopics}
            onChange={e => setDeleteSchemas(e.target.checked)}
          />
        }
        label="Also delete their schemas (only with the topics: kept records need them)"
      />
      <ConfirmNameField
        id="decommission-confirm"
        what="pipeline"
        expected={pipeline.name}
        value={confirm}
        onChange={setConfirm}
      />
      <ReasonField
        id="decommission-reason"
        value={reason}
        onChange={setReason}
        maxLength={2000}
      />
    </ActionDialog>
  );
};
