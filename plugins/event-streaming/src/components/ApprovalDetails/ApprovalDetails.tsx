import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useId, useState } from 'react';
import { CdcChangeDiff, CdcTablesTable, PreflightList } from '../CdcReview';
import { ConfigChangesTable, ConnectorConfigTable } from '../ConnectorConfig';
import { EntityRef } from '../EntityRef';

/** True when a request carries details worth showing: a connector config. */
export function hasApprovalDetails(request: ApprovalRequest): boolean {
  return (
    request.kind === 'connector.create' ||
    request.kind === 'connector.update' ||
    request.kind === 'cdc.deploy' ||
    request.kind === 'cdc.decommission' ||
    request.kind === 'cdc.change'
  );
}

/**
 * What a connector request would do, in full: the config a create asks
 * for, or the changes of an update, key by key (secrets are references or
 * hidden). Nothing for other kinds.
 */
export const ApprovalDetails = (props: { request: ApprovalRequest }) => {
  const { request } = props;
  if (request.kind === 'connector.create') {
    const p = request.payload;
    return (
      <section aria-label={`Config of the requested connector ${p.name}`}>
        <Typography variant="body2" gutterBottom>
          Owner: <EntityRef entityRef={p.owner} />
        </Typography>
        <ConnectorConfigTable
          config={p.config}
          label={`Requested config of ${p.name}`}
        />
      </section>
    );
  }
  if (request.kind === 'connector.update') {
    const p = request.payload;
    return (
      <section aria-label={`Config changes of ${p.name}`}>
        <ConfigChangesTable
          changes={p.changes}
          label={`Requested changes to ${p.name}`}
        />
      </section>
    );
  }
  if (request.kind === 'cdc.deploy') {
    const p = request.payload;
    return (
      <section aria-label={`Data access requested by pipeline ${p.name}`}>
        <Typography variant="body2" gutterBottom>
          Source{' '}
          <EntityRef entityRef={p.sourceEntityRef} defaultKind="resource" /> (
          {p.sourceType}, connection {p.sourceId}) to cluster {p.cluster}, owned
          by <EntityRef entityRef={p.owner} />. Deployed{' '}
          {p.artefacts.deployMode === 'gitops'
            ? 'through the GitOps repository'
            : 'directly through Kafka Connect'}
          .
        </Typography>
        <CdcTablesTable tables={p.artefacts.tables} />
        <PreflightList checks={p.preflight} />
      </section>
    );
  }
  if (request.kind === 'cdc.change') {
    const p = request.payload;
    return (
      <section aria-label={`Change of pipeline ${p.name}`}>
        <Typography variant="body2" gutterBottom>
          Source{' '}
          <EntityRef entityRef={p.sourceEntityRef} defaultKind="resource" /> (
          {p.sourceType}, connection {p.sourceId}) to cluster {p.cluster}, owned
          by <EntityRef entityRef={p.owner} />. Applied{' '}
          {p.artefacts.deployMode === 'gitops'
            ? 'as a commit to the GitOps repository'
            : 'directly through Kafka Connect'}
          .
        </Typography>
        <CdcChangeDiff diff={p.diff} folder={p.name} />
        <Typography variant="subtitle1" component="h3">
          Tables and columns after the change
        </Typography>
        <CdcTablesTable tables={p.artefacts.tables} />
        <PreflightList checks={p.preflight} />
      </section>
    );
  }
  if (request.kind === 'cdc.decommission') {
    const p = request.payload;
    return (
      <section aria-label={`What decommissioning ${p.name} removes`}>
        <Typography variant="body2" gutterBottom>
          Source{' '}
          <EntityRef entityRef={p.sourceEntityRef} defaultKind="resource" /> (
          {p.sourceType}, connection {p.sourceId}), cluster {p.cluster}, owned
          by <EntityRef entityRef={p.owner} />.
        </Typography>
        <ul>
          <li>Connector {p.connectorName}: deleted</li>
          {p.slotName && (
            <li>
              Replication slot {p.slotName} and publication {p.publicationName}:
              dropped on the source database
            </li>
          )}
          {p.topics.map(t => (
            <li key={t}>
              Topic {t}: {p.deleteTopics ? 'deleted' : 'kept'}
            </li>
          ))}
          {p.artifacts.map(a => (
            <li key={a}>
              Schema {a}: {p.deleteSchemas ? 'deleted' : 'kept'}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return null;
};

/** The details behind a toggle, for a row of the approvals list. */
export const ApprovalDetailsToggle = (props: { request: ApprovalRequest }) => {
  const { request } = props;
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!hasApprovalDetails(request)) return null;
  let what = 'config';
  if (request.kind === 'connector.update') {
    what = `changes (${request.payload.changes.length})`;
  } else if (request.kind === 'cdc.deploy') {
    what = 'tables, columns and checks';
  } else if (request.kind === 'cdc.decommission') {
    what = 'what is removed';
  } else if (request.kind === 'cdc.change') {
    what = 'the change';
  }
  const name = (request.payload as { name: string }).name;
  return (
    <>
      <Button
        color="inherit"
        size="small"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`${open ? 'Hide' : 'Show'} ${what} of ${name}`}
        startIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide' : 'Show'} {what}
      </Button>
      {open && (
        <div id={id}>
          <ApprovalDetails request={request} />
        </div>
      )}
    </>
  );
};
