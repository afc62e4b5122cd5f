import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  eventStreaming?: {
    /** Settings of the Eventport catalog module. */
    catalog?: {
      /**
       * How often each cluster's entities are refreshed in full.
       * Defaults to every 10 minutes, with a 5 minute timeout. Changes made
       * through Eventport show at once, whatever the schedule.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * The owner of topics, schemas and connectors that no namespace,
       * label or Eventport record gives one, as an entity ref.
       * Defaults to `group:default/unowned`.
       */
      defaultOwner?: string;
    };
  };
}
