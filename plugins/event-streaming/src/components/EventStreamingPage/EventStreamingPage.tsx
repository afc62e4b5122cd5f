import { Header, Page, TabbedLayout } from '@backstage/core-components';
import Grid from '@mui/material/Grid';
import { Route, Routes } from 'react-router-dom';
import { ApprovalsTab } from '../ApprovalsTab';
import { CdcPipelinePage } from '../CdcPipelinePage';
import { CdcPipelinesTab } from '../CdcPipelinesTab';
import { CdcWizard } from '../CdcWizard';
import { CdcChangePage } from '../CdcChangePage';
import { ClusterHealthCard } from '../ClusterHealthCard';
import { ConnectorPage } from '../ConnectorPage';
import { ConnectorsTab } from '../ConnectorsTab';
import { ConsumerGroupPage } from '../ConsumerGroupPage';
import { ConsumerGroupsTab } from '../ConsumerGroupsTab';
import { SchemaPage } from '../SchemaPage';
import { SchemasTab } from '../SchemasTab';
import { TopicPage } from '../TopicPage';
import { TopicsTab } from '../TopicsTab';
import { WordSafeTables } from '../WordSafeTables';

const EventStreamingHome = () => (
  <Page themeId="tool">
    <Header
      title="Event Streaming"
      subtitle="Kafka topics, schemas, connectors and consumer groups for your team"
    />
    <TabbedLayout>
      <TabbedLayout.Route path="/" title="Topics">
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <TopicsTab />
          </Grid>
          <Grid item xs={12}>
            <ClusterHealthCard />
          </Grid>
        </Grid>
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/schemas" title="Schemas">
        <SchemasTab />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/connectors" title="Connectors">
        <ConnectorsTab />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/consumer-groups" title="Consumer groups">
        <ConsumerGroupsTab />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/cdc" title="CDC pipelines">
        <CdcPipelinesTab />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/approvals" title="Approvals">
        <ApprovalsTab />
      </TabbedLayout.Route>
    </TabbedLayout>
  </Page>
);

/**
 * The Event Streaming page, the same in both frontend systems. Its own routes
 * (see `routes.ts`) are relative to where the app mounts it: the tabs at `/`,
 * `/schemas`, `/connectors`, `/consumer-groups`, `/cdc` and `/approvals`, the
 * CDC wizard at `/cdc/new`, a pipeline at `/cdc/pipelines/:id`, a topic at
 * `/clusters/:cluster/topics/:topic`, a schema at
 * `/clusters/:cluster/schemas/:groupId/:artifactId`, a connector at
 * `/clusters/:cluster/connectors/:name` and a consumer group at
 * `/clusters/:cluster/consumer-groups/:group`.
 */
export const EventStreamingPage = () => (
  <WordSafeTables>
    <Routes>
      <Route path="/clusters/:cluster/topics/:topic" element={<TopicPage />} />
      <Route
        path="/clusters/:cluster/schemas/:groupId/:artifactId"
        element={<SchemaPage />}
      />
      <Route
        path="/clusters/:cluster/connectors/:name"
        element={<ConnectorPage />}
      />
      <Route
        path="/clusters/:cluster/consumer-groups/:group"
        element={<ConsumerGroupPage />}
      />
      <Route path="/cdc/new" element={<CdcWizard />} />
      <Route path="/cdc/pipelines/:id" element={<CdcPipelinePage />} />
      <Route path="/cdc/pipelines/:id/change" element={<CdcChangePage />} />
      <Route path="/*" element={<EventStreamingHome />} />
    </Routes>
  </WordSafeTables>
);
