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

const SECRET_SUFFIX =
  /(password|passwd|passphrase|secret|token|key|credentials?)$/i;
const SECRET_KEYS = [
  'sasl.jaas.config',
  'basic.auth.user.info',
  'http.headers',
  'access.key.id',
];

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
 * Kafka Connect's own pattern for config-provider references
 * (`ConfigTransformer.DEFAULT_PATTERN`): `${provider:[path:]key}`, anywhere
 * inside a value. The worker replaces every match before it validates or
 * starts a connector.
 */
const REFERENCE_PATTERN = /\$\{([^}]*?):(?:([^}]*?):)?([^}]*?)\}/g;

/**
 * One config-provider reference inside a config value.
 *
 * @public
 */
export interface ConfigProviderReference {
  /** The reference as written, such as `${env:PG_PASSWORD}`. */
  text: string;
  /** The provider's name on the worker (`file`, `env`, `dir`, …). */
  provider: string;
  /** The path part (a file or folder), when there is one. */
  path?: string;
  /** The key inside the provider. */
  key: string;
}

/**
 * Every config-provider reference in a value, as Kafka Connect finds them:
 * whole values and references embedded in other text alike.
 *
 * @public
 */
export function configProviderReferences(
  value: string,
): ConfigProviderReference[] {
  const found: ConfigProviderReference[] = [];
  for (const m of String(value).matchAll(REFERENCE_PATTERN)) {
    found.push({
      text: m[0],
      provider: m[1],
      path: m[2],
      key: m[3],
    });
  }
  return found;
}

/** `scheme://user:password@host`, or `password=` inside a URL or connection string. */
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^@\s/]+)@/i;
const URL_PARAMETER =
  /(?:^|[?&;\s])(?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|sas|sig)=([^&;\s]+)/i;

/**
 * True when a value carries a literal credential whatever its key: a URL
 * with `user:password@`, or a `password=` (or `token=`, `secret=`, …)
 * parameter, unless the credential is a config-provider reference.
 *
 * @public
 */
export function valueHoldsCredential(value: string): boolean {
  for (const pattern of [URL_USERINFO, URL_PARAMETER]) {
    const m = pattern.exec(String(value));
    if (m && !isConfigProviderReference(m[1]) && !m[1].startsWith('${')) {
      return true;
    }
  }
  return false;
}

/** True when the value of this key must not be shown. */
function isSecretEntry(key: string, value: string): boolean {
  const text = String(value);
  if (isSecretConfigKey(key)) return !isConfigProviderReference(text);
  return valueHoldsCredential(text);
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
      isSecretEntry(key, value) && String(value) !== '' ? MASKED_VALUE : value,
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
        String(value).trim() !== '' &&
        (valueHoldsCredential(String(value)) ||
          (isSecretConfigKey(key) &&
            !isConfigProviderReference(String(value)) &&
            !onlyReferencedSecrets(String(value)))),
    )
    .map(([key]) => key)
    .sort();
}

/**
 * True for a value such as a JAAS line whose secrets are all references
 * (`… password="${file:/s.properties:pw}";`): no literal secret is left once
 * the references are taken out, as long as the value names none in clear.
 */
function onlyReferencedSecrets(value: string): boolean {
  if (configProviderReferences(value).length === 0) return false;
  const rest = value.replace(REFERENCE_PATTERN, '');
  return !/(password|secret|token)\s*=\s*"[^"$]+"/i.test(rest);
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
