import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import type { PartitionDetail } from '@eventport/plugin-event-streaming-common';

const list = (ids: number[]) => ids.join(', ');

const columns: TableColumn<PartitionDetail>[] = [
  { title: 'Partition', field: 'partition', type: 'numeric' },
  { title: 'Leader', field: 'leader', type: 'numeric' },
  { title: 'Replicas', render: row => list(row.replicas) },
  {
    title: 'In-sync replicas',
    render: row =>
      row.isr.length < row.replicas.length
        ? `${list(row.isr)} (under-replicated)`
        : list(row.isr),
  },
  { title: 'Earliest offset', field: 'earliestOffset', align: 'right' },
  { title: 'Latest offset', field: 'latestOffset', align: 'right' },
];

/** Leader, replicas, in-sync replicas and offsets of every partition. */
export const TopicPartitionsCard = (props: {
  partitions: PartitionDetail[];
}) => (
  <InfoCard title="Partitions" noPadding>
    <Table<PartitionDetail>
      options={{ paging: false, toolbar: false, padding: 'dense' }}
      columns={columns}
      data={props.partitions}
    />
  </InfoCard>
);
