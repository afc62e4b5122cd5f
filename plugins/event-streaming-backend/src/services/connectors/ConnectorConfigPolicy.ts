import { InputError, NotAllowedError } from '@backstage/errors';
import { ConnectPolicyConfig } from '@eventport/plugin-event-streaming-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { TopicPolicy } from '../topics/TopicPolicy';
import {
  classMatches,
  ConfigProblem,
  connectorConfigProblems,
} from './connectorRules';

/**
 * What a connector may touch, decided with its owner's rights before
 * anything reaches Kafka Connect: the plugin class, the topics it reads and
 * writes, files on the worker, client overrides and config-provider
 * references (see connectorRules.ts and the backend README, "Security model").
 */
export class ConnectorConfigPolicy {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly topics: TopicPolicy,
    readonly config: ConnectPolicyConfig,
  ) {}

  /** `source`, `sink`, or an InputError naming the plugins Connect has. */
  private async typeOf(cluster: string, className: string): Promise<string> {
    const plugins = await this.clusters.connect(cluster).listPlugins();
    const plugin = plugins.find(p => p.className === className);
    if (!plugin) {
      throw new InputError(
        `Kafka Connect of cluster '${cluster}' has no plugin '${className}' (see GET …/connectors/plugins).`,
      );
    }
    return plugin.type;
  }

  /** The problems of the config for its owner; empty when it may go on. */
  async problems(
    cluster: string,
    owner: string,
    config: Record<string, string>,
  ): Promise<ConfigProblem[]> {
    const className = config['connector.class'];
    if (!className) {
      throw new InputError(
        "The config must name the plugin in 'connector.class' (see GET …/connectors/plugins).",
      );
    }
    const environment = this.clusters.get(cluster).environment;
    const ctx = {
      owner,
      type: 'unknown',
      namespaces: this.topics.namespaces,
      policy: this.config,
      allowedClasses: this.config.allowedClasses[environment] ?? [],
    };
    // The class is checked before Connect is asked anything about it.
    const classProblems = connectorConfigProblems(ctx, className, {
      'connector.class': className,
    });
    if (classProblems.length) return classProblems;
    ctx.type = await this.typeOf(cluster, className);
    return connectorConfigProblems(ctx, className, config);
  }

  /** Throws 403 when a right is missing, else 400, listing every problem. */
  async assertAllowed(
    cluster: string,
    owner: string,
    config: Record<string, string>,
  ): Promise<void> {
    const problems = await this.problems(cluster, owner, config);
    if (!problems.length) return;
    const text = `The connector config is refused for ${owner}: ${problems
      .map(p => `${p.key} ${p.message}`)
      .join('; ')}.`;
    if (problems.some(p => p.kind === 'forbidden')) {
      throw new NotAllowedError(text);
    }
    throw new InputError(text);
  }

  /** True when the class captures a database (CDC pipelines only). */
  capturesDatabase(className: string): boolean {
    return classMatches(className, this.config.captureClasses);
  }

  /** Why a connector of this class may not be requested here, if so. */
  classRefusal(cluster: string, className: string): string | undefined {
    if (this.capturesDatabase(className)) {
      return `${className} captures a database: create it as a CDC pipeline, which the security reviewers decide.`;
    }
    const env = this.clusters.get(cluster).environment;
    if (!classMatches(className, this.config.allowedClasses[env] ?? [])) {
      return `${className} is not allowed in ${env} (eventStreaming.connect.allowedClasses.${env}).`;
    }
    return undefined;
  }
}
