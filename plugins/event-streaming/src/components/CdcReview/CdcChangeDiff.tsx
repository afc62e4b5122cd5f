import type {
  CdcArtefactsDiff,
  ConfigChange,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { lineDiff } from '../../lib/lineDiff';
import { ConfigChangesTable } from '../ConnectorConfig';
import { SideBySide } from '../SchemaDiff/SideBySide';
import { HANDLING_LABELS } from './CdcTablesTable';
import { ScrollingTable } from '../ScrollingTable';

function configChanges(diff: CdcArtefactsDiff): ConfigChange[] {
  return diff.config.map(c => {
    let change: ConfigChange['change'] = 'changed';
    if (c.before === undefined) change = 'added';
    else if (c.after === undefined) change = 'removed';
    return { ...c, change };
  });
}

/**
 * What a change of a pipeline does, for its owner before asking and for
 * the security reviewers: tables added and removed, columns whose handling
 * changes, the connector config key by key, and each changed manifest
 * side by side.
 */
export const CdcChangeDiff = (props: {
  diff: CdcArtefactsDiff;
  notes?: string[];
  /** The GitOps folder of the manifests, when there is one. */
  folder?: string;
}) => {
  const { diff, notes } = props;
  return (
    <section aria-label="What the change does">
      <Typography variant="subtitle1" component="h3">
        Tables
      </Typography>
      <ul>
        {diff.addedTables.map(t => (
          <li key={t}>
            <strong>{t}</strong>: captured from now on
          </li>
        ))}
        {diff.removedTables.map(t => (
          <li key={t}>
            <strong>{t}</strong>: no longer captured
          </li>
        ))}
        {!diff.addedTables.length && !diff.removedTables.length && (
          <li>The same tables as before.</li>
        )}
      </ul>
      {diff.columns.length > 0 && (
        <>
          <Typography variant="subtitle1" component="h3">
            Columns
          </Typography>
          <ScrollingTable
            size="small"
            aria-label="Columns whose handling changes"
          >
            <TableHead>
              <TableRow>
                <TableCell scope="col">Column</TableCell>
                <TableCell scope="col">PII</TableCell>
                <TableCell scope="col">Before</TableCell>
                <TableCell scope="col">After</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {diff.columns.map(c => (
                <TableRow key={`${c.table}.${c.column}`}>
                  <TableCell component="th" scope="row">
                    {c.table}.{c.column}
                  </TableCell>
                  <TableCell>{c.pii ? 'Likely PII' : '-'}</TableCell>
                  <TableCell>{HANDLING_LABELS[c.before]}</TableCell>
                  <TableCell>{HANDLING_LABELS[c.after]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollingTable>
        </>
      )}
      {notes && notes.length > 0 && (
        <>
          <Typography variant="subtitle1" component="h3">
            Good to know
          </Typography>
          <ul>
            {notes.map(n => (
              <li key={n}>
                <Typography variant="body2">{n}</Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      <Typography variant="subtitle1" component="h3">
        Connector config
      </Typography>
      <ConfigChangesTable
        changes={configChanges(diff)}
        label="Connector config changes"
      />
      <Box mt={2}>
        <Typography variant="subtitle1" component="h3">
          Manifests
        </Typography>
        {diff.manifests.map(m => {
          let state = 'changed';
          if (m.before === undefined) state = 'new';
          else if (m.after === undefined) state = 'removed';
          const path = `${props.folder ? `${props.folder}/` : ''}${m.path}`;
          return (
            <Box key={m.path} mb={2}>
              <Typography variant="subtitle2" component="h4">
                {path} ({state})
              </Typography>
              <SideBySide
                rows={lineDiff(m.before ?? '', m.after ?? '')}
                leftTitle={m.before === undefined ? 'Not there yet' : 'Now'}
                rightTitle={m.after === undefined ? 'Removed' : 'After'}
              />
            </Box>
          );
        })}
      </Box>
    </section>
  );
};
