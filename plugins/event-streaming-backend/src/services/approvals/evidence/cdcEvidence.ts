/**
 * Evidence of the CDC requests: the personal data a pipeline sends to
 * Kafka and how, the topics it writes with their owners, the secrets it
 * references, the pre-flight checks that did not pass; for a change, what
 * changes; for a decommission, who still reads the topics it deletes.
 */
import {
  CdcArtefacts,
  CdcChangePayload,
  CdcDecommissionPayload,
  CdcDeployPayload,
  CdcPreflightCheck,
  configProviderReferences,
  EvidenceSection,
  Namespace,
  namespaceOf,
} from '@eventport/plugin-event-streaming-common';
import { ClusterRegistry } from '../../ClusterRegistry';
import { Fact, section } from './facts';
import { TopicFacts } from './TopicFacts';

const HANDLED: Record<string, string> = {
  exclude: 'left out',
  hash: 'hashed',
  mask: 'masked',
};

export class CdcEvidence {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly namespaces: () => readonly Namespace[],
    private readonly topics: TopicFacts,
  ) {}

  deploy(p: CdcDeployPayload): Promise<EvidenceSection[]> {
    return this.pipeline(p.cluster, p.artefacts, p.preflight);
  }

  async change(p: CdcChangePayload): Promise<EvidenceSection[]> {
    const changes = await section(
      'changes',
      'What the change does',
      'Nothing changes in what is captured.',
      () => [
        ...p.diff.addedTables.map(t => ({
          label: `captures ${t}`,
          detail: 'from the change on; its existing rows are not snapshotted',
        })),
        ...p.diff.removedTables.map(t => ({
          label: `stops capturing ${t}`,
          detail: 'its topic and schemas stay',
        })),
        ...p.diff.columns.map(c => ({
          label: `${c.table}.${c.column}: ${c.before} → ${c.after}`,
          detail: c.pii
            ? 'flagged as personal data'
            : 'not flagged as personal data',
        })),
      ],
    );
    return [
      changes,
      ...(await this.pipeline(p.cluster, p.artefacts, p.preflight)),
    ];
  }

  async decommission(p: CdcDecommissionPayload): Promise<EvidenceSection[]> {
    const removed = await section(
      'removes',
      'What it removes',
      'Nothing.',
      () => [
        { label: `connector ${p.connectorName}`, detail: 'stops capturing' },
        ...(p.slotName
          ? [
              {
                label: `replication slot ${p.slotName}`,
                detail: 'dropped on the source',
              },
            ]
          : []),
        ...(p.publicationName
          ? [
              {
                label: `publication ${p.publicationName}`,
                detail: 'dropped on the source',
              },
            ]
          : []),
        ...(p.deleteTopics
          ? p.topics.map(t => ({
              label: `topic ${t}`,
              detail: 'deleted, with its messages',
            }))
          : []),
        ...(p.deleteSchemas
          ? p.artifacts.map(a => ({
              label: `schema ${a}`,
              detail: 'deleted with every version',
            }))
          : []),
      ],
    );
    if (!p.deleteTopics) {
      return [removed];
    }
    const readers = await section(
      'readers',
      'Consumer groups reading the topics it deletes',
      'No consumer group has committed offsets on them.',
      async () => {
        const existing = await this.existingTopics(p.cluster);
        const facts: Fact[] = [];
        for (const topic of p.topics.filter(t => existing.has(t))) {
          for (const reader of await this.topics.readers(p.cluster, topic)) {
            facts.push({
              label: `${reader.label} reads ${topic}`,
              detail: reader.detail,
            });
          }
        }
        return facts;
      },
    );
    return [removed, readers];
  }

  private async existingTopics(cluster: string): Promise<Set<string>> {
    return new Set(
      (await this.clusters.admin(cluster).listTopics()).map(t => t.name),
    );
  }

  private async pipeline(
    cluster: string,
    artefacts: CdcArtefacts,
    preflight: CdcPreflightCheck[],
  ): Promise<EvidenceSection[]> {
    const columns = artefacts.tables.flatMap(t =>
      t.columns.map(c => ({ table: `${t.schema}.${t.table}`, ...c })),
    );
    const pii = columns.filter(c => c.pii);
    return Promise.all([
      section(
        'pii-clear',
        'Personal data sent in clear',
        'No column flagged as personal data is captured in clear.',
        () =>
          pii
            .filter(c => c.handling === 'capture')
            .map(c => ({
              label: `${c.table}.${c.name}`,
              detail: `${c.dataType}${c.piiReason ? `: ${c.piiReason}` : ''}`,
            })),
      ),
      section(
        'pii-protected',
        'Personal data hashed, masked or left out',
        'No column flagged as personal data is hashed, masked or left out.',
        () =>
          pii
            .filter(c => c.handling !== 'capture')
            .map(c => ({
              label: `${c.table}.${c.name}`,
              detail: HANDLED[c.handling] ?? c.handling,
            })),
      ),
      section('tables', 'Tables captured', 'No table.', () =>
        artefacts.tables.map(t => {
          const sent = t.columns.filter(c => c.handling !== 'exclude').length;
          return {
            label: `${t.schema}.${t.table}`,
            detail: `${sent} of ${t.columns.length} columns sent, to ${t.topic}`,
          };
        }),
      ),
      section('topics', 'Topics it writes', 'It writes no topic.', async () => {
        const existing = await this.existingTopics(cluster);
        const names = [
          ...artefacts.tables.map(t => t.topic),
          ...(artefacts.schemaHistoryTopic
            ? [artefacts.schemaHistoryTopic]
            : []),
        ];
        return names.map(topic => {
          const ns = namespaceOf(topic, this.namespaces());
          return {
            label: topic,
            detail: `${ns ? `owned by ${ns.owner}` : 'in no namespace'}, ${
              existing.has(topic) ? 'exists already' : 'created by the pipeline'
            }`,
          };
        });
      }),
      section(
        'references',
        'Secrets it references',
        'It references no secret through a config provider.',
        () =>
          Object.entries(artefacts.connectorConfig).flatMap(([key, value]) =>
            configProviderReferences(value).map(ref => ({
              label: ref.text,
              detail: `in ${key}; the worker resolves it, Eventport never reads its value`,
            })),
          ),
      ),
      section(
        'preflight',
        'Pre-flight checks that did not pass',
        'Every pre-flight check passed.',
        () =>
          preflight
            .filter(c => !c.passed)
            .map(c => ({
              label: c.title,
              detail: `${c.severity === 'warning' ? 'warning: ' : ''}${
                c.detail
              }`,
            })),
      ),
    ]);
  }
}
