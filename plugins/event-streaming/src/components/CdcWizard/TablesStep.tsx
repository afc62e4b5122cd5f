import {
  cdcMaskableType,
  type CdcColumnHandling,
  type CdcIntrospection,
  type CdcTable,
  type CdcTableSelection,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { tableHeadSx } from '../../lib/styles';
import { ScrollingTable } from '../ScrollingTable';

/** Selected tables by `schema.table`, each with its columns' handling. */
export type TableSelection = Record<string, Record<string, CdcColumnHandling>>;

/** The selection as a request's tables, in the source's order. */
export function selectedTables(
  introspection: CdcIntrospection | undefined,
  selection: TableSelection,
): CdcTableSelection[] {
  return (introspection?.schemas ?? []).flatMap(s =>
    s.tables
      .filter(t => selection[`${s.name}.${t.name}`])
      .map(t => ({
        schema: s.name,
        table: t.name,
        columns: selection[`${s.name}.${t.name}`],
      })),
  );
}

const PROTECTION: Record<string, string> = {
  capture: 'As it is',
  hash: 'Hash (SHA-256)',
  mask: 'Mask (********)',
};

const ColumnsTable = (props: {
  label: string;
  table: CdcTable;
  handling: Record<string, CdcColumnHandling>;
  onChange: (handling: Record<string, CdcColumnHandling>) => void;
}) => {
  const { table, handling, onChange } = props;
  const set = (column: string, h: CdcColumnHandling) =>
    onChange({ ...handling, [column]: h });
  return (
    <ScrollingTable size="small" aria-label={`Columns of ${props.label}`}>
      <TableHead sx={tableHeadSx}>
        <TableRow>
          <TableCell>Capture</TableCell>
          <TableCell>Column</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Personal data</TableCell>
          <TableCell>Protect captured values</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {table.columns.map(column => {
          const h = handling[column.name] ?? 'capture';
          const captured = h !== 'exclude';
          return (
            <TableRow key={column.name}>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={captured}
                  disabled={column.primaryKey}
                  inputProps={{
                    'aria-label': `Capture column ${column.name} of ${props.label}`,
                  }}
                  onChange={e =>
                    set(column.name, e.target.checked ? 'capture' : 'exclude')
                  }
                />
              </TableCell>
              <TableCell>
                {column.name}
                {column.primaryKey ? ' (primary key, always captured)' : ''}
              </TableCell>
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
              <TableCell>
                {captured &&
                !column.primaryKey &&
                cdcMaskableType(column.dataType) ? (
                  <TextField
                    variant="standard"
                    select
                    size="small"
                    value={h}
                    inputProps={{
                      'aria-label': `Protection of column ${column.name} of ${props.label}: ${PROTECTION[h]}`,
                    }}
                    onChange={e =>
                      set(column.name, e.target.value as CdcColumnHandling)
                    }
                  >
                    {Object.entries(PROTECTION).map(([value, text]) => (
                      <MenuItem key={value} value={value}>
                        {text}
                      </MenuItem>
                    ))}
                  </TextField>
                ) : (
                  <Typography variant="body2" component="span">
                    {captured ? 'As it is' : 'Left out of every event'}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </ScrollingTable>
  );
};

/**
 * Step 2: the tables to capture and, per column, whether it is captured as
 * it is, hashed, masked or left out. Personal-data columns are flagged.
 */
export const TablesStep = (props: {
  introspection: CdcIntrospection;
  selection: TableSelection;
  onChange: (selection: TableSelection) => void;
}) => {
  const { introspection, selection, onChange } = props;
  const schemas = introspection.schemas.filter(s => s.tables.length > 0);
  if (schemas.length === 0) {
    return (
      <Typography variant="body2">
        The source user sees no tables in {introspection.sourceId}. Grant it
        SELECT on the tables to capture.
      </Typography>
    );
  }
  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        {introspection.type} {introspection.serverVersion}. Columns flagged as
        personal data can be left out (uncheck them), hashed or masked; the
        security review sees every choice.
      </Typography>
      {schemas.map(schema => (
        <section key={schema.name} aria-label={`Schema ${schema.name}`}>
          <Typography variant="h6" component="h3">
            {introspection.type === 'postgres' ? 'Schema' : 'Database'}{' '}
            {schema.name}
          </Typography>
          {schema.tables.map(table => {
            const key = `${schema.name}.${table.name}`;
            const chosen = selection[key];
            const pii = table.columns.filter(c => c.pii).length;
            return (
              <Box key={key} mb={2}>
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={!!chosen}
                      onChange={e => {
                        const next = { ...selection };
                        if (e.target.checked) next[key] = {};
                        else delete next[key];
                        onChange(next);
                      }}
                    />
                  }
                  label={`${key} (${table.columns.length} columns${
                    pii ? `, ${pii} flagged as personal data` : ''
                  }${table.primaryKey.length ? '' : ', no primary key'})`}
                />
                {chosen && (
                  <ColumnsTable
                    label={key}
                    table={table}
                    handling={chosen}
                    onChange={h => onChange({ ...selection, [key]: h })}
                  />
                )}
              </Box>
            );
          })}
        </section>
      ))}
    </Box>
  );
};
