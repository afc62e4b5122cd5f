import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import type { ResolvedLink } from '../../lib/links';
import { neutralOutlinedButtonSx } from '../../lib/styles';

/**
 * Buttons to the cluster's external tools (Grafana, Kafka UI) for one
 * resource, named "Open in Grafana" and so on; nothing without links.
 */
export const LinkButtons = (props: { links: ResolvedLink[] }) => {
  if (props.links.length === 0) return null;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {props.links.map(link => (
        <Button
          color="inherit"
          sx={neutralOutlinedButtonSx}
          key={link.title}
          variant="outlined"
          size="small"
          href={link.url}
          target="_blank"
          rel="noopener noreferrer"
          endIcon={<OpenInNewIcon fontSize="small" />}
        >
          Open in {link.title}
        </Button>
      ))}
    </Box>
  );
};
