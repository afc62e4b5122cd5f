import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  SchemaFormat,
  SchemaVersion,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { normalizeSchemaText } from '../../lib/lineDiff';
import { formatTime } from '../../lib/refs';
import { highlightLanguage } from '../../lib/schemas';
import { CodeBlock } from '../CodeBlock';
import type { SchemaStateChange } from './SchemaStateDialog';
import { neutralOutlinedButtonSx } from '../../lib/styles';

/** A version's state in words; absent means enabled. */
export function stateLabel(state: string | undefined) {
  return (state ?? 'ENABLED').toLowerCase();
}

/** The version history, newest first, and the content of the chosen one. */
export const SchemaVersionsCard = (props: {
  cluster: string;
  groupId: string;
  artifactId: string;
  format: SchemaFormat | null;
  versions: SchemaVersion[];
  selected: string;
  onSelect: (version: string) => void;
  /** The caller owns the artifact: offers Disable / Enable on the shown version. */
  canManage?: boolean;
  onChangeState?: (change: SchemaStateChange) => void;
}) => {
  const { cluster, groupId, artifactId, selected } = props;
  const api = useApi(eventStreamingApiRef);
  const content = useAsync(
    () => api.getSchemaContent(cluster, groupId, artifactId, selected),
    [api, cluster, groupId, artifactId, selected],
  );
  const latest = props.versions[props.versions.length - 1]?.version;
  const columns: TableColumn<SchemaVersion>[] = [
    {
      title: 'Version',
      render: row => {
        const notes = [
          ...(row.version === latest ? ['latest'] : []),
          ...(stateLabel(row.state) !== 'enabled'
            ? [stateLabel(row.state)]
            : []),
        ];
        return notes.length
          ? `${row.version} (${notes.join(', ')})`
          : row.version;
      },
    },
    {
      title: 'Created',
      render: row => (row.createdOn ? formatTime(row.createdOn) : '—'),
    },
    { title: 'Global id', field: 'globalId', type: 'numeric' },
    {
      title: 'Content',
      render: row => (
        <Button
          size="small"
          variant={row.version === selected ? 'contained' : 'outlined'}
          color={row.version === selected ? 'primary' : 'inherit'}
          sx={row.version === selected ? undefined : neutralOutlinedButtonSx}
          aria-pressed={row.version === selected}
          // The visible word starts the name (WCAG 2.5.3, label in name).
          aria-label={`${row.version === selected ? 'Shown' : 'Show'} version ${
            row.version
          }`}
          onClick={() => props.onSelect(row.version)}
        >
          {row.version === selected ? 'Shown' : 'Show'}
        </Button>
      ),
    },
  ];

  const shownVersion = props.versions.find(v => v.version === selected);
  const shownState = stateLabel(shownVersion?.state);
  const stateLine = (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      mb={1}
      style={{ gap: 8 }}
    >
      <Typography variant="body2">State: {shownState}</Typography>
      {props.canManage && props.onChangeState && (
        <Button
          color="inherit"
          sx={neutralOutlinedButtonSx}
          size="small"
          variant="outlined"
          onClick={() =>
            props.onChangeState!({
              version: selected,
              state: shownState === 'disabled' ? 'ENABLED' : 'DISABLED',
            })
          }
        >
          {shownState === 'disabled'
            ? `Enable version ${selected}…`
            : `Disable version ${selected}…`}
        </Button>
      )}
    </Box>
  );

  let viewer;
  if (content.error) {
    viewer = (
      <ResponseErrorPanel
        error={content.error}
        title={`Could not load version ${selected}`}
      />
    );
  } else if (content.loading || !content.value) {
    viewer = <Progress aria-label="Loading the schema" />;
  } else {
    viewer = (
      <section aria-label={`Content of version ${selected}`}>
        <CodeBlock
          text={normalizeSchemaText(content.value.content, props.format)}
          language={highlightLanguage(props.format)}
          showLineNumbers
        />
      </section>
    );
  }

  // The history above the content, each full width: beside it, at 1280 px,
  // the history's Show buttons started past the card's edge.
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Version history" noPadding>
          <Table<SchemaVersion>
            options={{
              paging: false,
              search: false,
              toolbar: false,
              padding: 'dense',
            }}
            columns={columns}
            data={[...props.versions].reverse()}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={`Version ${selected}`}>
          {stateLine}
          {viewer}
        </InfoCard>
      </Grid>
    </Grid>
  );
};
