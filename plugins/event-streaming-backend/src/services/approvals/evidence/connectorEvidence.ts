/**
 * Evidence of the connector requests: the topics the connector reads and
 * writes with their owners, the files, secret references and code it uses,
 * and for a change, the config diff. Values of secret settings never
 * appear: references are named, literal secrets are refused before a
 * request exists, and the diff is stored masked.
 */
import {
  ConfigChange,
  ConnectorCreatePayload,
  ConnectorDeletePayload,
  ConnectorUpdatePayload,
  EvidenceSection,
  Namespace,
} from '@eventport/plugin-event-streaming-common';
import { ClusterRegistry } from '../../ClusterRegistry';
import { connectorReach } from '../../connectors/connectorReach';
import { count, Fact, section } from './facts';

type ConnectClientOf = ReturnType<ClusterRegistry['connect']>;

export class ConnectorEvidence {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly namespaces: () => readonly Namespace[],
  ) {}

  create(p: ConnectorCreatePayload): Promise<EvidenceSection[]> {
    return this.reach(p.cluster, p.config);
  }

  async update(p: ConnectorUpdatePayload): Promise<EvidenceSection[]> {
    const changes = await section(
      'changes',
      'Config changes',
      'The config is unchanged.',
      () => p.changes.map(c => ({ label: c.key, detail: changeText(c) })),
    );
    return [changes, ...(await this.reach(p.cluster, p.config))];
  }

  /** What the connector moves now, read from Connect. */
  async delete(p: ConnectorDeletePayload): Promise<EvidenceSection[]> {
    // One read of Connect serves the state and the reach.
    let connector:
      | Awaited<ReturnType<ConnectClientOf['getConnector']>>
      | undefined;
    let problem: string | undefined;
    try {
      connector = await this.clusters.connect(p.cluster).getConnector(p.name);
    } catch (error) {
      if ((error as Error).name !== 'NotFoundError') {
        problem = (error as Error).message;
      }
    }
    const state = await section(
      'state',
      'What it does now',
      'Kafka Connect no longer knows it: the deletion has nothing left to remove.',
      () => {
        if (problem) throw new Error(problem);
        if (!connector) return [];
        const tasks = connector.status?.tasks ?? [];
        const running = tasks.filter(t => t.state === 'RUNNING').length;
        return [
          {
            label: (
              connector.status?.connector.state ?? 'state unknown'
            ).toLowerCase(),
            detail: `${running} of ${count(tasks.length, 'task')} running`,
          },
        ];
      },
    );
    return [
      state,
      ...(connector ? await this.reach(p.cluster, connector.config) : []),
    ];
  }

  /** The topics, files, references and classes of a config. */
  private async reach(
    cluster: string,
    config: Record<string, string>,
  ): Promise<EvidenceSection[]> {
    let type = 'unknown';
    let typeProblem: string | undefined;
    try {
      const plugins = await this.clusters.connect(cluster).listPlugins();
      type =
        plugins.find(pl => pl.className === config['connector.class'])?.type ??
        'unknown';
    } catch (error) {
      typeProblem = `Kafka Connect's plugin list could not be read, so whether it reads or writes its topics is unknown: ${
        (error as Error).message
      }`;
    }
    const reach = connectorReach(type, config, this.namespaces());
    const topics: EvidenceSection = {
      id: 'topics',
      title: 'Topics it reads and writes',
      empty: 'Its config names no topic.',
      items: reach.topics,
      ...(typeProblem && { problem: typeProblem }),
    };
    const as = (id: string, title: string, empty: string, items: Fact[]) => ({
      id,
      title,
      empty,
      items,
    });
    return [
      topics,
      as(
        'references',
        'Secrets it references',
        'It references no secret through a config provider.',
        reach.references,
      ),
      as('files', 'Files on the workers', 'It names no file.', reach.files),
      as('classes', 'Code it loads', 'It names no class.', reach.classes),
    ];
  }
}

/** One changed key in words; values as stored in the payload (masked). */
function changeText(c: ConfigChange): string {
  if (c.change === 'added') return `added: ${c.after ?? ''}`;
  if (c.change === 'removed') return `removed (was ${c.before ?? ''})`;
  return `${c.before ?? ''} → ${c.after ?? ''}`;
}
