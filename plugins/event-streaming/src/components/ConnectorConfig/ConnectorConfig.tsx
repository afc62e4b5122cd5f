import {
  ConfigChange,
  isConfigProviderReference,
  MASKED_VALUE,
} from '@eventport/plugin-event-streaming-common';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

const useStyles = makeStyles(theme => ({
  // Keys break at dots, not inside words, and keep a readable width.
  key: { fontFamily: 'monospace', overflowWrap: 'anywhere', minWidth: '10em' },
  value: { fontFamily: 'monospace', wordBreak: 'break-all' },
  note: { color: theme.palette.text.secondary, marginLeft: theme.spacing(1) },
  change: {
    fontWeight: theme.typography.fontWeightBold as number,
    whiteSpace: 'nowrap',
  },
}));

/**
 * A config value as Eventport shows it: a secret's hidden value is marked
 * as hidden, a config-provider reference as where the secret lives.
 */
export const ConfigValue = (props: { value: string | undefined }) => {
  const classes = useStyles();
  const { value } = props;
  if (value === undefined) return <>—</>;
  if (value === MASKED_VALUE) {
    return (
      <>
        <span className={classes.value}>{MASKED_VALUE}</span>
        <Typography variant="caption" className={classes.note}>
          (secret, hidden)
        </Typography>
      </>
    );
  }
  return (
    <>
      <span className={classes.value}>{value}</span>
      {isConfigProviderReference(value) && (
        <Typography variant="caption" className={classes.note}>
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
  const classes = useStyles();
  const keys = Object.keys(props.config).sort();
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell scope="col">Key</TableCell>
          <TableCell scope="col">Value</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {keys.map(key => (
          <TableRow key={key}>
            <TableCell className={classes.key} scope="row" component="th">
              {key}
            </TableCell>
            <TableCell>
              <ConfigValue value={props.config[key]} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
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
  const classes = useStyles();
  if (props.changes.length === 0) {
    return (
      <Typography variant="body2">
        No key changes: the config is the same.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={props.label}>
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
            <TableCell className={classes.key} scope="row" component="th">
              {change.key}
            </TableCell>
            <TableCell className={classes.change}>
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
    </Table>
  );
};
