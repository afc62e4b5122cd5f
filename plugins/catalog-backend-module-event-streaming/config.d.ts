import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  eventStreaming?: {
    /** Settings of the Eventport catalog module. */
    catalog?: {
      /**
       * How often each cluster's entities are refreshed in full.
       * Defaults to every 10 minutes, with a 5 minute timeout.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
