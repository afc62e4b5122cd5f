import type { CdcPreflightCheck } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import { errorTextSx, warningTextSx } from '../../lib/styles';

const isWarning = (c: CdcPreflightCheck) =>
  !c.passed && c.severity === 'warning';

function verdictOf(c: CdcPreflightCheck) {
  if (c.passed) return 'Pass';
  return isWarning(c) ? 'Warning' : 'Fail';
}

/** The summary line: failures stop Debezium, warnings are advice. */
function summary(checks: CdcPreflightCheck[]) {
  const required = checks.filter(c => c.severity !== 'warning');
  const failed = required.filter(c => !c.passed).length;
  const warnings = checks.filter(isWarning).length;
  const advice = warnings
    ? ` ${warnings} ${
        warnings === 1 ? 'warning' : 'warnings'
      }: Debezium works, but the advice below is safer.`
    : '';
  return failed === 0
    ? `All ${required.length} required pre-flight checks pass.${advice}`
    : `${failed} of ${required.length} required pre-flight checks fail: Debezium cannot capture until they pass.${advice}`;
}

/**
 * The pre-flight checks, each with pass, fail or warning in words (not
 * colour alone), what was observed, and for a failure or warning the exact
 * fix.
 */
export const PreflightList = (props: { checks: CdcPreflightCheck[] }) => {
  return (
    <section aria-label="Pre-flight checks">
      <Typography variant="body2" gutterBottom>
        {summary(props.checks)}
      </Typography>
      <ul style={{ listStyle: 'none', paddingLeft: 0, margin: 0 }}>
        {props.checks.map(check => (
          <li key={check.id}>
            <Box display="flex" alignItems="flex-start" mb={1}>
              {check.passed && (
                <CheckCircleIcon
                  fontSize="small"
                  style={{ color: '#1b6e20' }}
                  aria-hidden
                />
              )}
              {isWarning(check) && (
                <WarningIcon fontSize="small" sx={warningTextSx} aria-hidden />
              )}
              {!check.passed && !isWarning(check) && (
                <ErrorIcon fontSize="small" sx={errorTextSx} aria-hidden />
              )}
              <Box ml={1}>
                <Typography variant="body2">
                  <strong>{verdictOf(check)}:</strong> {check.title}{' '}
                  <span>({check.detail})</span>
                </Typography>
                {check.fix && (
                  <Box
                    component="pre"
                    m={0}
                    mt={0.5}
                    p={1}
                    bgcolor="action.hover"
                    style={{ whiteSpace: 'pre-wrap' }}
                  >
                    <Typography variant="caption" component="code">
                      {check.fix}
                    </Typography>
                  </Box>
                )}
              </Box>
            </Box>
          </li>
        ))}
      </ul>
    </section>
  );
};
