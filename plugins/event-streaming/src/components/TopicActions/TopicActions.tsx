import { InfoCard } from '@backstage/core-components';
import {
  approvalSubjects,
  type ClusterInfo,
  type TopicDetail,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { AddPartitionsDialog } from '../AddPartitionsDialog';
import { DeleteTopicDialog } from '../DeleteTopicDialog';
import { EditRetentionDialog } from '../EditRetentionDialog';
import { OpenRequestsBanner, useOpenRequests } from '../OpenRequests';
import { neutralOutlinedButtonSx } from '../../lib/styles';

export interface TopicActionsProps {
  topic: TopicDetail;
  cluster?: ClusterInfo;
  onUpdated: (topic: TopicDetail) => void;
}

type OpenDialog = 'partitions' | 'retention' | 'delete' | undefined;

function whyReadOnly(topic: TopicDetail): string {
  if (topic.internal)
    return 'This is an internal Kafka topic; it cannot be changed here.';
  if (!topic.owner) {
    return 'This topic is in no namespace, so nobody can change it through Eventport.';
  }
  return `Only members of ${topic.owner}, which owns this topic, can change it.`;
}

/** Add partitions, change retention and ask for deletion of one topic. */
export const TopicActions = (props: TopicActionsProps) => {
  const { topic, cluster } = props;
  const [open, setOpen] = useState<OpenDialog>();
  const close = () => setOpen(undefined);
  const editable = topic.canEdit && !!cluster;
  // From the server: a reload, or a teammate, sees the open deletion too.
  const openRequests = useOpenRequests(
    cluster ? approvalSubjects.topic(cluster.name, topic.name) : undefined,
  );
  const deletion = openRequests.requests.find(r => r.kind === 'topic.delete');

  return (
    <InfoCard title="Actions">
      {!topic.canEdit && (
        <Typography variant="body2" paragraph>
          {whyReadOnly(topic)}
        </Typography>
      )}
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        <Button
          color="inherit"
          sx={neutralOutlinedButtonSx}
          variant="outlined"
          disabled={!editable}
          onClick={() => setOpen('partitions')}
        >
          Add partitions
        </Button>
        <Button
          color="inherit"
          sx={neutralOutlinedButtonSx}
          variant="outlined"
          disabled={!editable}
          onClick={() => setOpen('retention')}
        >
          Change retention
        </Button>
        <Button
          color="inherit"
          sx={neutralOutlinedButtonSx}
          variant="outlined"
          disabled={!topic.canEdit || !!deletion}
          onClick={() => setOpen('delete')}
        >
          Delete topic
        </Button>
      </Box>
      {cluster && (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 16 }}
        >
          Limits in {cluster.environment}: at most{' '}
          {cluster.limits.maxPartitions} partitions. Deleting a topic needs an
          approver&apos;s decision.
        </Typography>
      )}
      <Box mt={2}>
        <OpenRequestsBanner
          requests={openRequests.requests}
          error={openRequests.error}
          onChanged={openRequests.retry}
        />
        {deletion && (
          <Typography variant="body2" color="textSecondary">
            The topic stays until an approver approves its deletion.
          </Typography>
        )}
      </Box>
      {open === 'partitions' && cluster && (
        <AddPartitionsDialog
          open
          topic={topic}
          maxPartitions={cluster.limits.maxPartitions}
          onClose={close}
          onUpdated={updated => {
            close();
            props.onUpdated(updated);
          }}
        />
      )}
      {open === 'retention' && cluster && (
        <EditRetentionDialog
          open
          topic={topic}
          limits={cluster.limits}
          onClose={close}
          onUpdated={updated => {
            close();
            props.onUpdated(updated);
          }}
        />
      )}
      {open === 'delete' && (
        <DeleteTopicDialog
          open
          topic={topic}
          onClose={close}
          onRequested={() => {
            close();
            openRequests.retry();
          }}
        />
      )}
    </InfoCard>
  );
};
