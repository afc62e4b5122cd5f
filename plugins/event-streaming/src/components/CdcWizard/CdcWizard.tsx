import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type {
  CdcPipelinePreview,
  CdcPipelineRequest,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { useClusters } from '../../hooks/useClusters';
import { cdcPipelineRouteRef, cdcPipelinesRouteRef } from '../../routes';
import { ErrorAlert } from '../ErrorAlert';
import { DatabaseStep, PipelineBasics } from './DatabaseStep';
import { ReviewStep } from './ReviewStep';
import { selectedTables, TablesStep, TableSelection } from './TablesStep';

const STEPS = ['Database', 'Tables and columns', 'Review and submit'];

/**
 * Sets up a CDC pipeline without writing connector JSON: a catalog
 * database, its tables and columns, then the generated Debezium config and
 * Strimzi manifests with the pre-flight results, submitted for security
 * review.
 */
export const CdcWizard = () => {
  const api = useApi(eventStreamingApiRef);
  const navigate = useNavigate();
  const pipelineRoute = useRouteRef(cdcPipelineRouteRef);
  const pipelinesRoute = useRouteRef(cdcPipelinesRouteRef);
  const clusters = useClusters();
  const databases = useAsync(() => api.listCdcDatabases(), [api]);
  const [step, setStep] = useState(0);
  const [basics, setBasics] = useState<PipelineBasics>({
    entityRef: '',
    cluster: '',
    name: '',
    topicPrefix: '',
  });
  const [selection, setSelection] = useState<TableSelection>({});
  const [preview, setPreview] = useState<CdcPipelinePreview>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<{ title: string; error: unknown }>();
  const introspection = useAsync(
    async () =>
      step >= 1 && basics.entityRef
        ? api.introspectCdcSource(basics.entityRef)
        : undefined,
    [api, basics.entityRef, step >= 1],
  );

  const cluster = basics.cluster || clusters.value?.clusters[0]?.name || '';

  const request = (): CdcPipelineRequest => {
    const tables = selectedTables(introspection.value, selection);
    return {
      sourceEntityRef: basics.entityRef,
      cluster,
      name: basics.name.trim(),
      topicPrefix: basics.topicPrefix.trim(),
      tables,
    };
  };

  const toReview = async () => {
    setBusy('Generating the connector config and checking the database…');
    setError(undefined);
    try {
      setPreview(await api.previewCdcPipeline(request()));
      setStep(2);
    } catch (e) {
      setError({ title: 'The pipeline cannot be generated', error: e });
    } finally {
      setBusy(undefined);
    }
  };

  const submit = async () => {
    setBusy('Submitting for security review…');
    setError(undefined);
    try {
      const pipeline = await api.submitCdcPipeline({
        ...request(),
        reason: reason.trim(),
      });
      navigate(pipelineRoute({ id: pipeline.id }));
    } catch (e) {
      setError({ title: 'The pipeline was not submitted', error: e });
      setBusy(undefined);
    }
  };

  let body;
  if (clusters.loading || databases.loading) {
    body = <Progress />;
  } else if (clusters.error || databases.error) {
    body = <ResponseErrorPanel error={(clusters.error ?? databases.error)!} />;
  } else if ((databases.value ?? []).length === 0) {
    body = (
      <Typography variant="body2">
        No catalog database names a CDC source. Add the annotation{' '}
        <code>eventport.io/cdc-source: &lt;id&gt;</code> to a Resource of{' '}
        <code>spec.type: database</code>, with the connection under{' '}
        <code>eventStreaming.cdc.sources.&lt;id&gt;</code> in app-config.
      </Typography>
    );
  } else if (step === 0) {
    body = (
      <DatabaseStep
        databases={databases.value!}
        clusters={clusters.value!}
        value={{ ...basics, cluster }}
        onChange={v => {
          if (v.entityRef !== basics.entityRef) setSelection({});
          setBasics(v);
        }}
      />
    );
  } else if (step === 1) {
    if (introspection.loading) body = <Progress />;
    else if (introspection.error)
      body = (
        <ResponseErrorPanel
          error={introspection.error}
          title="The database cannot be read"
        />
      );
    else if (introspection.value)
      body = (
        <TablesStep
          introspection={introspection.value}
          selection={selection}
          onChange={setSelection}
        />
      );
  } else if (preview) {
    body = (
      <ReviewStep preview={preview} reason={reason} onReason={setReason} />
    );
  }

  const selected = Object.keys(selection).length;
  const ready = [
    !!basics.entityRef &&
      !!cluster &&
      !!basics.name.trim() &&
      !!basics.topicPrefix.trim(),
    selected > 0 && !!introspection.value,
    reason.trim().length > 0 && !!preview,
  ];
  const canNext = ready[step];
  // Why the step's main button is disabled, beside it (and its description).
  const missing = [
    'Choose the database and the cluster, and give the pipeline a name and a topic prefix.',
    'Choose at least one table.',
    'Say why the data is needed (the field just above) to submit.',
  ][step];
  const hint = !canNext && !busy ? missing : undefined;

  return (
    <Page themeId="tool">
      <Header
        title="New CDC pipeline"
        subtitle="Stream a catalog database's row changes into Kafka"
        type="CDC pipelines"
        typeLink={pipelinesRoute()}
      />
      <Content>
        <InfoCard>
          <Stepper activeStep={step} alternativeLabel>
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
          <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
            <Button
              color="inherit"
              onClick={() =>
                step === 0 ? navigate(pipelinesRoute()) : setStep(step - 1)
              }
              disabled={!!busy}
            >
              {step === 0 ? 'Cancel' : 'Back'}
            </Button>
            {step < 2 ? (
              <Button
                variant="contained"
                color="primary"
                aria-describedby={hint ? 'cdc-wizard-hint' : undefined}
                disabled={!canNext || !!busy}
                onClick={() => (step === 0 ? setStep(1) : toReview())}
              >
                {step === 0
                  ? 'Next: tables'
                  : `Next: review ${selected} ${
                      selected === 1 ? 'table' : 'tables'
                    }`}
              </Button>
            ) : (
              <Button
                variant="contained"
                color="primary"
                aria-describedby={hint ? 'cdc-wizard-hint' : undefined}
                disabled={!canNext || !!busy}
                onClick={submit}
              >
                Submit for security review
              </Button>
            )}
            {hint && (
              <Typography
                id="cdc-wizard-hint"
                variant="body2"
                color="textSecondary"
                style={{ alignSelf: 'center' }}
              >
                {hint}
              </Typography>
            )}
          </Box>
        </InfoCard>
      </Content>
    </Page>
  );
};
