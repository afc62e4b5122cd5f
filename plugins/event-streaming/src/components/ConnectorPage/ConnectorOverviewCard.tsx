import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import type { ConnectorDetail } from '@eventport/plugin-event-streaming-common';
import { TYPE_LABELS } from '../../lib/connectors';
import { BreakableName } from '../BreakableName';
import { ConnectorStateChip } from '../ConnectorStateChip';
import { EntityRef } from '../EntityRef';

/** State, type, class, worker, owner and tasks of one connector. */
export const ConnectorOverviewCard = (props: {
  connector: ConnectorDetail;
  cluster: string;
  /** A link to the connector's own page, e.g. from its catalog entity. */
  deepLink?: { title: string; link: string };
}) => {
  const { connector: c } = props;
  const metadata: Record<string, unknown> = {
    state: <ConnectorStateChip state={c.state} tasks={c.tasks} />,
    type: TYPE_LABELS[c.type],
    class: c.className ? <BreakableName name={c.className} /> : '—',
    worker: c.workerId ? <BreakableName name={c.workerId} /> : 'not assigned',
    owner: (
      <EntityRef
        entityRef={c.owner}
        fallback="nobody (outside every namespace)"
      />
    ),
    tasks: `${c.tasks.running} of ${c.tasks.total} running${
      c.tasks.failed ? `, ${c.tasks.failed} failed` : ''
    }${c.tasks.paused ? `, ${c.tasks.paused} paused` : ''}`,
    cluster: props.cluster,
  };
  return (
    <InfoCard title="Overview" deepLink={props.deepLink}>
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
};
