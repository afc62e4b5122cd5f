/** Why each kind of request needs a person, and what would make it self-service. */
import {
  ApprovalEvidence,
  ApprovalKind,
} from '@eventport/plugin-event-streaming-common';

/** Why each kind needs a person, and what the requester could do at once. */
export const APPROVAL_POLICY: Record<ApprovalKind, ApprovalEvidence['policy']> =
  {
    'topic.delete': {
      why: 'Deleting a topic deletes its messages for every reader, and cannot be undone: a platform approver decides every deletion.',
      selfService:
        'Nothing: deletion always takes an approval. Shortening the retention (within the environment limits) is self-service.',
    },
    'schema.override': {
      why: "The version breaks the artifact's compatibility rule: readers of the topic may fail on records written with it.",
      selfService:
        'A version that is compatible under the rule registers at once, without an approval.',
    },
    'schema.rule': {
      why: 'A weaker compatibility rule lets later versions break the topic’s readers.',
      selfService: 'A stricter rule applies at once, without an approval.',
    },
    'schema.delete': {
      why: 'Records written with the schema cannot be read without it.',
      selfService:
        'Deprecating the artifact or disabling a version is self-service for its owners.',
    },
    'connector.create': {
      why: 'A connector runs code on the shared Connect workers with its owner’s rights on topics, files and secrets.',
      selfService:
        'Nothing for a new connector. Pausing, resuming, stopping and restarting an owned connector are self-service.',
    },
    'connector.update': {
      why: 'A config change can make a connector read or write other topics, files or secrets.',
      selfService:
        'Pausing, resuming, stopping and restarting an owned connector are self-service.',
    },
    'connector.delete': {
      why: 'Deleting a connector stops what it moves; its offsets cannot be restored by Eventport.',
      selfService: 'Stopping or pausing an owned connector is self-service.',
    },
    'cdc.deploy': {
      why: 'A CDC pipeline copies a database’s rows, personal data included, into Kafka: the security reviewers decide every pipeline.',
      selfService: 'Nothing: every pipeline is reviewed.',
    },
    'cdc.change': {
      why: 'A change alters which tables and columns of a database reach Kafka: the security reviewers decide it as they decided the pipeline.',
      selfService: 'Pausing and resuming the pipeline are self-service.',
    },
    'cdc.decommission': {
      why: 'Decommissioning drops a replication slot and a publication on a source database and may delete topics and schemas.',
      selfService: 'Pausing and resuming the pipeline are self-service.',
    },
  };
