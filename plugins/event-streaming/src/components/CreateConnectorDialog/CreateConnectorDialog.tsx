import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  ApprovalRequest,
  ClusterListResponse,
  connectorNameSchema,
  ConnectorPlugin,
  ConnectorValidation,
  namespaceOf,
} from '@eventport/plugin-event-streaming-common';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { FormEvent, useId, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { ReasonField } from '../ActionDialog';
import { eventStreamingApiRef } from '../../api';
import {
  FieldGroup,
  groupFields,
  packageOf,
  shortClassName,
  TYPE_LABELS,
} from '../../lib/connectors';
import { approvalsRouteRef } from '../../routes';
import { ErrorAlert } from '../ErrorAlert';
import { ConfigFieldInput, secretFieldError } from './ConfigFieldInput';
import { neutralOutlinedButtonSx } from '../../lib/styles';
import { DialogForm, ResponsiveDialog } from '../ResponsiveDialog';

export interface CreateConnectorDialogProps {
  cluster: string;
  namespaces: ClusterListResponse['namespaces'];
  onClose: () => void;
  onRequested?: (request: ApprovalRequest) => void;
}

type Namespaces = ClusterListResponse['namespaces'];

function pluginLabel(plugin: ConnectorPlugin) {
  const pkg = packageOf(plugin.className);
  const details = [pkg, plugin.version].filter(Boolean).join(', ');
  const label = details
    ? `${shortClassName(plugin.className)} (${details})`
    : shortClassName(plugin.className);
  return plugin.refusal ? `${label}: not here` : label;
}

function nameProblem(name: string): string | undefined {
  if (name === '') return undefined;
  if (name === 'plugins') return "'plugins' is reserved: choose another name.";
  const parsed = connectorNameSchema.safeParse(name);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

function nameHint(owned: Namespaces): string {
  if (owned.length === 0) {
    return 'Your teams own no namespace here: give the owner group below.';
  }
  const prefixes = owned.map(ns => ns.prefix).join(', ');
  return `Names under your namespace (${prefixes}) belong to your team, e.g. ${owned[0].prefix}orders-source.`;
}

const groupKey = (group: FieldGroup) => group.group ?? '';

/**
 * Requests a new connector: pick a plugin, name it, and fill in the config
 * form generated from Connect's own definitions of the plugin's settings
 * (grouped, typed, with defaults and documentation). Connect validates the
 * config as you type and its errors show under each field. Submitting sends
 * the connector for approval.
 */
export const CreateConnectorDialog = (props: CreateConnectorDialogProps) => {
  const { cluster, namespaces } = props;
  const api = useApi(eventStreamingApiRef);
  const approvalsRoute = useRouteRef(approvalsRouteRef);
  const titleId = useId();
  const seq = useRef(0);
  const plugins = useAsync(
    async () =>
      (await api.listConnectorPlugins(cluster)).filter(
        p => p.type === 'source' || p.type === 'sink',
      ),
    [api, cluster],
  );
  const [className, setClassName] = useState('');
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [validation, setValidation] = useState<{
    key: string;
    result: ConnectorValidation;
  }>();
  const [validationError, setValidationError] = useState<unknown>();
  const [validating, setValidating] = useState(false);
  const [showAllErrors, setShowAllErrors] = useState(false);
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [requested, setRequested] = useState<ApprovalRequest>();

  const trimmedName = name.trim();
  const owned = namespaces.filter(ns => ns.owned);
  const ownerOptions = [...new Set(owned.map(ns => ns.owner))];
  const namespace = trimmedName
    ? namespaceOf(trimmedName, namespaces)
    : undefined;
  const needsOwner = trimmedName !== '' && !namespace;
  const badName = nameProblem(trimmedName);

  /** What the request sends: the class and the keys the user set. */
  const config = useMemo(() => {
    const result: Record<string, string> = { 'connector.class': className };
    for (const [key, value] of Object.entries(values)) {
      if (value !== '') result[key] = value;
    }
    return result;
  }, [className, values]);
  // Connect validates only for a connector the user may create: until its
  // name (and owner) are given, the form comes from the plugin's definition.
  const target =
    trimmedName && !badName && (!needsOwner || owner.trim())
      ? {
          name: trimmedName,
          owner: needsOwner ? owner.trim() : undefined,
        }
      : undefined;
  const checkedKey = JSON.stringify({ config, target });

  const validate = () => {
    if (!className) return;
    const current = ++seq.current;
    const key = checkedKey;
    setValidating(true);
    (target
      ? api.validateConnectorConfig(cluster, className, config, target)
      : api.getConnectorPluginForm(cluster, className)
    )
      .then(
        result => {
          if (current !== seq.current) return;
          setValidation({ key, result });
          setValidationError(undefined);
        },
        e => {
          if (current !== seq.current) return;
          setValidationError(e);
        },
      )
      .finally(() => current === seq.current && setValidating(false));
  };
  useDebounce(validate, 400, [checkedKey]);

  const fields = validation?.result.fields ?? [];
  const setKeys = new Set(Object.keys(values));
  const groups = validation ? groupFields(validation.result, setKeys) : [];
  const errorsOf = (fieldName: string) => {
    const field = fields.find(f => f.name === fieldName);
    if (!field) return [];
    const own = secretFieldError(field, values[fieldName]);
    const fromConnect =
      showAllErrors || setKeys.has(fieldName) ? field.errors : [];
    return own ? [own, ...fromConnect] : fromConnect;
  };
  const nameErrors = showAllErrors ? errorsOf('name') : [];
  const secretErrors = fields.filter(f => secretFieldError(f, values[f.name]));
  const isExpanded = (group: FieldGroup) =>
    toggled[groupKey(group)] ??
    (group.group === null ||
      group.group === 'Common' ||
      group.fields.some(
        f =>
          errorsOf(f.name).length > 0 || (f.required && !setKeys.has(f.name)),
      ));

  const ready =
    !!className &&
    !plugins.value?.find(p => p.className === className)?.refusal &&
    trimmedName !== '' &&
    !badName &&
    (!needsOwner || owner.trim() !== '') &&
    reason.trim() !== '' &&
    secretErrors.length === 0;

  const choosePlugin = (next: string) => {
    setClassName(next);
    setValues({});
    setValidation(undefined);
    setValidationError(undefined);
    setShowAllErrors(false);
    setToggled({});
    setNotice(undefined);
  };

  const setValue = (key: string, value: string | undefined) => {
    setValues(current => {
      const next = { ...current };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
    setError(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    setError(undefined);
    setNotice(undefined);
    const current = validation?.key === checkedKey ? validation.result : null;
    if (current && current.errorCount > 0) {
      // Show every error Connect found, in open sections.
      setShowAllErrors(true);
      setToggled(t => {
        const next = { ...t };
        for (const group of groupFields(current, setKeys)) {
          if (group.fields.some(f => f.errors.length > 0)) {
            next[groupKey(group)] = true;
          }
        }
        return next;
      });
      setNotice(
        `Kafka Connect reports ${current.errorCount} ${
          current.errorCount === 1 ? 'error' : 'errors'
        } in this config; ${
          current.errorCount === 1 ? 'it is' : 'they are'
        } shown under the settings.`,
      );
      return;
    }
    setBusy(true);
    try {
      const request = await api.requestConnectorCreation(cluster, {
        name: trimmedName,
        config,
        owner: needsOwner ? owner.trim() : undefined,
        reason: reason.trim(),
      });
      setRequested(request);
      props.onRequested?.(request);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (requested) {
    return (
      <ResponsiveDialog
        open
        onClose={props.onClose}
        aria-labelledby={titleId}
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle id={titleId}>Request sent for approval</DialogTitle>
        <DialogContent>
          <Typography role="status" variant="body1" paragraph>
            Your request to create connector {trimmedName} is {requested.status}{' '}
            (request {requested.id}). An approver decides it on the Approvals
            tab; on approval Eventport creates the connector with exactly this
            config.
          </Typography>
          <Link to={approvalsRoute()}>
            Follow the request on the Approvals tab
          </Link>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} color="primary" variant="contained">
            Close
          </Button>
        </DialogActions>
      </ResponsiveDialog>
    );
  }

  const sources = plugins.value?.filter(p => p.type === 'source') ?? [];
  const sinks = plugins.value?.filter(p => p.type === 'sink') ?? [];
  const chosen = plugins.value?.find(p => p.className === className);

  let nameHelper = nameHint(owned);
  if (badName) nameHelper = badName;
  else if (nameErrors.length) nameHelper = nameErrors.join(' ');
  else if (namespace && !owned.some(ns => ns.prefix === namespace.prefix)) {
    nameHelper = `${namespace.prefix} belongs to ${namespace.owner}: only its members and platform approvers may create this connector.`;
  } else if (namespace) {
    nameHelper = `In namespace ${namespace.prefix}, owned by ${namespace.owner}.`;
  }

  return (
    <ResponsiveDialog
      open
      onClose={busy ? undefined : props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
      scroll="paper"
    >
      <DialogForm onSubmit={submit}>
        <DialogTitle id={titleId}>Create a connector</DialogTitle>
        <DialogContent dividers>
          <Typography variant="body2" paragraph>
            A new connector needs an approver&apos;s decision: this sends a
            request, and Eventport creates the connector once it is approved.
            Kafka Connect checks the config as you type.
          </Typography>
          {plugins.loading && (
            <LinearProgress aria-label="Loading connector plugins" />
          )}
          <ErrorAlert
            error={plugins.error}
            title="Could not list the connector plugins"
          />
          {plugins.value && plugins.value.length === 0 && (
            <Typography variant="body2" paragraph>
              The Connect workers of {cluster} have no source or sink connector
              plugins installed.
            </Typography>
          )}
          {plugins.value && plugins.value.length > 0 && (
            <TextField
              variant="standard"
              select
              id="connector-plugin"
              label="Connector plugin"
              value={className}
              onChange={e => choosePlugin(e.target.value)}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
              error={!!chosen?.refusal}
              helperText={
                chosen?.refusal ??
                (chosen
                  ? `${TYPE_LABELS[chosen.type]} connector ${
                      chosen.className
                    }: ${
                      chosen.type === 'source'
                        ? 'it writes records to Kafka topics.'
                        : 'it reads records from Kafka topics.'
                    }`
                  : 'Source connectors write to Kafka topics; sink connectors read from them.')
              }
              required
              fullWidth
              margin="normal"
            >
              <option value="">Choose a plugin</option>
              {sources.length > 0 && (
                <optgroup label="Source connectors">
                  {sources.map(p => (
                    <option key={p.className} value={p.className}>
                      {pluginLabel(p)}
                    </option>
                  ))}
                </optgroup>
              )}
              {sinks.length > 0 && (
                <optgroup label="Sink connectors">
                  {sinks.map(p => (
                    <option key={p.className} value={p.className}>
                      {pluginLabel(p)}
                    </option>
                  ))}
                </optgroup>
              )}
            </TextField>
          )}
          <TextField
            variant="standard"
            id="connector-name"
            label="Connector name"
            value={name}
            onChange={e => setName(e.target.value)}
            error={!!badName || nameErrors.length > 0}
            helperText={nameHelper}
            inputProps={{ spellCheck: false, autoComplete: 'off' }}
            required
            fullWidth
            margin="normal"
          />
          {needsOwner && (
            <TextField
              variant="standard"
              select={ownerOptions.length > 0}
              id="connector-owner"
              label="Owner group"
              value={owner}
              onChange={e => setOwner(e.target.value)}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
              helperText={`${trimmedName} is outside every namespace, so it needs an owner: one of your groups.`}
              placeholder="group:default/my-team"
              required
              fullWidth
              margin="normal"
            >
              {ownerOptions.length > 0 && (
                <>
                  <option value="">Choose a group</option>
                  {ownerOptions.map(o => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </>
              )}
            </TextField>
          )}
          {className && (
            <section aria-label="Connector config">
              <Box
                display="flex"
                alignItems="center"
                justifyContent="space-between"
                mt={2}
                mb={1}
              >
                <Typography variant="h6" component="h3">
                  Config
                </Typography>
                <Button
                  color="inherit"
                  sx={neutralOutlinedButtonSx}
                  variant="outlined"
                  size="small"
                  disabled={validating}
                  onClick={() => {
                    setShowAllErrors(true);
                    validate();
                  }}
                >
                  Validate
                </Button>
              </Box>
              {validating && (
                <LinearProgress aria-label="Kafka Connect is checking the config" />
              )}
              <ErrorAlert
                error={validationError}
                title="Kafka Connect could not check the config"
              />
              {validation && (
                <Typography variant="body2" paragraph>
                  Only the settings you change are sent; the others keep
                  Connect&apos;s defaults, shown greyed in each field.
                </Typography>
              )}
              {groups.map(group => {
                const key = groupKey(group);
                const base = `connector-group-${
                  key.replace(/[^A-Za-z0-9_-]/g, '-') || 'own'
                }`;
                const errorCount = group.fields.filter(
                  f => errorsOf(f.name).length > 0,
                ).length;
                return (
                  <Accordion
                    key={key}
                    expanded={isExpanded(group)}
                    onChange={(_, open) =>
                      setToggled(t => ({ ...t, [key]: open }))
                    }
                    TransitionProps={{ unmountOnExit: true }}
                  >
                    <AccordionSummary
                      expandIcon={<ExpandMoreIcon />}
                      aria-controls={`${base}-content`}
                      id={`${base}-header`}
                    >
                      <Typography variant="subtitle1" component="span">
                        {group.title}{' '}
                        <Typography
                          variant="body2"
                          component="span"
                          color="textSecondary"
                        >
                          ({group.fields.length}{' '}
                          {group.fields.length === 1 ? 'setting' : 'settings'}
                          {errorCount > 0
                            ? `, ${errorCount} with ${
                                errorCount === 1 ? 'an error' : 'errors'
                              }`
                            : ''}
                          )
                        </Typography>
                      </Typography>
                    </AccordionSummary>
                    <AccordionDetails
                      id={`${base}-content`}
                      role="region"
                      aria-labelledby={`${base}-header`}
                    >
                      <Box width="100%">
                        {group.fields.map(field => (
                          <ConfigFieldInput
                            key={field.name}
                            field={field}
                            value={values[field.name]}
                            onChange={v => setValue(field.name, v)}
                            errors={errorsOf(field.name)}
                          />
                        ))}
                      </Box>
                    </AccordionDetails>
                  </Accordion>
                );
              })}
            </section>
          )}
          <ReasonField
            id="connector-create-reason"
            value={reason}
            onChange={setReason}
          />
          {notice && (
            <Typography role="status" variant="body2" paragraph>
              {notice}
            </Typography>
          )}
          <ErrorAlert error={error} title="The request was not sent" />
        </DialogContent>
        <DialogActions>
          <Button color="inherit" onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={busy || !ready}
          >
            Request connector
          </Button>
        </DialogActions>
      </DialogForm>
    </ResponsiveDialog>
  );
};
