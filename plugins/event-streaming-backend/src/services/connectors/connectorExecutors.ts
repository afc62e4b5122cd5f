import { ConflictError } from '@backstage/errors';
import {
  ConnectorCreatePayload,
  ConnectorDeletePayload,
  ConnectorUpdatePayload,
} from '@eventport/plugin-event-streaming-common';
import { ApprovalExecutor } from '../approvals/executors';
import { ClusterRegistry } from '../ClusterRegistry';
import { ConnectorOwnerStore } from './ConnectorOwnerStore';
import { withoutName } from './ConnectorRequests';
import { configHash } from './connectorModel';

const notFound = (error: unknown) => (error as Error).name === 'NotFoundError';

/** The live config, or undefined when the connector does not exist. */
async function liveConfig(
  clusters: ClusterRegistry,
  cluster: string,
  name: string,
) {
  try {
    return withoutName(
      (await clusters.connect(cluster).getConnector(name)).config,
    );
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}

const sameConfig = (
  a: Record<string, string> | undefined,
  b: Record<string, string>,
) =>
  a !== undefined &&
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(b).every(([k, v]) => a[k] === v);

/** Creates the approved connector with exactly the stored config, and records its owner. */
export function connectorCreateExecutor(
  clusters: ClusterRegistry,
  owners: ConnectorOwnerStore,
): ApprovalExecutor<ConnectorCreatePayload> {
  return {
    describe: p => `create connector '${p.name}' on cluster '${p.cluster}'`,
    async execute(p) {
      // The owner first, so the connector is never visible without one; but
      // only a connector Eventport created keeps it: when Connect answers
      // 409, somebody else's connector has that name, and the record that
      // was there before (or none) is put back.
      const before = await owners.get(p.cluster, p.name);
      await owners.set(p.cluster, p.name, p.owner, p.requestedBy);
      try {
        await clusters.connect(p.cluster).create(p.name, p.config);
      } catch (error) {
        await (before
          ? owners.set(p.cluster, p.name, before, p.requestedBy)
          : owners.remove(p.cluster, p.name)
        ).catch(() => undefined);
        throw error;
      }
    },
    isDone: async p =>
      sameConfig(await liveConfig(clusters, p.cluster, p.name), p.config),
  };
}

/** Replaces the connector's config with exactly the stored one. */
export function connectorUpdateExecutor(
  clusters: ClusterRegistry,
): ApprovalExecutor<ConnectorUpdatePayload> {
  return {
    describe: p =>
      `change ${p.changes.length} config ${
        p.changes.length === 1 ? 'key' : 'keys'
      } of connector '${p.name}' on cluster '${p.cluster}'`,
    async execute(p) {
      // Only onto the config that was reviewed: a change made since (through
      // Connect, or another request) must be reviewed again.
      if (p.baseConfigHash) {
        const live = await liveConfig(clusters, p.cluster, p.name);
        if (!live || configHash(live) !== p.baseConfigHash) {
          throw new ConflictError(
            `Connector '${p.name}' ${
              live ? 'has changed' : 'is gone'
            } since this change was requested; it was not applied. Request it again against the current config.`,
          );
        }
      }
      await clusters.connect(p.cluster).putConfig(p.name, p.config);
    },
    isDone: async p =>
      sameConfig(await liveConfig(clusters, p.cluster, p.name), p.config),
  };
}

/** Deletes the connector and forgets its recorded owner. */
export function connectorDeleteExecutor(
  clusters: ClusterRegistry,
  owners: ConnectorOwnerStore,
): ApprovalExecutor<ConnectorDeletePayload> {
  return {
    describe: p => `delete connector '${p.name}' on cluster '${p.cluster}'`,
    async execute(p) {
      await clusters.connect(p.cluster).delete(p.name);
      await owners.remove(p.cluster, p.name);
    },
    isDone: async p =>
      (await liveConfig(clusters, p.cluster, p.name)) === undefined,
  };
}
