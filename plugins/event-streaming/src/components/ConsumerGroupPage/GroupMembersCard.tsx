import { InfoCard } from '@backstage/core-components';
import type { GroupMember } from '@eventport/plugin-event-streaming-common';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { tableHeadSx } from '../../lib/styles';
import { ScrollingTable } from '../ScrollingTable';

/** `team-a.orders: 0, 1; team-a.refunds: 2`, or `none`. */
function assignments(member: GroupMember): string {
  if (member.assignments.length === 0) return 'none';
  return member.assignments
    .map(a => `${a.topic}: ${a.partitions.join(', ')}`)
    .join('; ');
}

/** The group's members: ids, hosts and the partitions assigned to each. */
export const GroupMembersCard = (props: {
  group: string;
  members: GroupMember[];
}) => {
  const { group, members } = props;
  return (
    <InfoCard
      title="Members"
      subheader={`${members.length} ${
        members.length === 1 ? 'member' : 'members'
      }`}
      noPadding={members.length > 0}
    >
      {members.length === 0 ? (
        <Typography variant="body2">
          No consumer is connected to the group.
        </Typography>
      ) : (
        <ScrollingTable size="small" aria-label={`Members of ${group}`}>
          <TableHead sx={tableHeadSx}>
            <TableRow>
              <TableCell scope="col">Member id</TableCell>
              <TableCell scope="col">Client id</TableCell>
              <TableCell scope="col">Host</TableCell>
              <TableCell scope="col">Assignments</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {members.map(m => (
              <TableRow key={m.memberId}>
                <TableCell component="th" scope="row">
                  {m.memberId}
                </TableCell>
                <TableCell>{m.clientId}</TableCell>
                <TableCell>{m.host}</TableCell>
                <TableCell>{assignments(m)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollingTable>
      )}
    </InfoCard>
  );
};
