import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CatalogSnapshot,
  catalogSnapshotSchema,
  EVENT_STREAMING_PLUGIN_ID,
} from '@eventport/plugin-event-streaming-common';

/**
 * Where a provider reads its cluster from.
 *
 * @public
 */
export interface SnapshotSource {
  snapshot(cluster: string): Promise<CatalogSnapshot>;
}

/**
 * Reads a cluster from the Eventport backend plugin
 * (`GET /api/event-streaming/catalog/clusters/:cluster`), with the catalog's
 * own service credentials. The backend holds the clients, the namespaces and
 * the records of what was created through Eventport; the catalog module
 * only maps them to entities.
 */
export class BackendSnapshotSource implements SnapshotSource {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async snapshot(cluster: string): Promise<CatalogSnapshot> {
    const baseUrl = await this.discovery.getBaseUrl(EVENT_STREAMING_PLUGIN_ID);
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: EVENT_STREAMING_PLUGIN_ID,
    });
    const response = await fetch(
      `${baseUrl}/catalog/clusters/${encodeURIComponent(cluster)}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const parsed = catalogSnapshotSchema.safeParse(await response.json());
    if (!parsed.success) {
      throw new Error(
        `The event-streaming backend answered a snapshot of cluster '${cluster}' this module cannot read (are both packages the same version?): ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }
}
