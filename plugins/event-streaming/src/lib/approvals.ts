import type {
  ApprovalRequest,
  SchemaDeletePayload,
} from '@eventport/plugin-event-streaming-common';

/** How a request reads in lists and dialogs, whatever its kind. */
export interface RequestWording {
  /** "Delete topic", "Override the BACKWARD rule of schema" */
  action: string;
  /** The topic, artifact or connector. */
  subject: string;
  /** For button labels: "deleting team-a.orders". */
  gerund: string;
  /** What approving does. */
  consequence: string;
}

/** What the sampler saw read the artifact's topic, in a sentence. */
function readersOf(p: SchemaDeletePayload): string {
  if (!p.topic || !p.lastReaders) return '';
  if (p.lastReaders.length === 0) {
    return p.readersSampledSince
      ? ` No sampled consumer group read topic ${p.topic} since ${new Date(
          p.readersSampledSince,
        ).toLocaleString()}.`
      : ` Eventport keeps no consumer group samples to say who read topic ${p.topic}.`;
  }
  return ` Last read by ${p.lastReaders
    .map(r => `${r.groupId} (${new Date(r.lastSeenAt).toLocaleString()})`)
    .join(', ')}.`;
}

export function describeRequest(request: ApprovalRequest): RequestWording {
  if (request.kind === 'schema.override') {
    const p = request.payload;
    const subject = `${p.groupId}/${p.artifactId}`;
    return {
      action: `Override the ${p.mode} rule of schema`,
      subject,
      gerund: `overriding the ${p.mode} rule of ${subject}`,
      consequence: `Approving registers the requested version with the rule relaxed for that one registration; the rule is restored afterwards.`,
    };
  }
  if (request.kind === 'schema.rule') {
    const p = request.payload;
    const subject = `${p.groupId}/${p.artifactId}`;
    return {
      action: `Weaken the rule from ${p.previous} to ${p.mode} of schema`,
      subject,
      gerund: `weakening the rule of ${subject} to ${p.mode}`,
      consequence: `Approving sets the artifact's compatibility rule to ${p.mode}; versions that ${p.previous} refused can then be registered.`,
    };
  }
  if (request.kind === 'schema.delete') {
    const p = request.payload;
    const subject = `${p.groupId}/${p.artifactId}`;
    const count = p.versions.length;
    return {
      action: 'Delete schema',
      subject,
      gerund: `deleting schema ${subject}`,
      consequence: `Approving deletes the artifact and its ${count} ${
        count === 1 ? 'version' : 'versions'
      } from the registry${
        p.topic
          ? `; it is refused if topic ${p.topic} exists again by then`
          : ''
      }.${readersOf(p)}`,
    };
  }
  if (request.kind === 'connector.create') {
    const p = request.payload;
    return {
      action: 'Create connector',
      subject: p.name,
      gerund: `creating connector ${p.name}`,
      consequence: `Approving creates the connector in Kafka Connect with exactly the requested config, owned by ${p.owner}.`,
    };
  }
  if (request.kind === 'connector.update') {
    const p = request.payload;
    const count = p.changes.length;
    return {
      action: 'Change the config of connector',
      subject: p.name,
      gerund: `changing the config of connector ${p.name}`,
      consequence: `Approving writes the requested config to Kafka Connect (${count} ${
        count === 1 ? 'key changes' : 'keys change'
      }); the connector restarts with it.`,
    };
  }
  if (request.kind === 'connector.delete') {
    const p = request.payload;
    return {
      action: 'Delete connector',
      subject: p.name,
      gerund: `deleting connector ${p.name}`,
      consequence:
        'Approving deletes the connector and its tasks from Kafka Connect; its topics and committed offsets stay.',
    };
  }
  if (request.kind === 'cdc.deploy') {
    const p = request.payload;
    const tables = p.artefacts.tables.length;
    const mode =
      p.artefacts.deployMode === 'gitops'
        ? 'commits its Strimzi manifests to the GitOps repository on a new branch'
        : 'creates its change topics and the Debezium connector through Kafka Connect';
    return {
      action: 'Deploy CDC pipeline',
      subject: p.name,
      gerund: `deploying CDC pipeline ${p.name}`,
      consequence: `Approving lets ${p.owner} capture ${tables} ${
        tables === 1 ? 'table' : 'tables'
      } of ${p.sourceEntityRef} into Kafka: it ${mode}.`,
    };
  }
  if (request.kind === 'cdc.decommission') {
    const p = request.payload;
    const parts = [
      `deletes connector ${p.connectorName}`,
      ...(p.slotName
        ? [
            `drops replication slot ${p.slotName} and publication ${p.publicationName} on the source database`,
          ]
        : []),
      p.deleteTopics
        ? `deletes ${p.topics.length} change ${
            p.topics.length === 1 ? 'topic' : 'topics'
          } with their messages`
        : 'keeps the change topics',
      ...(p.deleteSchemas ? [`deletes ${p.artifacts.length} schemas`] : []),
    ];
    return {
      action: 'Decommission CDC pipeline',
      subject: p.name,
      gerund: `decommissioning CDC pipeline ${p.name}`,
      consequence: `Approving stops capturing ${p.sourceEntityRef} for ${
        p.owner
      }: it ${parts.join(', ')}.`,
    };
  }
  if (request.kind === 'cdc.change') {
    const p = request.payload;
    const { diff } = p;
    const parts = [
      ...(diff.addedTables.length
        ? [`starts capturing ${diff.addedTables.join(', ')}`]
        : []),
      ...(diff.removedTables.length
        ? [`stops capturing ${diff.removedTables.join(', ')}`]
        : []),
      ...(diff.columns.length
        ? [
            `changes the handling of ${diff.columns.length} ${
              diff.columns.length === 1 ? 'column' : 'columns'
            }`,
          ]
        : []),
    ];
    const how =
      p.artefacts.deployMode === 'gitops'
        ? 'commits the changed manifests to the GitOps repository on a new branch'
        : 'updates the connector through Kafka Connect';
    return {
      action: 'Change CDC pipeline',
      subject: p.name,
      gerund: `changing CDC pipeline ${p.name}`,
      consequence: `Approving changes what ${p.owner} captures of ${
        p.sourceEntityRef
      }: it ${[...parts, how].join(', ')}.`,
    };
  }
  const p = request.payload;
  return {
    action: 'Delete topic',
    subject: p.topic,
    gerund: `deleting ${p.topic}`,
    consequence: 'Approving deletes the topic and all its messages.',
  };
}
