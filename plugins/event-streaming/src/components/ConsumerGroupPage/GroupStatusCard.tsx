import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import type { ConsumerGroupDetail } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { titledLinks } from '../../lib/links';
import {
  formatCatchUp,
  formatRate,
  formatTimeLag,
  formatWindow,
  groupStateLabel,
  plural,
} from '../../lib/monitoring';
import { formatTime } from '../../lib/refs';
import { LagStatusChip } from '../LagStatusChip';
import { LinkButtons } from '../LinkButtons';

/** Whether the largest time lag is only known as a lower bound. */
function maxTimeLagIsAtLeast(group: ConsumerGroupDetail): boolean {
  return group.partitions.some(
    p => p.timeLagAtLeast && p.timeLagMs === group.maxTimeLagMs,
  );
}

/**
 * How a group is doing: status and why, total and time lag, when it
 * catches up at current rates, the rates, and links to external tools.
 */
export const GroupStatusCard = (props: { group: ConsumerGroupDetail }) => {
  const { group } = props;
  const metadata: Record<string, unknown> = {
    status: (
      <Box>
        <LagStatusChip status={group.status} />
        <Typography variant="body2" component="p" style={{ marginTop: 4 }}>
          {group.statusReason}
        </Typography>
      </Box>
    ),
    'Kafka state': groupStateLabel(group.state),
    'total lag': plural(group.totalLag, 'message'),
    'max time lag': formatTimeLag(
      group.maxTimeLagMs,
      maxTimeLagIsAtLeast(group),
    ),
    'caught up': formatCatchUp(group.catchUp),
    'consume rate': formatRate(group.consumeRate),
    'produce rate': formatRate(group.produceRate),
    members: plural(group.members.length, 'member'),
    sampled: group.sampledAt ? formatTime(group.sampledAt) : 'not yet',
  };
  return (
    <InfoCard
      title="Status"
      subheader={`Rates and status over ${formatWindow(group.windowMs)}`}
    >
      <StructuredMetadataTable metadata={metadata} />
      <Box mt={2}>
        <LinkButtons links={titledLinks(group.links)} />
      </Box>
    </InfoCard>
  );
};
