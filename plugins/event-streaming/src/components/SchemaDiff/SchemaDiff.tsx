import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { SchemaFormat } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { lineDiff, normalizeSchemaText } from '../../lib/lineDiff';
import { DifferenceList } from '../CompatibilityReport';
import { SideBySide } from './SideBySide';

export interface SchemaDiffProps {
  cluster: string;
  groupId: string;
  artifactId: string;
  format: SchemaFormat | null;
  /** Version names, oldest first; at least two. */
  versions: string[];
}

function verdict(backward: boolean, forward: boolean): string {
  if (backward && forward) return 'fully compatible (backward and forward)';
  if (backward) return 'backward compatible, but breaks forward compatibility';
  if (forward) return 'forward compatible, but breaks backward compatibility';
  return 'breaks both backward and forward compatibility';
}

/**
 * Any two versions side by side, with every difference the checker finds
 * listed, marked when it breaks a direction, and explained in words.
 */
export const SchemaDiff = (props: SchemaDiffProps) => {
  const { cluster, groupId, artifactId, versions } = props;
  const api = useApi(eventStreamingApiRef);
  const [from, setFrom] = useState(versions[versions.length - 2]);
  const [to, setTo] = useState(versions[versions.length - 1]);

  const loaded = useAsync(async () => {
    const [diff, left, right] = await Promise.all([
      api.diffSchemaVersions(cluster, groupId, artifactId, from, to),
      api.getSchemaContent(cluster, groupId, artifactId, from),
      api.getSchemaContent(cluster, groupId, artifactId, to),
    ]);
    return {
      diff,
      rows: lineDiff(
        normalizeSchemaText(left.content, props.format),
        normalizeSchemaText(right.content, props.format),
      ),
    };
  }, [api, cluster, groupId, artifactId, from, to]);

  const picker = (
    label: string,
    value: string,
    set: (v: string) => void,
    id: string,
  ) => (
    <TextField
      variant="standard"
      select
      id={id}
      label={label}
      value={value}
      onChange={e => set(e.target.value)}
      SelectProps={{ native: true }}
    >
      {versions.map(v => (
        <option key={v} value={v}>
          version {v}
        </option>
      ))}
    </TextField>
  );

  let body;
  if (loaded.error) {
    body = (
      <ResponseErrorPanel
        error={loaded.error}
        title="Could not compare the versions"
      />
    );
  } else if (loaded.loading || !loaded.value) {
    body = <Progress aria-label="Comparing versions" />;
  } else {
    const { diff, rows } = loaded.value;
    const breaking = diff.differences.filter(
      d => d.breaksBackward || d.breaksForward,
    );
    body = (
      <>
        <Typography variant="subtitle1" component="p" gutterBottom>
          {from === to
            ? 'The same version on both sides.'
            : `Version ${to} against version ${from}: ${verdict(
                diff.backwardCompatible,
                diff.forwardCompatible,
              )}.`}
        </Typography>
        {from !== to && (
          <Box mb={2}>
            <Typography variant="subtitle2" component="h3">
              {breaking.length === 1
                ? '1 breaking change'
                : `${breaking.length} breaking changes`}
              {`, ${diff.differences.length - breaking.length} compatible`}
            </Typography>
            <DifferenceList
              differences={diff.differences}
              emptyText="The checker finds no difference that matters to readers."
            />
          </Box>
        )}
        <SideBySide
          rows={rows}
          leftTitle={`Version ${from}`}
          rightTitle={`Version ${to}`}
        />
      </>
    );
  }

  return (
    <InfoCard title="Compare versions">
      <Box display="flex" style={{ gap: 16 }} mb={2}>
        {picker('From', from, setFrom, 'diff-from')}
        {picker('To', to, setTo, 'diff-to')}
      </Box>
      {body}
    </InfoCard>
  );
};
