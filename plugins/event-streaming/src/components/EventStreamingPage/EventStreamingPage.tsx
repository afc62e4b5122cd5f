import { Content, Header, Page } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { ClusterHealthCard } from '../ClusterHealthCard';

/** The Event Streaming page, the same in both frontend systems. */
export const EventStreamingPage = () => (
  <Page themeId="tool">
    <Header
      title="Event Streaming"
      subtitle="Kafka topics, schemas and connectors for your team"
    />
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <ClusterHealthCard />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
