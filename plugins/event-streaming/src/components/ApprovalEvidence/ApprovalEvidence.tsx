import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ApprovalEvidence,
  ApprovalRequest,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { formatTime } from '../../lib/refs';
import { ErrorAlert } from '../ErrorAlert';

/** The evidence's facts and policy, as stored or as read now. */
export const EvidenceView = (props: {
  evidence: ApprovalEvidence;
  /** Says when the facts were read, e.g. "Read just now". */
  when: string;
}) => {
  const { evidence } = props;
  return (
    <section aria-label="Evidence">
      <Typography variant="subtitle1" component="h3">
        Evidence
      </Typography>
      <Typography variant="caption" color="textSecondary" display="block">
        {props.when} ({formatTime(evidence.computedAt)})
      </Typography>
      <Typography variant="body2">
        <strong>Why it needs approval:</strong> {evidence.policy.why}
      </Typography>
      <Typography variant="body2" gutterBottom>
        <strong>Self-service instead:</strong> {evidence.policy.selfService}
      </Typography>
      {evidence.sections.map(section => (
        <Box key={section.id} mt={1}>
          <Typography variant="subtitle2" component="h4">
            {section.title}
          </Typography>
          {section.problem && (
            <Typography variant="body2" color="textSecondary">
              Could not be read: {section.problem}
            </Typography>
          )}
          {!section.problem && section.items.length === 0 && (
            <Typography variant="body2">{section.empty}</Typography>
          )}
          {section.items.length > 0 && (
            <ul
              aria-label={section.title}
              style={{ margin: 0, overflowWrap: 'anywhere' }}
            >
              {section.items.map((item, i) => (
                <li key={`${i}:${item.label}`}>
                  <Typography variant="body2" component="span">
                    <strong>{item.label}</strong>
                    {item.detail ? `: ${item.detail}` : ''}
                  </Typography>
                </li>
              ))}
            </ul>
          )}
        </Box>
      ))}
    </section>
  );
};

/**
 * The evidence of a request as it is now, read when the approver opens it;
 * the evidence stored with the request while it loads or when it cannot be
 * read.
 */
export const FreshEvidence = (props: { request: ApprovalRequest }) => {
  const { request } = props;
  const api = useApi(eventStreamingApiRef);
  const fresh = useAsync(
    () => api.getApprovalEvidence(request.id),
    [api, request.id],
  );
  const stored = request.evidence ?? undefined;
  if (fresh.value) {
    return <EvidenceView evidence={fresh.value} when="Read just now" />;
  }
  return (
    <>
      {fresh.loading && <Progress aria-label="Reading the evidence" />}
      {fresh.error && (
        <ErrorAlert
          title="The evidence could not be read again; this is how it was when the request was made"
          error={fresh.error}
        />
      )}
      {stored && (
        <EvidenceView evidence={stored} when="As when the request was made" />
      )}
    </>
  );
};
