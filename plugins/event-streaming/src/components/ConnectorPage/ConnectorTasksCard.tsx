import { InfoCard } from '@backstage/core-components';
import type {
  ConnectorDetail,
  ConnectorTask,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Fragment, useState } from 'react';
import { traceHeadline } from '../../lib/connectors';
import { ConnectorStateChip } from '../ConnectorStateChip';
import { BreakableName } from '../BreakableName';
import { DisabledReason } from './DisabledReason';
import { Trace } from './Trace';
import { neutralOutlinedButtonSx, visuallyHiddenSx } from '../../lib/styles';
import { ScrollingTable } from '../ScrollingTable';

export interface ConnectorTasksCardProps {
  connector: ConnectorDetail;
  /** The task being restarted, if any. */
  busyTask?: number;
  onRestartTask: (task: ConnectorTask) => void;
}

/**
 * A connector's tasks: state, worker, a restart button for owners, and the
 * trace of a failed task, expanded on demand.
 */
export const ConnectorTasksCard = (props: ConnectorTasksCardProps) => {
  const { connector, busyTask } = props;
  const [open, setOpen] = useState<Record<number, boolean>>({});
  const tasks = connector.taskDetails;
  const traceId = (task: ConnectorTask) => `connector-task-${task.id}-trace`;

  return (
    <InfoCard
      title="Tasks"
      subheader={`${tasks.length} ${tasks.length === 1 ? 'task' : 'tasks'}`}
      noPadding={tasks.length > 0}
    >
      {tasks.length === 0 ? (
        <Typography variant="body2">
          No tasks: Connect starts them once the connector runs.
        </Typography>
      ) : (
        <ScrollingTable size="small" aria-label={`Tasks of ${connector.name}`}>
          <TableHead>
            <TableRow>
              <TableCell scope="col">Task</TableCell>
              <TableCell scope="col">State</TableCell>
              <TableCell scope="col">Worker</TableCell>
              <TableCell scope="col">Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {tasks.map(task => {
              const expanded = !!open[task.id];
              return (
                <Fragment key={task.id}>
                  <TableRow>
                    <TableCell component="th" scope="row">
                      {task.id}
                    </TableCell>
                    <TableCell>
                      <ConnectorStateChip state={task.state} />
                    </TableCell>
                    <TableCell>{task.workerId ?? '—'}</TableCell>
                    <TableCell>
                      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
                        {task.trace && (
                          <Button
                            color="inherit"
                            size="small"
                            aria-expanded={expanded}
                            aria-controls={traceId(task)}
                            startIcon={
                              expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />
                            }
                            onClick={() =>
                              setOpen(o => ({ ...o, [task.id]: !expanded }))
                            }
                          >
                            {expanded ? 'Hide trace' : 'Show trace'}{' '}
                            {/* Named by its text, not aria-label, so that
                                the trace alone is labelled "Trace of task N". */}
                            <Box component="span" sx={visuallyHiddenSx}>
                              of task {task.id}
                            </Box>
                          </Button>
                        )}
                        <DisabledReason reason={connector.operateReason}>
                          <Button
                            color="inherit"
                            sx={neutralOutlinedButtonSx}
                            size="small"
                            variant="outlined"
                            disabled={
                              !connector.canOperate || busyTask !== undefined
                            }
                            aria-label={`Restart task ${task.id}`}
                            onClick={() => props.onRestartTask(task)}
                          >
                            Restart task
                          </Button>
                        </DisabledReason>
                      </Box>
                    </TableCell>
                  </TableRow>
                  {task.trace && (
                    <TableRow>
                      <TableCell colSpan={4}>
                        {/* The trace's first line is the cause: readable
                            without opening the trace, wrapped at its spaces
                            and separators at any width. */}
                        <Typography variant="body2">
                          <strong>Cause of task {task.id}:</strong>{' '}
                          <BreakableName name={traceHeadline(task.trace)} />
                        </Typography>
                      </TableCell>
                    </TableRow>
                  )}
                  {task.trace && expanded && (
                    <TableRow>
                      <TableCell colSpan={4}>
                        <Trace
                          id={traceId(task)}
                          label={`Trace of task ${task.id}`}
                          text={task.trace}
                        />
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              );
            })}
          </TableBody>
        </ScrollingTable>
      )}
    </InfoCard>
  );
};
