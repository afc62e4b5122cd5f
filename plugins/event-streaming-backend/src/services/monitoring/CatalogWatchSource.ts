import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { WatchSource } from './OffsetSampler';

/**
 * The community Kafka plugin's annotation: a comma list of
 * `<cluster>/<group>` that a component consumes as.
 */
export const CONSUMER_GROUPS_ANNOTATION = 'kafka.apache.org/consumer-groups';

/** Groups named on catalog entities, re-read from the catalog at most this often. */
const REFRESH_MS = 60_000;

/** Parses the annotation's value into cluster → groups. */
export function parseConsumerGroups(value: string): Array<{
  cluster: string;
  group: string;
}> {
  return value
    .split(',')
    .map(entry => entry.trim())
    .flatMap(entry => {
      const slash = entry.indexOf('/');
      if (slash <= 0 || slash === entry.length - 1) return [];
      return [
        { cluster: entry.slice(0, slash), group: entry.slice(slash + 1) },
      ];
    });
}

/**
 * The groups on catalog entities, from the `kafka.apache.org/consumer-groups`
 * annotation: the sampler watches them, so that their entity pages have
 * history. When the catalog cannot be read, the last answer is kept.
 */
export class CatalogWatchSource implements WatchSource {
  private last: { at: number; byCluster: Map<string, string[]> } | undefined;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  private async read(): Promise<Map<string, string[]>> {
    if (this.last && Date.now() - this.last.at < REFRESH_MS) {
      return this.last.byCluster;
    }
    try {
      const { items } = await this.catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${CONSUMER_GROUPS_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          fields: [`metadata.annotations.${CONSUMER_GROUPS_ANNOTATION}`],
        },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      const byCluster = new Map<string, string[]>();
      for (const entity of items) {
        const value =
          entity.metadata.annotations?.[CONSUMER_GROUPS_ANNOTATION] ?? '';
        for (const { cluster, group } of parseConsumerGroups(value)) {
          byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), group]);
        }
      }
      this.last = { at: Date.now(), byCluster };
    } catch (error) {
      this.logger.warn(
        `Reading consumer groups from the catalog failed; keeping the last answer: ${
          (error as Error).message
        }`,
      );
    }
    return this.last?.byCluster ?? new Map();
  }

  async watched(cluster: string) {
    return { groups: (await this.read()).get(cluster) ?? [], topics: [] };
  }
}
