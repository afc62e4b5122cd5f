import {
  InfoCard,
  Link,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { describeMode } from '@eventport/plugin-event-streaming-common';
import type { SchemaDetailResponse } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { topicRouteRef } from '../../routes';
import { formatLabel } from '../../lib/schemas';
import { formatTime } from '../../lib/refs';
import { EntityRef } from '../EntityRef';
import { neutralOutlinedButtonSx } from '../../lib/styles';

const RULE_SOURCES = {
  artifact: 'set on the artifact',
  group: "the group's rule",
  global: "the registry's global rule",
  none: 'no rule anywhere',
};

/** What an artifact is, who owns it, its rule, and the actions on it. */
export const SchemaOverviewCard = (props: {
  cluster: string;
  detail: SchemaDetailResponse;
  onRegister: () => void;
  onChangeRule: () => void;
  /** Deprecates every version, or enables them again when all are deprecated. */
  onDeprecate: (state: 'DEPRECATED' | 'ENABLED') => void;
  /** Asks for the artifact's deletion (an approval request). */
  onDelete: () => void;
}) => {
  const { cluster, detail } = props;
  const { artifact, rule } = detail;
  const topicRoute = useRouteRef(topicRouteRef);
  const metadata: Record<string, unknown> = {
    group: artifact.groupId,
    artifact: artifact.artifactId,
    type: formatLabel(artifact.format, artifact.artifactType),
    owner: <EntityRef entityRef={artifact.owner} fallback="nobody" />,
    topic: artifact.topic ? (
      <Link to={topicRoute({ cluster, topic: artifact.topic })}>
        {artifact.topic}
      </Link>
    ) : (
      'none'
    ),
    'compatibility rule': `${rule.mode} (${RULE_SOURCES[rule.source]})`,
    versions: detail.versions.length,
  };
  const allDeprecated =
    detail.versions.length > 0 &&
    detail.versions.every(v => v.state === 'DEPRECATED');
  if (allDeprecated) metadata.state = 'deprecated (every version)';
  if (artifact.modifiedOn) metadata.modified = formatTime(artifact.modifiedOn);
  if (artifact.description) metadata.description = artifact.description;
  return (
    <InfoCard title="Overview">
      <StructuredMetadataTable metadata={metadata} />
      <Typography
        variant="body2"
        color="textSecondary"
        style={{ marginTop: 8 }}
      >
        {describeMode(rule.mode)}
      </Typography>
      <Box display="flex" flexWrap="wrap" mt={2} style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={props.onRegister}
          disabled={!detail.canRegister || !artifact.format}
        >
          Register version
        </Button>
        <Button
          color="inherit"
          sx={neutralOutlinedButtonSx}
          variant="outlined"
          onClick={props.onChangeRule}
          disabled={!detail.canRegister}
        >
          Change rule
        </Button>
        <Button
          color="inherit"
          sx={neutralOutlinedButtonSx}
          variant="outlined"
          onClick={() =>
            props.onDeprecate(allDeprecated ? 'ENABLED' : 'DEPRECATED')
          }
          disabled={!detail.canRegister || detail.versions.length === 0}
        >
          {allDeprecated ? 'Enable every version…' : 'Deprecate…'}
        </Button>
        <Button
          variant="outlined"
          color="secondary"
          onClick={props.onDelete}
          disabled={!detail.canRegister}
        >
          Delete…
        </Button>
      </Box>
      {!detail.canRegister && (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          {artifact.owner
            ? `Only members of ${artifact.owner} register versions, change the rule and the versions' states.`
            : 'Nobody owns this artifact, so nobody can register versions here.'}
        </Typography>
      )}
    </InfoCard>
  );
};
