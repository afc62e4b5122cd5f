import {
  ConfigChange,
  isConfigProviderReference,
  MASKED_VALUE,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { BreakableName } from '../BreakableName';
import { ScrollingTable } from '../ScrollingTable';

// Keys and values wrap after their separators (BreakableName), never inside
// a word or number; keys keep a readable width.
const keySx = { fontFamily: 'monospace', minWidth: '10em' } as const;
const valueSx = { fontFamily: 'monospace' } as const;
const noteSx = { color: 'text.secondary', marginLeft: 1 } as const;

/**
 * A config value as Eventport shows it: a secret's hidden value is marked
 * as hidden, a config-provider reference as where the secret lives.
 */
export const ConfigValue = (props: { value: string | undefined }) => {
  const { value } = props;
  if (value === undefined) return <>—</>;
  if (value === MASKED_VALUE) {
    return (
      <>
        <Box component="span" sx={valueSx}>
          {MASKED_VALUE}
        </Box>
        <Typography variant="caption" sx={noteSx}>
          (secret, hidden)
        </Typography>
      </>
    );
  }
  return (
    <>
      <Box component="span" sx={valueSx}>
        <BreakableName name={value} />
      </Box>
      {isConfigProviderReference(value) && (
        <Typography variant="caption" sx={noteSx}>
          (config-provider reference)
        </Typography>
      )}
    </>
  );
};

/** Every key and value of a connector config, sorted by key. */
export const ConnectorConfigTable = (props: {
  config: Record<string, string>;
  label: string;
}) => {
  const keys = Object.keys(props.config).sort();
  return (
    <ScrollingTable size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell scope="col">Key</TableCell>
          <TableCell scope="col">Value</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {keys.map(key => (
          <TableRow key={key}>
            <TableCell sx={keySx} scope="row" component="th">
              <BreakableName name={key} />
            </TableCell>
            <TableCell>
              <ConfigValue value={props.config[key]} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
  );
};

const CHANGE_LABELS: Record<ConfigChange['change'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

/**
 * A config change key by key: what is added, removed or changed, with the
 * value before and after (secrets stay hidden).
 */
export const ConfigChangesTable = (props: {
  changes: ConfigChange[];
  label: string;
}) => {
  if (props.changes.length === 0) {
    return (
      <Typography variant="body2">
        No key changes: the config is the same.
      </Typography>
    );
  }
  return (
    <ScrollingTable size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell scope="col">Key</TableCell>
          <TableCell scope="col">Change</TableCell>
          <TableCell scope="col">Before</TableCell>
          <TableCell scope="col">After</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.changes.map(change => (
          <TableRow key={change.key} data-change={change.change}>
            <TableCell sx={keySx} scope="row" component="th">
              <BreakableName name={change.key} />
            </TableCell>
            <TableCell
              sx={{ fontWeight: 'fontWeightBold', whiteSpace: 'nowrap' }}
            >
              {CHANGE_LABELS[change.change]}
            </TableCell>
            <TableCell>
              <ConfigValue value={change.before} />
            </TableCell>
            <TableCell>
              <ConfigValue value={change.after} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
  );
};
