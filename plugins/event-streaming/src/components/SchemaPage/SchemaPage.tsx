import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { approvalSubjects } from '@eventport/plugin-event-streaming-common';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { schemasRouteRef } from '../../routes';
import { PageError } from '../PageError';
import { ChangeRuleDialog } from '../ChangeRuleDialog';
import { RegisterSchemaDialog } from '../RegisterSchemaDialog';
import { OpenRequestsBanner, useOpenRequests } from '../OpenRequests';
import { SchemaDiff } from '../SchemaDiff';
import { DeleteSchemaDialog } from './DeleteSchemaDialog';
import { SchemaOverviewCard } from './SchemaOverviewCard';
import { SchemaStateChange, SchemaStateDialog } from './SchemaStateDialog';
import { SchemaVersionsCard } from './SchemaVersionsCard';

/**
 * One schema artifact: overview with owner and rule, the version history
 * with its states and a content viewer, a diff of any two versions, and the
 * forms to register a version, change the rule and the versions' states.
 */
export const SchemaPage = () => {
  const params = useParams();
  const cluster = params.cluster ?? '';
  const groupId = params.groupId ?? '';
  const artifactId = params.artifactId ?? '';
  const api = useApi(eventStreamingApiRef);
  const schemasRoute = useRouteRef(schemasRouteRef);
  const [selected, setSelected] = useState<string>();
  const [dialog, setDialog] = useState<'register' | 'rule' | 'delete'>();
  const [notice, setNotice] = useState<string>();
  const [stateChange, setStateChange] = useState<SchemaStateChange>();
  const detail = useAsyncRetry(
    () => api.getSchema(cluster, groupId, artifactId),
    [api, cluster, groupId, artifactId],
  );

  // Requests on this artifact, from the server (the team's too).
  const openRequests = useOpenRequests(
    approvalSubjects.schema(cluster, groupId, artifactId),
  );
  /** A request was made: the banner of open requests shows it. */
  const requested = () => {
    setNotice(undefined);
    openRequests.retry();
  };

  let content;
  if (detail.error) {
    content = (
      <PageError
        error={detail.error}
        title={`Could not load schema ${groupId}/${artifactId}`}
        retry={detail.retry}
        back={{ to: schemasRoute(), label: 'Back to schemas' }}
      />
    );
  } else if (!detail.value) {
    content = <Progress aria-label="Loading schema" />;
  } else {
    const d = detail.value;
    const versionNames = d.versions.map(v => v.version);
    const shown = selected ?? versionNames[versionNames.length - 1];
    content = (
      <Grid container spacing={3}>
        {notice && (
          <Grid item xs={12}>
            <Typography role="status" variant="body1">
              {notice}
            </Typography>
          </Grid>
        )}
        {(openRequests.requests.length > 0 || openRequests.error) && (
          <Grid item xs={12}>
            <OpenRequestsBanner
              requests={openRequests.requests}
              error={openRequests.error}
              onChanged={openRequests.retry}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <SchemaOverviewCard
            cluster={cluster}
            detail={d}
            onRegister={() => setDialog('register')}
            onChangeRule={() => setDialog('rule')}
            onDeprecate={state => setStateChange({ state })}
            onDelete={() => setDialog('delete')}
          />
        </Grid>
        {shown && (
          <Grid item xs={12}>
            <SchemaVersionsCard
              cluster={cluster}
              groupId={groupId}
              artifactId={artifactId}
              format={d.artifact.format}
              versions={d.versions}
              selected={shown}
              onSelect={setSelected}
              canManage={d.canRegister}
              onChangeState={setStateChange}
            />
          </Grid>
        )}
        {versionNames.length >= 2 && (
          <Grid item xs={12}>
            <SchemaDiff
              key={versionNames.join(',')}
              cluster={cluster}
              groupId={groupId}
              artifactId={artifactId}
              format={d.artifact.format}
              versions={versionNames}
            />
          </Grid>
        )}
        {dialog === 'register' && d.artifact.format && (
          <RegisterSchemaDialog
            cluster={cluster}
            target={{
              groupId,
              artifactId,
              format: d.artifact.format,
              versions: versionNames,
            }}
            onClose={() => setDialog(undefined)}
            onRegistered={result => {
              setDialog(undefined);
              setSelected(result.version.version);
              setNotice(`Version ${result.version.version} is registered.`);
              detail.retry();
            }}
            // The dialog says the request is made; the page's banner
            // shows it once the dialog is closed.
            onOverrideRequested={requested}
          />
        )}
        {dialog === 'delete' && (
          <DeleteSchemaDialog
            cluster={cluster}
            groupId={groupId}
            artifactId={artifactId}
            topic={d.artifact.topic}
            versions={d.versions.length}
            onClose={() => setDialog(undefined)}
            onRequested={() => {
              setDialog(undefined);
              requested();
            }}
          />
        )}
        {stateChange && (
          <SchemaStateDialog
            cluster={cluster}
            groupId={groupId}
            artifactId={artifactId}
            change={stateChange}
            onClose={() => setStateChange(undefined)}
            onChanged={result => {
              setStateChange(undefined);
              setNotice(
                result.changed.length
                  ? `${
                      result.changed.length === 1 ? 'Version' : 'Versions'
                    } ${result.changed.join(', ')} ${
                      result.changed.length === 1 ? 'is' : 'are'
                    } now ${stateChange.state.toLowerCase()}.`
                  : `Nothing changed: the versions were ${stateChange.state.toLowerCase()} already.`,
              );
              detail.retry();
            }}
          />
        )}
        {dialog === 'rule' && (
          <ChangeRuleDialog
            cluster={cluster}
            groupId={groupId}
            artifactId={artifactId}
            current={d.rule.mode}
            onClose={() => setDialog(undefined)}
            onChanged={result => {
              setDialog(undefined);
              setNotice(
                `The rule is now ${result.rule.mode} (was ${result.previous}).`,
              );
              detail.retry();
            }}
            onRequested={() => {
              setDialog(undefined);
              requested();
            }}
          />
        )}
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title={artifactId}
        subtitle={`Schema in group ${groupId} of ${cluster}'s registry`}
        type="Schemas"
        typeLink={schemasRoute()}
      />
      <Content>{content}</Content>
    </Page>
  );
};
