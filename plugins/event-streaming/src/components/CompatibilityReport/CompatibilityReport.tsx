import type {
  SchemaDiffResponse,
  SchemaValidateResponse,
} from '@eventport/plugin-event-streaming-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import { useAccessibleColors } from '../../lib/styles';

type Difference = SchemaDiffResponse['differences'][number] & {
  breaking?: boolean;
  against?: number;
};

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  item: { marginBottom: theme.spacing(1) },
  path: {
    fontFamily: 'monospace',
    fontWeight: 'bold',
    marginRight: theme.spacing(1),
  },
  chips: { display: 'inline-flex', gap: theme.spacing(0.5), flexWrap: 'wrap' },
  verdict: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
}));

/** The chips that say which directions a difference breaks. */
export const BreakChips = (props: { difference: Difference }) => {
  const { difference: d } = props;
  const classes = useStyles();
  const colors = useAccessibleColors();
  const chip = d.breaking === false ? undefined : colors.breakingChip;
  if (!d.breaksBackward && !d.breaksForward) {
    return (
      <span className={classes.chips}>
        <Chip size="small" variant="outlined" label="compatible" />
      </span>
    );
  }
  return (
    <span className={classes.chips}>
      {d.breaksBackward && (
        <Chip size="small" className={chip} label="breaks backward" />
      )}
      {d.breaksForward && (
        <Chip size="small" className={chip} label="breaks forward" />
      )}
    </span>
  );
};

/** A list of differences, each with its path, words and what it breaks. */
export const DifferenceList = (props: {
  differences: Difference[];
  /** Names the version a difference was found against (transitive modes). */
  versionOf?: (index: number) => string | undefined;
  emptyText: string;
}) => {
  const classes = useStyles();
  if (props.differences.length === 0) {
    return <Typography variant="body2">{props.emptyText}</Typography>;
  }
  return (
    <ul className={classes.list} aria-label="Differences">
      {props.differences.map((d, i) => {
        const against =
          d.against !== undefined ? props.versionOf?.(d.against) : undefined;
        return (
          <li key={`${d.path}-${i}`} className={classes.item}>
            <Typography
              variant="body2"
              component="span"
              className={classes.path}
            >
              {d.path || '/'}
            </Typography>
            <BreakChips difference={d} />
            <Typography variant="body2">
              {d.change}
              {against ? ` (against version ${against})` : ''}
            </Typography>
          </li>
        );
      })}
    </ul>
  );
};

/**
 * The checker's verdict on a candidate version: compatible or not under
 * which rule, the summary, and each difference explained.
 */
export const CompatibilityReportView = (props: {
  result: SchemaValidateResponse;
  /** Version names, oldest first, to say which one a difference is against. */
  versions?: string[];
}) => {
  const { report, ruleSource, envelopeProblems } = props.result;
  const classes = useStyles();
  const colors = useAccessibleColors();
  const breaking = report.differences.filter(d => d.breaking);
  const other = report.differences.filter(d => !d.breaking);
  let source = `the ${ruleSource} rule`;
  if (ruleSource === 'request') source = 'the mode you chose';
  if (ruleSource === 'none') source = 'no rule';
  return (
    <Box role="status" aria-live="polite">
      <div className={classes.verdict}>
        {report.compatible ? (
          <CheckCircleIcon style={{ color: '#1b7b3a' }} aria-hidden />
        ) : (
          <ErrorIcon color="error" aria-hidden />
        )}
        <Typography variant="subtitle2" component="p">
          {report.compatible
            ? `Compatible under ${report.mode} (${source})`
            : `Not compatible under ${report.mode} (${source})`}
        </Typography>
      </div>
      <Typography variant="body2" paragraph>
        {report.summary}
      </Typography>
      {envelopeProblems.length > 0 && (
        <>
          <Typography
            variant="subtitle2"
            component="p"
            className={colors.errorText}
          >
            Not a valid CloudEvents envelope:
          </Typography>
          <ul className={classes.list}>
            {envelopeProblems.map(p => (
              <li key={p}>
                <Typography variant="body2">{p}</Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      {breaking.length > 0 && (
        <>
          <Typography variant="subtitle2" component="p">
            Breaking changes
          </Typography>
          <DifferenceList
            differences={breaking}
            versionOf={i => props.versions?.[i - 1]}
            emptyText=""
          />
        </>
      )}
      {other.length > 0 && (
        <>
          <Typography variant="subtitle2" component="p">
            Other changes
          </Typography>
          <DifferenceList
            differences={other}
            versionOf={i => props.versions?.[i - 1]}
            emptyText=""
          />
        </>
      )}
    </Box>
  );
};
