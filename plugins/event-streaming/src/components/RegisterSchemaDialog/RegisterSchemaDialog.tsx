import { useApi } from '@backstage/core-plugin-api';
import type {
  ApprovalRequest,
  SchemaFormat,
  SchemaRefusedResponse,
  SchemaRegisterResponse,
  SchemaValidateResponse,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ChangeEvent, FormEvent, useId, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { eventStreamingApiRef } from '../../api';
import {
  FORMAT_LABELS,
  formatOfFileName,
  SCHEMA_FILE_TYPES,
} from '../../lib/schemas';
import { neutralOutlinedButtonSx, errorTextSx } from '../../lib/styles';
import { CompatibilityReportView } from '../CompatibilityReport';
import { ErrorAlert } from '../ErrorAlert';
import { DialogForm, ResponsiveDialog } from '../ResponsiveDialog';

/** The artifact a version is for; absent when the form creates one. */
export interface RegisterTarget {
  groupId: string;
  artifactId: string;
  format: SchemaFormat;
  /** Version names, oldest first. */
  versions: string[];
}

export interface RegisterSchemaDialogProps {
  cluster: string;
  target?: RegisterTarget;
  onClose: () => void;
  onRegistered: (result: SchemaRegisterResponse) => void;
  onOverrideRequested?: (request: ApprovalRequest) => void;
}

const ID_PATTERN = /^[^\s/]+$/;

/**
 * Registers a schema version, or a new artifact with its first version:
 * paste or upload the schema, see the compatibility check live, submit. A
 * version the registry's rule refuses can be asked for as an override, with
 * a reason, which an approver decides.
 */
export const RegisterSchemaDialog = (props: RegisterSchemaDialogProps) => {
  const { cluster, target } = props;
  const api = useApi(eventStreamingApiRef);
  const titleId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  // Only the latest check's answer counts.
  const checkSeq = useRef(0);
  const [groupId, setGroupId] = useState(target?.groupId ?? 'default');
  const [artifactId, setArtifactId] = useState(target?.artifactId ?? '');
  const [format, setFormat] = useState<SchemaFormat>(target?.format ?? 'AVRO');
  const [content, setContent] = useState('');
  const [check, setCheck] = useState<SchemaValidateResponse>();
  const [checkError, setCheckError] = useState<unknown>();
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [refused, setRefused] = useState<SchemaRefusedResponse>();
  const [reason, setReason] = useState('');
  const [requested, setRequested] = useState<ApprovalRequest>();

  const idsValid =
    ID_PATTERN.test(groupId.trim()) && ID_PATTERN.test(artifactId.trim());
  const ready = idsValid && content.trim().length > 0;

  // The live check: a dry run against the artifact's rule, after typing stops.
  useDebounce(
    () => {
      const seq = ++checkSeq.current;
      const current = () => seq === checkSeq.current;
      if (!ready) {
        setCheck(undefined);
        setCheckError(undefined);
        setChecking(false);
        return;
      }
      setChecking(true);
      api
        .validateSchema(cluster, groupId.trim(), artifactId.trim(), {
          content,
          format: target ? undefined : format,
        })
        .then(
          result => {
            if (!current()) return;
            setCheck(result);
            setCheckError(undefined);
          },
          e => {
            if (!current()) return;
            setCheck(undefined);
            setCheckError(e);
          },
        )
        .finally(() => current() && setChecking(false));
    },
    500,
    [api, cluster, groupId, artifactId, format, content, ready],
  );

  const edit = (next: string) => {
    setContent(next);
    setRefused(undefined);
    setError(undefined);
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    edit(await file.text());
    const suggested = formatOfFileName(file.name);
    if (!target && suggested) setFormat(suggested);
    event.target.value = '';
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.registerSchema(
        cluster,
        groupId.trim(),
        artifactId.trim(),
        { content, format: target ? undefined : format },
      );
      if (result.registered) {
        props.onRegistered(result);
      } else {
        setRefused(result);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const requestOverride = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const request = await api.requestSchemaOverride(
        cluster,
        groupId.trim(),
        artifactId.trim(),
        { content, reason: reason.trim() },
      );
      setRequested(request);
      props.onOverrideRequested?.(request);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const title = target
    ? `Register a version of ${target.artifactId}`
    : 'Register a schema';

  if (requested) {
    return (
      <ResponsiveDialog
        open
        onClose={props.onClose}
        aria-labelledby={titleId}
        fullWidth
        maxWidth="md"
      >
        <DialogTitle id={titleId}>Override requested</DialogTitle>
        <DialogContent>
          <Typography role="status" variant="body1">
            Your override request for {groupId}/{artifactId} is pending (request{' '}
            {requested.id}). An approver decides it on the Approvals tab; on
            approval exactly this version is registered.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} color="primary" variant="contained">
            Close
          </Button>
        </DialogActions>
      </ResponsiveDialog>
    );
  }

  return (
    <ResponsiveDialog
      open
      onClose={busy ? undefined : props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <DialogForm onSubmit={submit}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {!target && (
            <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
              <TextField
                variant="standard"
                id="schema-group"
                label="Group"
                value={groupId}
                onChange={e => setGroupId(e.target.value)}
                error={!ID_PATTERN.test(groupId.trim())}
                helperText="Apicurio group; the converters use default"
                required
              />
              <TextField
                variant="standard"
                id="schema-artifact"
                label="Artifact id"
                value={artifactId}
                onChange={e => setArtifactId(e.target.value)}
                error={artifactId !== '' && !ID_PATTERN.test(artifactId.trim())}
                helperText="<topic>-value or <topic>-key ties it to a topic of your namespace"
                required
                style={{ minWidth: 320 }}
              />
              <TextField
                variant="standard"
                select
                id="schema-format"
                label="Type"
                value={format}
                onChange={e => setFormat(e.target.value as SchemaFormat)}
                SelectProps={{ native: true }}
              >
                {(Object.keys(FORMAT_LABELS) as SchemaFormat[]).map(f => (
                  <option key={f} value={f}>
                    {FORMAT_LABELS[f]}
                  </option>
                ))}
              </TextField>
            </Box>
          )}
          <TextField
            id="schema-content"
            label="Schema"
            value={content}
            onChange={e => edit(e.target.value)}
            multiline
            minRows={10}
            maxRows={24}
            fullWidth
            variant="outlined"
            required
            inputProps={{
              spellCheck: false,
              style: { fontFamily: 'monospace' },
            }}
            helperText="Paste the schema, or upload a file"
          />
          <Box mt={1} mb={2}>
            <input
              ref={fileInput}
              id="schema-file"
              type="file"
              accept={SCHEMA_FILE_TYPES}
              onChange={upload}
              style={{ display: 'none' }}
            />
            <Button
              color="inherit"
              sx={neutralOutlinedButtonSx}
              variant="outlined"
              size="small"
              onClick={() => fileInput.current?.click()}
            >
              Upload a file
            </Button>
          </Box>
          <section aria-label="Compatibility check">
            <Typography variant="h6" component="h3" gutterBottom>
              Compatibility check
            </Typography>
            {checking && <LinearProgress aria-label="Checking compatibility" />}
            {!ready && !checking && (
              <Typography variant="body2" color="textSecondary">
                The check runs as you type, once the schema
                {target ? '' : ' and its ids'} are filled in.
              </Typography>
            )}
            <ErrorAlert error={checkError} title="The check failed" />
            {check && !refused && (
              <CompatibilityReportView
                result={check}
                versions={target?.versions}
              />
            )}
          </section>
          {refused && (
            <section aria-label="Refused by the registry">
              <Typography
                role="alert"
                sx={errorTextSx}
                variant="subtitle1"
                component="p"
              >
                {refused.error.message}
              </Typography>
              <CompatibilityReportView
                result={{
                  report: refused.report,
                  ruleSource: 'artifact',
                  envelopeProblems: [],
                }}
                versions={target?.versions}
              />
              {refused.registryViolations.length > 0 && (
                <>
                  <Typography variant="subtitle2" component="p">
                    The registry's own causes
                  </Typography>
                  <ul>
                    {refused.registryViolations.map((v, i) => (
                      <li key={i}>
                        <Typography variant="body2">
                          {v.description}
                          {v.context ? ` (${v.context})` : ''}
                        </Typography>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <Typography variant="subtitle2" component="h3">
                Ask for an override
              </Typography>
              <Typography variant="body2" paragraph>
                An approver can let this version in anyway: the rule is relaxed
                for this one registration and restored afterwards.
              </Typography>
              <TextField
                variant="standard"
                id="override-reason"
                label="Reason for the override"
                value={reason}
                onChange={e => setReason(e.target.value)}
                fullWidth
                multiline
                minRows={2}
                helperText="At least 10 characters: who reads this topic, and why the break is safe"
              />
            </section>
          )}
          <ErrorAlert error={error} />
        </DialogContent>
        <DialogActions>
          <Button color="inherit" onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          {refused ? (
            <Button
              variant="contained"
              color="primary"
              disabled={busy || reason.trim().length < 10}
              onClick={requestOverride}
            >
              Request override
            </Button>
          ) : (
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={busy || !ready}
            >
              Register
            </Button>
          )}
        </DialogActions>
      </DialogForm>
    </ResponsiveDialog>
  );
};
