import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import type { TopicConfigEntry } from '@eventport/plugin-event-streaming-common';
import Chip from '@mui/material/Chip';

const columns: TableColumn<TopicConfigEntry>[] = [
  {
    title: 'Config',
    field: 'name',
    render: row =>
      row.source === 'set' ? <strong>{row.name}</strong> : row.name,
  },
  {
    title: 'Value',
    field: 'value',
    render: row => {
      if (row.sensitive) return '(hidden)';
      return row.value ?? '—';
    },
  },
  {
    title: 'Source',
    field: 'source',
    render: row =>
      row.source === 'set' ? (
        <Chip size="small" color="primary" label="Set on topic" />
      ) : (
        'Default'
      ),
  },
];

/** A topic's configs; values set on the topic stand out from defaults. */
export const TopicConfigsCard = (props: { configs: TopicConfigEntry[] }) => {
  const setCount = props.configs.filter(c => c.source === 'set').length;
  // Values set on the topic first, then defaults; each group by name.
  const rank = (c: TopicConfigEntry) => (c.source === 'set' ? 0 : 1);
  const sorted = [...props.configs].sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name),
  );
  return (
    <InfoCard
      title="Configs"
      subheader={`${setCount} set on the topic, ${
        props.configs.length - setCount
      } defaults`}
      noPadding
    >
      <Table<TopicConfigEntry>
        options={{
          paging: false,
          toolbar: false,
          padding: 'dense',
        }}
        columns={columns}
        data={sorted}
      />
    </InfoCard>
  );
};
