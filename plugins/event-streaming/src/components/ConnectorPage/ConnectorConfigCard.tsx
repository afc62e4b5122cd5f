import { InfoCard } from '@backstage/core-components';
import type { ConnectorDetail } from '@eventport/plugin-event-streaming-common';
import { ConnectorConfigTable } from '../ConnectorConfig';

/** A connector's config as Connect holds it, with secrets hidden. */
export const ConnectorConfigCard = (props: { connector: ConnectorDetail }) => (
  <InfoCard
    title="Config"
    subheader="Secret values are hidden; config-provider references show where a secret lives."
    noPadding
  >
    <ConnectorConfigTable
      config={props.connector.config}
      label={`Config of ${props.connector.name}`}
    />
  </InfoCard>
);
