import TextField from '@mui/material/TextField';

/**
 * The name a requester types to confirm a destructive request; it says
 * when the typed name does not match.
 */
export const ConfirmNameField = (props: {
  id: string;
  /** What is named, e.g. "topic": "Type the topic name to confirm". */
  what: string;
  expected: string;
  value: string;
  onChange: (value: string) => void;
}) => {
  const { value, expected } = props;
  const mismatch = value.length > 0 && value !== expected;
  return (
    <TextField
      variant="standard"
      id={props.id}
      label={`Type the ${props.what} name to confirm`}
      value={value}
      onChange={e => props.onChange(e.target.value)}
      error={mismatch}
      helperText={mismatch ? `Does not match ${expected}` : expected}
      autoComplete="off"
      fullWidth
      margin="normal"
    />
  );
};

/** The reason of a request, which the approvers read when they decide. */
export const ReasonField = (props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
}) => (
  <TextField
    variant="standard"
    id={props.id}
    label="Reason"
    value={props.value}
    onChange={e => props.onChange(e.target.value)}
    inputProps={{ maxLength: props.maxLength ?? 1000 }}
    helperText="Approvers read this when they decide"
    required
    multiline
    minRows={2}
    fullWidth
    margin="normal"
  />
);
