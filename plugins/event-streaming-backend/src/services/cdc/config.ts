import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CdcSourceSummary,
  CdcSourceType,
  cdcSourceTypeSchema,
  isConfigProviderReference,
} from '@eventport/plugin-event-streaming-common';

/**
 * One entry of `eventStreaming.cdc.sources`. The password never leaves the
 * backend: not in answers, messages or logs.
 */
export interface CdcSourceConfig {
  /** The key under `eventStreaming.cdc.sources`. */
  id: string;
  type: CdcSourceType;
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** Per connection attempt and per query; default 10 s. */
  timeoutMs: number;
  /**
   * What the Debezium connector is given instead of the password: a
   * config-provider reference that the Connect worker resolves.
   */
  passwordReference: string;
  /** Host and port as the Connect worker reaches the database (default: host, port). */
  connectorHost: string;
  connectorPort: number;
  /** Groups that may use the source besides its catalog entity's owner. */
  users: string[];
}

/** The default reference: `${env:EVENTPORT_CONNECT_<ID>_PASSWORD}`. */
export function defaultPasswordReference(id: string): string {
  return `\${env:EVENTPORT_CONNECT_${id
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '_')}_PASSWORD}`;
}

const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const DEFAULT_PORTS: Record<CdcSourceType, number> = {
  postgres: 5432,
  mariadb: 3306,
  mysql: 3306,
};
export const DEFAULT_CDC_TIMEOUT_MS = 10_000;

function readSource(id: string, config: Config): CdcSourceConfig {
  const key = `eventStreaming.cdc.sources.${id}`;
  if (!SOURCE_ID.test(id)) {
    throw new InputError(
      `${key}: the id must be up to 63 letters, digits, '_' or '-', starting with a letter or digit`,
    );
  }
  const type = cdcSourceTypeSchema.safeParse(config.getString('type'));
  if (!type.success) {
    throw new InputError(
      `${key}.type must be one of ${cdcSourceTypeSchema.options.join(
        ', ',
      )}, got '${config.getString('type')}'`,
    );
  }
  const port = config.getOptionalNumber('port') ?? DEFAULT_PORTS[type.data];
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InputError(`${key}.port must be a port number, got ${port}`);
  }
  const timeoutMs =
    config.getOptionalNumber('timeoutMs') ?? DEFAULT_CDC_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new InputError(`${key}.timeoutMs must be positive, got ${timeoutMs}`);
  }
  const passwordReference =
    config.getOptionalString('connector.passwordReference') ??
    defaultPasswordReference(id);
  if (!isConfigProviderReference(passwordReference)) {
    throw new InputError(
      `${key}.connector.passwordReference must be a config-provider reference such as \${env:PG_PASSWORD} or \${file:/path/secrets.properties:pg.password}, never the password itself`,
    );
  }
  const host = config.getString('host');
  return {
    id,
    type: type.data,
    host,
    port,
    passwordReference,
    connectorHost: config.getOptionalString('connector.host') ?? host,
    connectorPort: config.getOptionalNumber('connector.port') ?? port,
    database: config.getString('database'),
    user: config.getString('user'),
    password: config.getOptionalString('password'),
    timeoutMs,
    users: config.getOptionalStringArray('users') ?? [],
  };
}

/**
 * Reads `eventStreaming.cdc.sources` from the root config, in key order. A
 * misconfiguration fails with a message naming the key (never the password).
 */
export function readCdcSourceConfigs(config: Config): CdcSourceConfig[] {
  const sources = config.getOptionalConfig('eventStreaming.cdc.sources');
  if (!sources) return [];
  return sources.keys().map(id => readSource(id, sources.getConfig(id)));
}

/** What the portal may show of a source: everything but the password. */
export function cdcSourceSummary(source: CdcSourceConfig): CdcSourceSummary {
  const { id, type, host, port, database, user } = source;
  return { id, type, host, port, database, user };
}
