import {
  ConnectorConfigField,
  isConfigProviderReference,
  isSecretConfigKey,
  MASKED_VALUE,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { ReactNode } from 'react';
import { inputKind, referenceExample } from '../../lib/connectors';
import { errorTextSx } from '../../lib/styles';

/** True when the field holds a secret: a PASSWORD, or a secret-looking key. */
export function isSecretField(field: ConnectorConfigField): boolean {
  return (
    field.type.toUpperCase() === 'PASSWORD' || isSecretConfigKey(field.name)
  );
}

/**
 * The client's own check of a secret field: a value must be a
 * config-provider reference, as the backend requires.
 */
export function secretFieldError(
  field: ConnectorConfigField,
  value: string | undefined,
): string | undefined {
  if (!isSecretField(field) || !value) return undefined;
  if (isConfigProviderReference(value)) return undefined;
  return `A literal secret is refused: give a config-provider reference such as ${referenceExample(
    field.name,
  )}.`;
}

export interface ConfigFieldInputProps {
  field: ConnectorConfigField;
  /** The value the user set; undefined means Connect's default applies. */
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  /** Errors to show under the field (Connect's and the client's own). */
  errors: string[];
}

/**
 * One key of a connector config, with the input its type calls for:
 * a switch for BOOLEAN, a number for INT/LONG/SHORT/DOUBLE, comma-separated
 * text for LIST, a select when Connect recommends values, and text for the
 * rest (secrets with a hint to give a config-provider reference). Connect's
 * display name is the label, its documentation the helper text, and the
 * default the placeholder.
 */
export const ConfigFieldInput = (props: ConfigFieldInputProps) => {
  const { field, value, onChange, errors } = props;
  const kind = inputKind(field);
  const id = `connector-config-${field.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const label = field.displayName || field.name;
  const secret = isSecretField(field);
  const hasError = errors.length > 0;
  const defaultValue =
    field.defaultValue !== null &&
    field.defaultValue !== '' &&
    field.defaultValue !== MASKED_VALUE
      ? field.defaultValue
      : undefined;

  const notes: ReactNode[] = [];
  if (kind === 'list') notes.push('Comma-separated. ');
  if (secret) {
    notes.push(
      `A secret: give a config-provider reference that the Connect worker resolves, such as ${referenceExample(
        field.name,
      )}; literal values are refused. `,
    );
  }
  const helperText = (
    <>
      {errors.map(e => (
        <Box key={e} component="span" display="block" sx={errorTextSx}>
          {e}
        </Box>
      ))}
      <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
        <Box component="span" sx={{ fontFamily: 'monospace' }}>
          {field.name}
        </Box>
        {defaultValue !== undefined ? ` (default ${defaultValue})` : ''}
        {field.documentation || notes.length ? ': ' : ''}
        {notes}
        {field.documentation}
      </Box>
    </>
  );

  if (kind === 'boolean') {
    const checked = (value ?? defaultValue ?? 'false') === 'true';
    const helperId = `${id}-helper`;
    return (
      <FormControl variant="standard" error={hasError} fullWidth margin="dense">
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <FormControlLabel
            control={
              <Switch
                id={id}
                checked={checked}
                onChange={e => onChange(String(e.target.checked))}
                color="primary"
                inputProps={{ 'aria-describedby': helperId }}
              />
            }
            label={field.required ? `${label} *` : label}
          />
          {value !== undefined && (
            <Button
              color="inherit"
              size="small"
              onClick={() => onChange(undefined)}
              aria-label={`Use the default of ${label}`}
            >
              Use default
            </Button>
          )}
        </Box>
        <FormHelperText id={helperId}>{helperText}</FormHelperText>
      </FormControl>
    );
  }

  if (kind === 'select') {
    const options = [...field.recommendedValues];
    if (value !== undefined && !options.includes(value)) options.push(value);
    return (
      <TextField
        variant="standard"
        select
        id={id}
        label={label}
        value={value ?? ''}
        onChange={e =>
          onChange(e.target.value === '' ? undefined : e.target.value)
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        required={field.required}
        error={hasError}
        helperText={helperText}
        fullWidth
        margin="dense"
      >
        <option value="">
          {defaultValue !== undefined ? `Default (${defaultValue})` : 'Not set'}
        </option>
        {options.map(option => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </TextField>
    );
  }

  const type = field.type.toUpperCase();
  return (
    <TextField
      variant="standard"
      id={id}
      label={label}
      value={value ?? ''}
      onChange={e =>
        onChange(e.target.value === '' ? undefined : e.target.value)
      }
      type={kind === 'number' ? 'number' : 'text'}
      placeholder={defaultValue}
      InputLabelProps={{ shrink: true }}
      inputProps={{
        spellCheck: false,
        autoComplete: 'off',
        ...(kind === 'number' ? { step: type === 'DOUBLE' ? 'any' : 1 } : {}),
      }}
      required={field.required}
      error={hasError}
      helperText={helperText}
      fullWidth
      margin="dense"
    />
  );
};
