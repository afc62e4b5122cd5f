import { InfoCard } from '@backstage/core-components';
import type { CdcPipelinePreview } from '@eventport/plugin-event-streaming-common';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { CdcTablesTable, ManifestList, PreflightList } from '../CdcReview';
import { ConnectorConfigTable } from '../ConnectorConfig';

/**
 * Step 3: everything the portal generated, before anything is submitted:
 * the pre-flight results, the tables and columns, the Debezium config, the
 * Strimzi manifests, and last, just above the submit button, why the data
 * is needed.
 */
export const ReviewStep = (props: {
  preview: CdcPipelinePreview;
  reason: string;
  onReason: (reason: string) => void;
}) => {
  const { preview, reason, onReason } = props;
  const { artefacts } = preview;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Typography variant="body2">
          Connector <code>{artefacts.connectorName}</code> (
          {artefacts.connectorClass}), owned by {preview.owner}.{' '}
          {artefacts.deployMode === 'gitops'
            ? 'On approval the manifests below are committed to the GitOps repository on a new branch.'
            : 'On approval the change topics and the connector are created through Kafka Connect.'}{' '}
          The security reviewers decide the request.
        </Typography>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Pre-flight checks">
          <PreflightList checks={preview.preflight} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Tables, topics and columns">
          <CdcTablesTable tables={artefacts.tables} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Debezium connector config"
          subheader="Passwords appear only as config-provider references"
        >
          <ConnectorConfigTable
            config={artefacts.connectorConfig}
            label={`Generated config of ${artefacts.connectorName}`}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Strimzi manifests">
          <ManifestList manifests={artefacts.manifests} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Why is the data needed?">
          <TextField
            id="cdc-reason"
            label="Reason for the security review"
            required
            multiline
            minRows={3}
            fullWidth
            variant="outlined"
            value={reason}
            onChange={e => onReason(e.target.value)}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
};
