import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  AlertInstance,
  AlertRule,
  AlertTarget,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { usePollTick } from '../../hooks/usePollTick';
import {
  describeAlertRule,
  formatHeldFor,
  SEVERITY_LABELS,
} from '../../lib/monitoring';
import { formatTime } from '../../lib/refs';
import {
  ALERT_STATE_COLORS,
  tableHeadSx,
  neutralOutlinedButtonSx,
  WRAPPING_HEADER,
} from '../../lib/styles';
import { ActionDialog } from '../ActionDialog';
import { ErrorAlert } from '../ErrorAlert';
import { AlertRuleDialog, targetWords } from './AlertRuleDialog';
import { ScrollingTable } from '../ScrollingTable';

export interface AlertRulesCardProps {
  cluster: string;
  /** The group or topic whose rules the card lists and creates. */
  target: AlertTarget;
  /** Whether the caller may create rules for the target. */
  canCreate: boolean;
}

/** How often the card reloads the rules, so that states change on screen. */
export const ALERT_RULES_POLL_MS = 15_000;

const STATE_LABELS: Record<AlertInstance['state'], string> = {
  ok: 'OK',
  pending: 'Pending',
  firing: 'Firing',
};

const sameTarget = (a: AlertTarget, b: AlertTarget) =>
  a.type === 'group' && b.type === 'group'
    ? a.group === b.group
    : a.type === 'topic' && b.type === 'topic' && a.topic === b.topic;

/** A rule's state for each group it watches, with since when. */
const InstanceStates = (props: { rule: AlertRule; showGroup: boolean }) => {
  const { rule } = props;
  if (!rule.enabled) return <>disabled</>;
  if (rule.instances.length === 0) return <>not evaluated yet</>;
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {rule.instances.map(i => {
        const colors = ALERT_STATE_COLORS[i.state];
        return (
          <li key={i.groupId}>
            {props.showGroup && `${i.groupId}: `}
            <Chip
              size="small"
              label={STATE_LABELS[i.state]}
              style={{ backgroundColor: colors.background, color: colors.text }}
              data-state={i.state}
            />
            {i.since && i.state !== 'ok' && ` since ${formatTime(i.since)}`}
          </li>
        );
      })}
    </Box>
  );
};

/**
 * The lag alert rules of a consumer group or a topic: what each watches,
 * how long it must hold, its severity and its state per group, with
 * creating, editing and (confirmed) deleting for those allowed.
 */
export const AlertRulesCard = (props: AlertRulesCardProps) => {
  const { cluster, target, canCreate } = props;
  const api = useApi(eventStreamingApiRef);
  const name = target.type === 'group' ? target.group : target.topic;
  const tick = usePollTick(ALERT_RULES_POLL_MS);
  const loaded = useAsyncRetry(
    () =>
      api.listAlertRules(
        cluster,
        target.type === 'group' ? { group: name } : { topic: name },
      ),
    [api, cluster, target.type, name, tick],
  );
  // A reload keeps the last answer on screen; another target starts over.
  const key = `${cluster}\u0000${target.type}\u0000${name}`;
  const [last, setLast] = useState<{
    key: string;
    value: typeof loaded.value;
  }>();
  useEffect(() => {
    if (loaded.value) setLast({ key, value: loaded.value });
  }, [loaded.value, key]);
  const rules = {
    retry: loaded.retry,
    error: loaded.error,
    value: loaded.value ?? (last?.key === key ? last.value : undefined),
  };
  const [editing, setEditing] = useState<AlertRule | 'new'>();
  const [deleting, setDeleting] = useState<AlertRule>();
  const [notice, setNotice] = useState<string>();

  const saved = (rule: AlertRule, verb: string) => {
    setEditing(undefined);
    setNotice(`${verb} the alert rule "${describeAlertRule(rule)}".`);
    rules.retry();
  };

  let body;
  if (rules.error && !rules.value) {
    body = (
      <ErrorAlert error={rules.error} title="Could not load the alert rules" />
    );
  } else if (!rules.value) {
    body = <Progress aria-label="Loading alert rules" />;
  } else if (rules.value.items.length === 0) {
    body = (
      <Typography variant="body2">
        No alert rules for {name}.
        {canCreate && ' Add one to be notified when it falls behind.'}
      </Typography>
    );
  } else {
    body = (
      <ScrollingTable size="small" aria-label={`Alert rules of ${name}`}>
        <TableHead sx={tableHeadSx}>
          <TableRow>
            <TableCell scope="col">Rule</TableCell>
            <TableCell scope="col">Held for</TableCell>
            <TableCell scope="col">Severity</TableCell>
            <TableCell scope="col">State</TableCell>
            <TableCell scope="col">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.value.items.map(rule => {
            const description = describeAlertRule(rule);
            return (
              <TableRow key={rule.id}>
                <TableCell component="th" scope="row">
                  {description}
                  {!sameTarget(rule.target, target) && (
                    <Typography variant="caption" display="block">
                      Watches {targetWords(rule.target)}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{formatHeldFor(rule.forSeconds)}</TableCell>
                <TableCell>{SEVERITY_LABELS[rule.severity]}</TableCell>
                <TableCell>
                  <InstanceStates
                    rule={rule}
                    showGroup={rule.target.type === 'topic'}
                  />
                </TableCell>
                <TableCell>
                  {rule.canEdit ? (
                    <Box display="flex" style={{ gap: 8 }}>
                      <Button
                        color="inherit"
                        sx={neutralOutlinedButtonSx}
                        size="small"
                        variant="outlined"
                        aria-label={`Edit rule "${description}"`}
                        onClick={() => setEditing(rule)}
                      >
                        Edit
                      </Button>
                      <Button
                        color="inherit"
                        sx={neutralOutlinedButtonSx}
                        size="small"
                        variant="outlined"
                        aria-label={`Delete rule "${description}"`}
                        onClick={() => setDeleting(rule)}
                      >
                        Delete
                      </Button>
                    </Box>
                  ) : (
                    '—'
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </ScrollingTable>
    );
  }

  return (
    <InfoCard
      title="Alert rules"
      subheader={
        target.type === 'group'
          ? `Notify the owners when ${name} falls behind`
          : `Notify the owners when a group reading ${name} falls behind`
      }
      headerStyle={WRAPPING_HEADER}
      action={
        canCreate && (
          <Button
            variant="outlined"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => {
              setNotice(undefined);
              setEditing('new');
            }}
          >
            New alert rule
          </Button>
        )
      }
    >
      {notice && (
        <Typography variant="body2" role="status" gutterBottom>
          {notice}
        </Typography>
      )}
      {rules.error && rules.value && (
        <ErrorAlert
          error={rules.error}
          title="Could not refresh the alert rules; showing the last answer"
        />
      )}
      {body}
      {editing && (
        <AlertRuleDialog
          cluster={cluster}
          target={editing === 'new' ? target : editing.target}
          rule={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={rule => saved(rule, editing === 'new' ? 'Created' : 'Saved')}
        />
      )}
      {deleting && (
        <ActionDialog
          open
          title={`Delete the alert rule "${describeAlertRule(deleting)}"?`}
          confirmLabel="Delete rule"
          destructive
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            await api.deleteAlertRule(cluster, deleting.id);
            setDeleting(undefined);
            setNotice(
              `Deleted the alert rule "${describeAlertRule(deleting)}".`,
            );
            rules.retry();
          }}
        >
          <Typography variant="body2">
            Nobody is notified by this rule any more, for{' '}
            {targetWords(deleting.target)}. This cannot be undone.
          </Typography>
        </ActionDialog>
      )}
    </InfoCard>
  );
};
