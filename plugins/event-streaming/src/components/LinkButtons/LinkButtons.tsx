import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type { ResolvedLink } from '../../lib/links';

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
