import type {
  CdcColumnHandling,
  CdcReviewTable,
} from '@eventport/plugin-event-streaming-common';
import Chip from '@mui/material/Chip';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { tableHeadSx } from '../../lib/styles';
import { ScrollingTable } from '../ScrollingTable';

/** What each handling does to a column, in words. */
export const HANDLING_LABELS: Record<CdcColumnHandling, string> = {
  capture: 'Captured',
  exclude: 'Excluded',
  hash: 'Hashed (SHA-256, salted)',
  mask: 'Masked (********)',
};

/**
 * The captured tables as the security review sees them: the change topic
 * and its Apicurio artifacts, and every column with its type, PII flag and
 * what happens to it.
 */
export const CdcTablesTable = (props: { tables: CdcReviewTable[] }) => {
  return (
    <>
      {props.tables.map(table => (
        <section
          key={`${table.schema}.${table.table}`}
          aria-label={`Table ${table.schema}.${table.table}`}
          style={{ marginBottom: 16 }}
        >
          <Typography variant="subtitle2" component="h3">
            {table.schema}.{table.table}
          </Typography>
          <Typography variant="body2">
            Change topic <code>{table.topic}</code>; schemas{' '}
            <code>{table.valueArtifact}</code> and{' '}
            <code>{table.keyArtifact}</code>
          </Typography>
          <ScrollingTable
            size="small"
            aria-label={`Columns of ${table.schema}.${table.table}`}
          >
            <TableHead sx={tableHeadSx}>
              <TableRow>
                <TableCell>Column</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Personal data</TableCell>
                <TableCell>In change events</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {table.columns.map(column => (
                <TableRow key={column.name}>
                  <TableCell>{column.name}</TableCell>
                  <TableCell>{column.dataType}</TableCell>
                  <TableCell>
                    {column.pii ? (
                      <Chip
                        size="small"
                        label={`PII: ${column.piiReason ?? 'flagged'}`}
                      />
                    ) : (
                      'No'
                    )}
                  </TableCell>
                  <TableCell>{HANDLING_LABELS[column.handling]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollingTable>
        </section>
      ))}
    </>
  );
};
