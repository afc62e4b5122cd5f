/**
 * One connector's state, as Connect's `/status` reports it.
 *
 * @public
 */
export interface ConnectStatus {
  name: string;
  /** `source` or `sink`; Connect says `unknown` when it cannot tell. */
  type: string;
  connector: { state: string; workerId?: string; trace?: string };
  tasks: Array<{
    id: number;
    state: string;
    workerId?: string;
    trace?: string;
  }>;
}

/**
 * One connector with its config and state, from one expanded list call.
 *
 * @public
 */
export interface ConnectConnector {
  name: string;
  type: string;
  /** Raw config: secrets are NOT masked here; callers mask before answering. */
  config: Record<string, string>;
  status?: ConnectStatus;
}

/**
 * An installed plugin, from `GET /connector-plugins`.
 *
 * @public
 */
export interface ConnectPlugin {
  className: string;
  type: string;
  version?: string;
}

/**
 * One key of a plugin's config definition.
 *
 * @public
 */
export interface ConnectConfigDefinition {
  name: string;
  type: string;
  required: boolean;
  defaultValue: string | null;
  importance: string;
  documentation: string;
  group: string | null;
  displayName: string;
  order: number;
}

/**
 * Connect's answer to `PUT /connector-plugins/:class/config/validate`.
 *
 * @public
 */
export interface ConnectValidation {
  name: string;
  errorCount: number;
  groups: string[];
  configs: Array<{
    definition: ConnectConfigDefinition;
    value: {
      name: string;
      value: string | null;
      recommendedValues: string[];
      errors: string[];
      visible: boolean;
    };
  }>;
}

/**
 * A cluster's Kafka Connect REST API. Every call has a timeout, and a 409
 * that Connect gives while the group rebalances is retried with backoff.
 * Failures are `@backstage/errors` types: NotFoundError for an unknown
 * connector, InputError for a config Connect refuses, ConflictError for a
 * name that exists, ServiceUnavailableError (503) when Connect cannot be
 * reached or stays in a rebalance, and a 502 error for other failures.
 *
 * @public
 */
export interface ConnectClient {
  /** Every connector with config and status, in one call (`?expand=`). */
  listConnectors(): Promise<ConnectConnector[]>;
  getConnector(name: string): Promise<ConnectConnector>;
  getStatus(name: string): Promise<ConnectStatus>;
  /** The topics Connect recorded the connector using. */
  getTopics(name: string): Promise<string[]>;
  pause(name: string): Promise<void>;
  resume(name: string): Promise<void>;
  stop(name: string): Promise<void>;
  restart(
    name: string,
    options: { includeTasks: boolean; onlyFailed: boolean },
  ): Promise<void>;
  restartTask(name: string, task: number): Promise<void>;
  listPlugins(): Promise<ConnectPlugin[]>;
  /**
   * The plugin's config definition (`GET /connector-plugins/{class}/config`):
   * no value is sent, so nothing is resolved.
   */
  pluginConfig(className: string): Promise<ConnectConfigDefinition[]>;
  validate(
    className: string,
    config: Record<string, string>,
  ): Promise<ConnectValidation>;
  /** Creates the connector; ConflictError when the name exists. */
  create(name: string, config: Record<string, string>): Promise<void>;
  /** Replaces the connector's config (creates it when missing). */
  putConfig(name: string, config: Record<string, string>): Promise<void>;
  delete(name: string): Promise<void>;
}
