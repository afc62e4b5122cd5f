import fs from 'fs';
import path from 'path';

/** The metrics of danielqsj/kafka-exporter that the dashboard may query. */
const EXPORTER_METRICS = new Set([
  'kafka_consumergroup_lag',
  'kafka_consumergroup_lag_sum',
  'kafka_consumergroup_current_offset',
  'kafka_topic_partition_current_offset',
  'kafka_topic_partition_oldest_offset',
  'kafka_topic_partitions',
  'kafka_topic_partition_under_replicated_partition',
  'kafka_topic_partition_in_sync_replica',
  'kafka_topic_partition_replicas',
  'kafka_topic_partition_leader',
  'kafka_brokers',
  'kafka_consumergroup_members',
]);

const PROMQL_KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);

interface Target {
  expr: string;
  datasource?: { type?: string; uid?: string };
}

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}

interface Variable {
  name: string;
  type: string;
  query?: string | { query: string };
  includeAll?: boolean;
  multi?: boolean;
  allValue?: string;
}

interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
}

const dashboard: Dashboard = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../grafana/eventport-kafka.json'),
    'utf8',
  ),
);

/** Every panel, with the panels of collapsed rows. */
const panels = dashboard.panels.flatMap(p => [p, ...(p.panels ?? [])]);
/** Rows only group panels; they run no queries. */
const queryPanels = panels.filter(p => p.type !== 'row');

/**
 * The metric names an expression selects: what is left once strings, label
 * matchers, ranges, grouping clauses, function names and keywords are gone.
 */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(
      /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
      ' ',
    )
    .replace(/\b[a-zA-Z_]\w*\s*\(/g, '(');
  return (stripped.match(/\b[a-zA-Z_:][\w:]*\b/g) ?? []).filter(
    name => !PROMQL_KEYWORDS.has(name),
  );
}

function variable(name: string): Variable {
  const found = dashboard.templating.list.find(v => v.name === name);
  if (!found) throw new Error(`no template variable ${name}`);
  return found;
}

function variableQuery(v: Variable): string | undefined {
  return typeof v.query === 'string' ? v.query : v.query?.query;
}

describe('grafana/eventport-kafka.json', () => {
  it('is the dashboard that link templates point at', () => {
    expect(dashboard.uid).toBe('eventport-kafka');
    expect(dashboard.title).toBe(
      'Eventport – Kafka topics and consumer groups',
    );
    expect(dashboard.schemaVersion).toBe(39);
  });

  it('queries only kafka-exporter metrics', () => {
    for (const panel of queryPanels) {
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        const names = metricNames(target.expr);
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) {
          expect({
            panel: panel.title,
            metric: name,
            known: EXPORTER_METRICS.has(name),
          }).toEqual({ panel: panel.title, metric: name, known: true });
        }
      }
    }
  });

  it('finds metric names in expressions', () => {
    expect(
      metricNames(
        'sum by (topic) (rate(kafka_topic_partition_current_offset{topic=~"$topic"}[5m]))',
      ),
    ).toEqual(['kafka_topic_partition_current_offset']);
    expect(
      metricNames(
        'count_values by (cluster) ("broker", kafka_topic_partition_leader) or up',
      ),
    ).toEqual(['kafka_topic_partition_leader', 'up']);
  });

  it('has the datasource, cluster, topic and consumergroup variables', () => {
    expect(variable('datasource')).toMatchObject({
      type: 'datasource',
      query: 'prometheus',
    });
    const cluster = variable('cluster');
    expect(cluster).toMatchObject({ type: 'query', includeAll: true });
    expect(variableQuery(cluster)).toBe('label_values(kafka_brokers, cluster)');
    // All must also match series without a cluster label.
    expect(cluster.allValue).toBe('.*');
    for (const name of ['topic', 'consumergroup']) {
      expect(variable(name)).toMatchObject({
        type: 'query',
        includeAll: true,
        multi: true,
      });
    }
    expect(variableQuery(variable('topic'))).toMatch(
      /^label_values\(kafka_topic_partitions\{.*\}, topic\)$/,
    );
    expect(variableQuery(variable('consumergroup'))).toMatch(
      /^label_values\(kafka_consumergroup_lag\{.*\}, consumergroup\)$/,
    );
  });

  it('has rows for topics, consumer groups and the cluster', () => {
    expect(panels.filter(p => p.type === 'row').map(p => p.title)).toEqual([
      'Topics',
      'Consumer groups',
      'Cluster',
    ]);
  });

  it('gives every panel its own id', () => {
    const ids = panels.map(p => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('queries the datasource variable in every panel', () => {
    for (const panel of queryPanels) {
      expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({
        panel: panel.title,
        uid: '${datasource}',
      });
      for (const target of panel.targets ?? []) {
        expect(target.datasource?.uid ?? '${datasource}').toBe('${datasource}');
      }
    }
  });
});
