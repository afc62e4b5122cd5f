import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import type { TopicConfigEntry } from '@eventport/plugin-event-streaming-common';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { configValueInWords } from '../../lib/topicConfigs';
import { BreakableName } from '../BreakableName';

const columns: TableColumn<TopicConfigEntry>[] = [
  {
    title: 'Config',
    field: 'name',
    render: row =>
      row.source === 'set' ? (
        <strong>
          <BreakableName name={row.name} />
        </strong>
      ) : (
        <BreakableName name={row.name} />
      ),
  },
  {
    title: 'Value',
    field: 'value',
    render: row => {
      if (row.sensitive) return '(hidden)';
      if (row.value === null || row.value === undefined) return '—';
      const words = configValueInWords(row.name, row.value);
      if (!words) return <BreakableName name={row.value} />;
      return (
        <>
          {words}{' '}
          <Typography component="span" variant="caption" color="text.secondary">
            ({row.value})
          </Typography>
        </>
      );
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
        title="Configs of the topic"
        options={{
          paging: false,
          toolbar: true,
          search: true,
          showTitle: false,
          searchFieldAlignment: 'left',
          padding: 'dense',
        }}
        columns={columns}
        data={sorted}
      />
    </InfoCard>
  );
};
