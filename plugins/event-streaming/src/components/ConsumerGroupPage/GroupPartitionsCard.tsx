import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { PartitionLag } from '@eventport/plugin-event-streaming-common';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import {
  formatCatchUp,
  formatCount,
  formatTimeLag,
} from '../../lib/monitoring';
import { topicRouteRef } from '../../routes';
import { tableHeadSx } from '../../lib/styles';
import { ScrollingTable } from '../ScrollingTable';

const PAGE_SIZE = 25;

/** Offsets are int64 strings; group their digits without losing any. */
function formatOffset(offset: string | null): string {
  if (offset === null) return 'none';
  return /^\d+$/.test(offset)
    ? offset.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    : offset;
}

/**
 * A group's lag on every partition it has committed offsets on, largest
 * lag first: offsets, lag, time lag, when it catches up, and the member
 * the partition is assigned to.
 */
export const GroupPartitionsCard = (props: {
  cluster: string;
  group: string;
  partitions: PartitionLag[];
}) => {
  const { cluster, group } = props;
  const topicRoute = useRouteRef(topicRouteRef);
  const [page, setPage] = useState(0);
  const sorted = [...props.partitions].sort(
    (a, b) =>
      b.lag - a.lag ||
      a.topic.localeCompare(b.topic) ||
      a.partition - b.partition,
  );
  const paged = sorted.length > PAGE_SIZE;
  const rows = paged
    ? sorted.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
    : sorted;
  const right = { align: 'right' as const };

  return (
    <InfoCard
      title="Lag per partition"
      subheader={`${formatCount(sorted.length)} ${
        sorted.length === 1 ? 'partition' : 'partitions'
      }, largest lag first`}
      noPadding={sorted.length > 0}
    >
      {sorted.length === 0 ? (
        <Typography variant="body2">
          The group has committed no offsets.
        </Typography>
      ) : (
        <>
          <ScrollingTable
            size="small"
            aria-label={`Lag per partition of ${group}`}
          >
            <TableHead sx={tableHeadSx}>
              <TableRow>
                <TableCell scope="col">Topic</TableCell>
                <TableCell scope="col" {...right}>
                  Partition
                </TableCell>
                <TableCell scope="col" {...right}>
                  Committed
                </TableCell>
                <TableCell scope="col" {...right}>
                  End
                </TableCell>
                <TableCell scope="col" {...right}>
                  Lag
                </TableCell>
                <TableCell scope="col" {...right}>
                  Time lag
                </TableCell>
                <TableCell scope="col">Caught up</TableCell>
                <TableCell scope="col">Member / client</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(p => (
                <TableRow key={`${p.topic}|${p.partition}`}>
                  <TableCell>
                    <Link to={topicRoute({ cluster, topic: p.topic })}>
                      {p.topic}
                    </Link>
                  </TableCell>
                  <TableCell {...right}>{p.partition}</TableCell>
                  <TableCell {...right}>
                    {formatOffset(p.committedOffset)}
                  </TableCell>
                  <TableCell {...right}>{formatOffset(p.endOffset)}</TableCell>
                  <TableCell {...right}>{formatCount(p.lag)}</TableCell>
                  <TableCell {...right}>
                    {formatTimeLag(p.timeLagMs, p.timeLagAtLeast)}
                  </TableCell>
                  <TableCell>{formatCatchUp(p.catchUp)}</TableCell>
                  <TableCell>
                    {p.memberId ? (
                      <span title={p.memberId}>{p.clientId ?? p.memberId}</span>
                    ) : (
                      'unassigned'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollingTable>
          {paged && (
            <TablePagination
              component="div"
              count={sorted.length}
              page={page}
              rowsPerPage={PAGE_SIZE}
              rowsPerPageOptions={[PAGE_SIZE]}
              onPageChange={(_, next) => setPage(next)}
            />
          )}
        </>
      )}
    </InfoCard>
  );
};
