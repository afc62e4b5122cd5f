import type { CdcManifest } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** The generated Strimzi manifests, each under its path. */
export const ManifestList = (props: {
  manifests: CdcManifest[];
  folder?: string;
}) => (
  <section aria-label="Strimzi manifests">
    {props.manifests.map(manifest => (
      <Box key={manifest.path} mb={2}>
        <Typography variant="subtitle2" component="h3">
          {props.folder ? `${props.folder}/` : ''}
          {manifest.path}{' '}
          <Typography variant="caption" component="span">
            ({manifest.kind})
          </Typography>
        </Typography>
        <Box
          component="pre"
          tabIndex={0}
          aria-label={`Manifest ${manifest.path}`}
          p={1}
          m={0}
          bgcolor="action.hover"
          style={{ overflowX: 'auto', fontSize: 12 }}
        >
          <code>{manifest.content}</code>
        </Box>
      </Box>
    ))}
  </section>
);
