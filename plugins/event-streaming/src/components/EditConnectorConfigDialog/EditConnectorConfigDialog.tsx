import { useApi } from '@backstage/core-plugin-api';
import {
  ApprovalRequest,
  configDiff,
  ConnectorDetail,
} from '@eventport/plugin-event-streaming-common';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import {
  parseConfigJson,
  secretProblem,
  withoutName,
} from '../../lib/connectors';
import { ActionDialog, ReasonField } from '../ActionDialog';
import { ConfigChangesTable } from '../ConnectorConfig';

export interface EditConnectorConfigDialogProps {
  cluster: string;
  connector: ConnectorDetail;
  onClose: () => void;
  onRequested: (request: ApprovalRequest) => void;
}

/**
 * Requests a new config for a connector: edit it as JSON, see what changes
 * key by key, and send it for approval with a reason. Secret values are
 * hidden, so the editor refuses them until they are replaced with
 * config-provider references.
 */
export const EditConnectorConfigDialog = (
  props: EditConnectorConfigDialogProps,
) => {
  const { cluster, connector } = props;
  const api = useApi(eventStreamingApiRef);
  const before = useMemo(() => withoutName(connector.config), [connector]);
  const initialText = useMemo(() => JSON.stringify(before, null, 2), [before]);
  const [text, setText] = useState(initialText);
  const [reason, setReason] = useState('');

  const parsed = useMemo(() => parseConfigJson(text), [text]);
  const after = useMemo(
    () => (parsed.config ? withoutName(parsed.config) : undefined),
    [parsed],
  );
  const changes = useMemo(
    () => (after ? configDiff(before, after) : []),
    [before, after],
  );
  let problem = parsed.error;
  if (after && after['connector.class'] !== before['connector.class']) {
    problem = `"connector.class" must stay ${before['connector.class']}: a connector cannot change its plugin. Create a new connector instead.`;
  } else if (after) {
    problem = secretProblem(after);
  }
  const ready = !problem && changes.length > 0 && reason.trim() !== '';

  return (
    <ActionDialog
      open
      maxWidth="md"
      title={`Change the config of ${connector.name}`}
      confirmLabel="Request change"
      confirmDisabled={!ready}
      onClose={props.onClose}
      onConfirm={async () => {
        props.onRequested(
          await api.requestConnectorUpdate(cluster, connector.name, {
            config: after!,
            reason: reason.trim(),
          }),
        );
      }}
    >
      <Typography variant="body2" paragraph>
        A config change needs an approver&apos;s decision: this sends a request
        with the changes below, and the new config goes live once it is
        approved. Secret values show as hidden; to change one, replace it with a
        config-provider reference such as
        {' ${file:/opt/connect/secrets.properties:key}'}.
      </Typography>
      <TextField
        id="connector-config-json"
        label="Config (JSON)"
        // The editor keeps its own text (uncontrolled); the dialog reads
        // every change of it.
        defaultValue={initialText}
        onChange={e => setText(e.target.value)}
        error={!!problem}
        helperText={
          problem ??
          'Every value is a string, as Kafka Connect keeps it. "name" is not part of the config.'
        }
        multiline
        minRows={12}
        maxRows={24}
        fullWidth
        variant="outlined"
        inputProps={{ spellCheck: false, style: { fontFamily: 'monospace' } }}
        margin="normal"
      />
      <section aria-label="Changes">
        <Typography variant="subtitle1" component="h3" gutterBottom>
          Changes
        </Typography>
        {parsed.config ? (
          <ConfigChangesTable
            changes={changes}
            label={`Changes to the config of ${connector.name}`}
          />
        ) : (
          <Typography variant="body2">
            The changes show once the JSON is valid.
          </Typography>
        )}
      </section>
      <ReasonField
        id="connector-config-reason"
        value={reason}
        onChange={setReason}
      />
    </ActionDialog>
  );
};
