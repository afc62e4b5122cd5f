/**
 * Which connector config values are secrets, and how to keep them out of
 * responses, logs, audit events and approval payloads.
 */

/**
 * What a masked value reads as, everywhere Eventport shows a config.
 *
 * @public
 */
export const MASKED_VALUE = '********';

/** A config-provider reference: `${provider:[path:]key}`, resolved by the worker. */
const PROVIDER_REFERENCE = /^\$\{[A-Za-z0-9_.-]+:[^{}]*\}$/;

const SECRET_SUFFIX = /(password|passwd|secret|token|key|credentials?)$/i;
const SECRET_KEYS = ['sasl.jaas.config', 'basic.auth.user.info'];

/**
 * True when a config key looks secret: its last part ends in `password`,
 * `secret`, `token` or `key` (`database.password`, `api.key`,
 * `client_secret`), or it is `sasl.jaas.config` (with any prefix, such as
 * `producer.override.`) or `basic.auth.user.info`.
 *
 * @public
 */
export function isSecretConfigKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (SECRET_KEYS.some(k => lower === k || lower.endsWith(`.${k}`))) {
    return true;
  }
  const last = lower.split('.').pop() ?? lower;
  return SECRET_SUFFIX.test(last);
}

/**
 * True when a value is a config-provider reference such as
 * `${file:/opt/connect/secrets.properties:pg.password}` or `${env:PG_PASSWORD}`:
 * the worker resolves it, so the value itself is no secret.
 *
 * @public
 */
export function isConfigProviderReference(value: string): boolean {
  return PROVIDER_REFERENCE.test(value.trim());
}

/**
 * The config with every secret-looking literal value replaced by
 * {@link MASKED_VALUE}. Config-provider references stay visible: they say
 * where the secret lives, not what it is.
 *
 * @public
 */
export function maskConfig(
  config: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      isSecretConfigKey(key) && !isConfigProviderReference(String(value))
        ? MASKED_VALUE
        : value,
    ]),
  );
}

/**
 * The keys whose values are literal secrets: a secret-looking key with a
 * non-empty value that is not a config-provider reference.
 *
 * @public
 */
export function literalSecretKeys(config: Record<string, string>): string[] {
  return Object.entries(config)
    .filter(
      ([key, value]) =>
        isSecretConfigKey(key) &&
        String(value).trim() !== '' &&
        !isConfigProviderReference(String(value)),
    )
    .map(([key]) => key)
    .sort();
}

/**
 * The message of a refusal of literal secrets, with the reference to use.
 *
 * @public
 */
export function literalSecretMessage(keys: string[]): string {
  const example = keys[0] ?? 'database.password';
  return (
    `${keys.join(', ')} ${
      keys.length === 1 ? 'holds' : 'hold'
    } a literal secret (or the hidden value ${MASKED_VALUE}). ` +
    `Connector configs must not contain secrets: give a config-provider reference that the Connect worker resolves, ` +
    `such as "${example}": "\${file:/opt/connect/secrets.properties:${example}}", ` +
    `"\${env:PG_PASSWORD}" or "\${secrets:team/db:password}".`
  );
}
