import {
  ClusterHealth,
  HealthResponse,
} from '@eventport/plugin-event-streaming-common';
import { ClusterRegistry } from './ClusterRegistry';

/** Checks each configured cluster's reachability, all clusters at once. */
export class HealthService {
  static create(options: { clusters: ClusterRegistry }) {
    return new HealthService(options.clusters);
  }

  private constructor(private readonly clusters: ClusterRegistry) {}

  async check(): Promise<HealthResponse> {
    const results = await Promise.all(
      this.clusters.list().map(async (cluster): Promise<ClusterHealth> => {
        const started = Date.now();
        try {
          const description = await this.clusters
            .admin(cluster.name)
            .describeCluster();
          return {
            name: cluster.name,
            environment: cluster.environment,
            reachable: true,
            latencyMs: Date.now() - started,
            clusterId: description.clusterId,
            controllerId: description.controllerId,
            brokers: description.brokers,
          };
        } catch (error) {
          return {
            name: cluster.name,
            environment: cluster.environment,
            reachable: false,
            latencyMs: Date.now() - started,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
    return {
      status: results.every(r => r.reachable) ? 'ok' : 'degraded',
      checkedAt: new Date().toISOString(),
      clusters: results,
    };
  }
}
