import type { CdcPreflightCheck } from '@eventport/plugin-event-streaming-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import { useAccessibleColors } from '../../lib/styles';

/**
 * The pre-flight checks, each with pass or fail in words (not colour
 * alone), what was observed, and for a failure the exact fix.
 */
export const PreflightList = (props: { checks: CdcPreflightCheck[] }) => {
  const colors = useAccessibleColors();
  const failed = props.checks.filter(c => !c.passed).length;
  return (
    <section aria-label="Pre-flight checks">
      <Typography variant="body2" gutterBottom>
        {failed === 0
          ? `All ${props.checks.length} pre-flight checks pass.`
          : `${failed} of ${props.checks.length} pre-flight checks fail: Debezium cannot capture until they pass.`}
      </Typography>
      <ul style={{ listStyle: 'none', paddingLeft: 0, margin: 0 }}>
        {props.checks.map(check => (
          <li key={check.id}>
            <Box display="flex" alignItems="flex-start" mb={1}>
              {check.passed ? (
                <CheckCircleIcon
                  fontSize="small"
                  style={{ color: '#1b6e20' }}
                  aria-hidden
                />
              ) : (
                <ErrorIcon
                  fontSize="small"
                  className={colors.errorText}
                  aria-hidden
                />
              )}
              <Box ml={1}>
                <Typography variant="body2">
                  <strong>{check.passed ? 'Pass' : 'Fail'}:</strong>{' '}
                  {check.title} <span>({check.detail})</span>
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
