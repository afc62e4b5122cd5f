import { EmptyState } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { CodeBlock } from '../CodeBlock';

/** Where the configuration is documented. */
const CONFIGURATION_DOCS_URL =
  'https://github.com/eventport/eventport/tree/main/plugins/event-streaming-backend#configure';

const EXAMPLE = `eventStreaming:
  clusters:
    - name: dev
      environment: dev
      brokers: [kafka-1.example.com:9092]`;

/**
 * What a platform team sees right after installing Eventport: not an error, but
 * the configuration to add and where it is documented.
 */
export const NoClustersState = () => (
  <EmptyState
    missing="content"
    title="No Kafka clusters configured"
    description="Eventport is installed. Add your Kafka clusters under eventStreaming.clusters in app-config.yaml and restart the backend; their topics then show here."
    action={
      <Box maxWidth={560}>
        <Typography variant="body2" paragraph>
          A minimal configuration:
        </Typography>
        <CodeBlock language="yaml" text={EXAMPLE} />
        <Box mt={2}>
          <Button
            variant="outlined"
            color="primary"
            href={CONFIGURATION_DOCS_URL}
            target="_blank"
            rel="noopener noreferrer"
          >
            Configuration docs
          </Button>
        </Box>
      </Box>
    }
  />
);
