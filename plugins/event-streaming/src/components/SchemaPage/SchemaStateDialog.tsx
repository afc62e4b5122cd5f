import { useApi } from '@backstage/core-plugin-api';
import type {
  SchemaStateChangeResponse,
  SchemaVersionState,
} from '@eventport/plugin-event-streaming-common';
import Typography from '@mui/material/Typography';
import { eventStreamingApiRef } from '../../api';
import { ActionDialog } from '../ActionDialog';

/** A state change an owner asked for: one version, or every version. */
export interface SchemaStateChange {
  /** Undefined: every version of the artifact. */
  version?: string;
  state: SchemaVersionState;
}

/** What each change does to the serdes and the topic's readers. */
function consequence(change: SchemaStateChange, artifactId: string) {
  const what =
    change.version === undefined
      ? `every version of ${artifactId}`
      : `version ${change.version}`;
  switch (change.state) {
    case 'DEPRECATED':
      return `Deprecating ${what} keeps it served, and tells the serializers and deserializers that fetch it that it is deprecated, so that producers move to a newer schema.`;
    case 'DISABLED':
      return `Disabling ${what} stops the registry from serving it and from choosing it as the latest: consumers can no longer read records written with it until it is enabled again.`;
    default:
      return `Enabling ${what} serves it again as an ordinary version.`;
  }
}

const VERBS: Record<SchemaVersionState, string> = {
  ENABLED: 'Enable',
  DEPRECATED: 'Deprecate',
  DISABLED: 'Disable',
};

/** Confirms a version state change of an artifact's owner, applied at once. */
export const SchemaStateDialog = (props: {
  cluster: string;
  groupId: string;
  artifactId: string;
  change: SchemaStateChange;
  onClose: () => void;
  onChanged: (result: SchemaStateChangeResponse) => void;
}) => {
  const { cluster, groupId, artifactId, change } = props;
  const api = useApi(eventStreamingApiRef);
  const verb = VERBS[change.state];
  return (
    <ActionDialog
      open
      title={
        change.version === undefined
          ? `${verb} every version of ${artifactId}?`
          : `${verb} version ${change.version} of ${artifactId}?`
      }
      confirmLabel={verb}
      destructive={change.state === 'DISABLED'}
      onClose={props.onClose}
      onConfirm={async () => {
        props.onChanged(
          await api.setSchemaState(
            cluster,
            groupId,
            artifactId,
            change.version,
            change.state,
          ),
        );
      }}
    >
      <Typography variant="body2" paragraph>
        {consequence(change, artifactId)}
      </Typography>
    </ActionDialog>
  );
};
