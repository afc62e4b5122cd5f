import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type {
  ApprovalRequest,
  CdcChangePreview,
  CdcPipeline,
  CdcTableSelection,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { approvalsRouteRef, cdcPipelineRouteRef } from '../../routes';
import { CdcChangeDiff, CdcTablesTable, PreflightList } from '../CdcReview';
import {
  selectedTables,
  TablesStep,
  TableSelection,
} from '../CdcWizard/TablesStep';
import { ErrorAlert } from '../ErrorAlert';

const STEPS = ['Tables and columns', 'Review the change and ask'];

/** The stored selection as the tables step holds it. */
function selectionOf(pipeline: CdcPipeline): TableSelection {
  return Object.fromEntries(
    pipeline.selection.map(t => [`${t.schema}.${t.table}`, t.columns]),
  );
}

/**
 * Changes what a deployed pipeline captures: the wizard's tables step
 * pre-filled with the current selection, then the diff of the generated
 * config and manifests, and a request for the security reviewers.
 */
export const CdcChangePage = () => {
  const { id = '' } = useParams();
  const api = useApi(eventStreamingApiRef);
  const navigate = useNavigate();
  const pipelineRoute = useRouteRef(cdcPipelineRouteRef);
  const approvalsRoute = useRouteRef(approvalsRouteRef);
  const pipeline = useAsync(() => api.getCdcPipeline(id), [api, id]);
  const introspection = useAsync(
    async () =>
      pipeline.value && pipeline.value.status === 'deployed'
        ? api.introspectCdcSource(pipeline.value.sourceEntityRef)
        : undefined,
    [api, pipeline.value],
  );
  const [selection, setSelection] = useState<TableSelection>();
  const [step, setStep] = useState(0);
  const [change, setChange] = useState<CdcChangePreview>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<{ title: string; error: unknown }>();
  const [requested, setRequested] = useState<ApprovalRequest>();

  useEffect(() => {
    if (pipeline.value && !selection) setSelection(selectionOf(pipeline.value));
  }, [pipeline.value, selection]);

  const tables = (): CdcTableSelection[] =>
    selectedTables(introspection.value, selection ?? {});

  const toReview = async () => {
    setBusy('Generating the new config and comparing it with the current one…');
    setError(undefined);
    try {
      setChange(await api.previewCdcChange(id, { tables: tables() }));
      setStep(1);
    } catch (e) {
      setError({ title: 'The change cannot be generated', error: e });
    } finally {
      setBusy(undefined);
    }
  };

  const ask = async () => {
    setBusy('Asking the security reviewers…');
    setError(undefined);
    try {
      setRequested(
        await api.requestCdcChange(id, {
          tables: tables(),
          reason: reason.trim(),
        }),
      );
    } catch (e) {
      setError({ title: 'The change was not requested', error: e });
    } finally {
      setBusy(undefined);
    }
  };

  const name = pipeline.value?.name ?? '';
  const back = () => navigate(pipelineRoute({ id }));
  let body;
  if (
    pipeline.loading ||
    introspection.loading ||
    (!selection && !pipeline.error)
  ) {
    body = <Progress />;
  } else if (pipeline.error) {
    body = (
      <ResponseErrorPanel
        error={pipeline.error}
        title="The pipeline cannot be loaded"
      />
    );
  } else if (pipeline.value!.status !== 'deployed') {
    body = (
      <Typography variant="body2" role="status">
        Pipeline {name} is {pipeline.value!.status}: only a deployed pipeline
        can be changed.
      </Typography>
    );
  } else if (introspection.error) {
    body = (
      <ResponseErrorPanel
        error={introspection.error}
        title="The database cannot be read"
      />
    );
  } else if (requested) {
    body = (
      <Typography variant="body2" role="status">
        Change requested:{' '}
        <Link to={approvalsRoute()}>request {requested.id.slice(0, 8)}</Link>{' '}
        waits for the security reviewers. Nothing changes until they approve.
      </Typography>
    );
  } else if (step === 0 && introspection.value) {
    body = (
      <TablesStep
        introspection={introspection.value}
        selection={selection!}
        onChange={setSelection}
      />
    );
  } else if (change) {
    body = (
      <>
        <Box mb={2}>
          <TextField
            id="cdc-change-reason"
            label="Why is the change needed? (for the security reviewers)"
            required
            multiline
            minRows={2}
            fullWidth
            variant="outlined"
            value={reason}
            onChange={e => setReason(e.target.value)}
          />
        </Box>
        <CdcChangeDiff
          diff={change.diff}
          notes={change.notes}
          folder={change.artefacts.deployMode === 'gitops' ? name : undefined}
        />
        <Typography variant="subtitle1" component="h3">
          Tables and columns after the change
        </Typography>
        <CdcTablesTable tables={change.artefacts.tables} />
        <Typography variant="subtitle1" component="h3">
          Pre-flight checks
        </Typography>
        <PreflightList checks={change.preflight} />
      </>
    );
  }

  const selected = Object.keys(selection ?? {}).length;
  const canNext =
    step === 0 ? selected > 0 && !!introspection.value : reason.trim() !== '';
  const deployed = pipeline.value?.status === 'deployed';

  return (
    <Page themeId="tool">
      <Header
        title={name ? `Change CDC pipeline ${name}` : 'Change CDC pipeline'}
        subtitle="Add or remove tables and change how columns are protected"
        type={name ? name : 'CDC pipeline'}
        typeLink={id ? pipelineRoute({ id }) : undefined}
      />
      <Content>
        <InfoCard>
          <Stepper activeStep={requested ? 2 : step} alternativeLabel>
            {STEPS.map(label => (
              <Step key={label}>
                <StepLabel>{label}</StepLabel>
              </Step>
            ))}
          </Stepper>
          <Box mb={2}>{body}</Box>
          {error && <ErrorAlert title={error.title} error={error.error} />}
          {busy && (
            <Typography variant="body2" role="status">
              {busy}
            </Typography>
          )}
          <Box display="flex" style={{ gap: 8 }} alignItems="center">
            {requested || !deployed ? (
              <Button variant="contained" color="primary" onClick={back}>
                Back to the pipeline
              </Button>
            ) : (
              <>
                <Button
                  color="inherit"
                  onClick={() => (step === 0 ? back() : setStep(0))}
                  disabled={!!busy}
                >
                  {step === 0 ? 'Cancel' : 'Back'}
                </Button>
                <Button
                  variant="contained"
                  color="primary"
                  disabled={!canNext || !!busy}
                  onClick={step === 0 ? toReview : ask}
                >
                  {step === 0
                    ? `Next: review the change (${selected} ${
                        selected === 1 ? 'table' : 'tables'
                      })`
                    : 'Ask for security review'}
                </Button>
                {step === 1 && !reason.trim() && (
                  <Typography variant="body2" color="textSecondary">
                    Say why the change is needed to ask for it.
                  </Typography>
                )}
              </>
            )}
          </Box>
        </InfoCard>
      </Content>
    </Page>
  );
};
