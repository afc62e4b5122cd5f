// Kafka Connect resolves config-provider references before it validates, so
// its answers can carry the resolved values: in a field's `value` and in
// messages such as "Invalid value <value> for configuration tasks.max".
// These helpers put back what the caller sent, and withhold what they did not.
import { configProviderReferences } from '@eventport/plugin-event-streaming-common';

const INVALID_VALUE = /Invalid value ([\s\S]*?) for configuration ([^\s:]+)/g;

const hasReference = (value: string | undefined) =>
  value !== undefined && configProviderReferences(value).length > 0;

/**
 * A Connect message with every "Invalid value X for configuration K" set to
 * the value the caller sent for K, or withheld when K holds a reference or
 * was not sent.
 */
export function scrubConnectMessage(
  message: string,
  sent: Record<string, string>,
): string {
  return message.replace(INVALID_VALUE, (_all, _value, key: string) => {
    const given = sent[key];
    const shown =
      given === undefined || hasReference(given) ? '(withheld)' : given;
    return `Invalid value ${shown} for configuration ${key}`;
  });
}

/**
 * A field of Connect's validation as the caller may see it: the value they
 * sent, and for a setting that holds a reference no error text unless
 * Connect types it PASSWORD (Connect hides those values itself).
 */
export function scrubField(
  field: { name: string; type: string; value: string | null; errors: string[] },
  sent: Record<string, string>,
): { value: string | null; errors: string[] } {
  const given = sent[field.name];
  const errors = field.errors.map(e => scrubConnectMessage(e, sent));
  if (!hasReference(given)) {
    return { value: given ?? field.value, errors };
  }
  return {
    value: given,
    errors:
      field.type === 'PASSWORD' || errors.length === 0
        ? errors
        : [
            'Kafka Connect refused the value this reference resolves to; its message is withheld because it could contain the resolved secret.',
          ],
  };
}
