import type {
  SchemaDiffResponse,
  SchemaValidateResponse,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import { breakingChipSx, errorTextSx } from '../../lib/styles';

type Difference = SchemaDiffResponse['differences'][number] & {
  breaking?: boolean;
  against?: number;
};

const listSx = { margin: 0, paddingLeft: 2.5 } as const;
const chipsSx = { display: 'inline-flex', gap: 0.5, flexWrap: 'wrap' } as const;

/** The chips that say which directions a difference breaks. */
export const BreakChips = (props: { difference: Difference }) => {
  const { difference: d } = props;
  const chip = d.breaking === false ? undefined : breakingChipSx;
  if (!d.breaksBackward && !d.breaksForward) {
    return (
      <Box component="span" sx={chipsSx}>
        <Chip size="small" variant="outlined" label="compatible" />
      </Box>
    );
  }
  return (
    <Box component="span" sx={chipsSx}>
      {d.breaksBackward && (
        <Chip size="small" sx={chip} label="breaks backward" />
      )}
      {d.breaksForward && (
        <Chip size="small" sx={chip} label="breaks forward" />
      )}
    </Box>
  );
};

/** A list of differences, each with its path, words and what it breaks. */
export const DifferenceList = (props: {
  differences: Difference[];
  /** Names the version a difference was found against (transitive modes). */
  versionOf?: (index: number) => string | undefined;
  emptyText: string;
}) => {
  if (props.differences.length === 0) {
    return <Typography variant="body2">{props.emptyText}</Typography>;
  }
  return (
    <Box component="ul" sx={listSx} aria-label="Differences">
      {props.differences.map((d, i) => {
        const against =
          d.against !== undefined ? props.versionOf?.(d.against) : undefined;
        return (
          <Box component="li" key={`${d.path}-${i}`} sx={{ marginBottom: 1 }}>
            <Typography
              variant="body2"
              component="span"
              sx={{
                fontFamily: 'monospace',
                fontWeight: 'bold',
                marginRight: 1,
              }}
            >
              {d.path || '/'}
            </Typography>
            <BreakChips difference={d} />
            <Typography variant="body2">
              {d.change}
              {against ? ` (against version ${against})` : ''}
            </Typography>
          </Box>
        );
      })}
    </Box>
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
  const breaking = report.differences.filter(d => d.breaking);
  const other = report.differences.filter(d => !d.breaking);
  let source = `the ${ruleSource} rule`;
  if (ruleSource === 'request') source = 'the mode you chose';
  if (ruleSource === 'none') source = 'no rule';
  return (
    <Box role="status" aria-live="polite">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
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
      </Box>
      <Typography variant="body2" paragraph>
        {report.summary}
      </Typography>
      {envelopeProblems.length > 0 && (
        <>
          <Typography variant="subtitle2" component="p" sx={errorTextSx}>
            Not a valid CloudEvents envelope:
          </Typography>
          <Box component="ul" sx={listSx}>
            {envelopeProblems.map(p => (
              <li key={p}>
                <Typography variant="body2">{p}</Typography>
              </li>
            ))}
          </Box>
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
