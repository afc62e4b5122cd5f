import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { startSweptTestBackend } from './secretSweep';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createEventStreamingPlugin } from '../plugin';
import { EventStreamingOverrides } from '../services/EventStreamingServices';
import { eventStreamingConfig } from './config';

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const entity = (
  kind: 'User' | 'Group',
  name: string,
  relations: Array<[string, string]>,
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: kind === 'Group' ? { type: 'team', children: [] } : {},
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

/**
 * The demo organisation of `USERS` as catalog entities: the notifications
 * backend resolves a group recipient to its members through them.
 */
export const ORG_ENTITIES = [
  entity('Group', 'team-a', [
    ['hasMember', 'user:default/guest'],
    ['hasMember', 'user:default/gail'],
  ]),
  entity('Group', 'team-b', [['hasMember', 'user:default/alice']]),
  entity('User', 'guest', [['memberOf', TEAM_A]]),
  entity('User', 'gail', [['memberOf', TEAM_A]]),
  entity('User', 'alice', [['memberOf', TEAM_B]]),
  entity('Group', 'platform-team', [['hasMember', 'user:default/pat']]),
  entity('User', 'pat', [['memberOf', 'group:default/platform-team']]),
];

const GROUPS: Record<string, string[]> = {
  'user:default/guest': [TEAM_A],
  'user:default/gail': [TEAM_A],
  'user:default/alice': [TEAM_B],
  'user:default/pat': ['group:default/platform-team'],
};

/** Each plugin on its own database, as in a real Backstage. */
function databasesByPlugin(byPlugin: Record<string, Knex>) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => ({
      getClient: async () => byPlugin[plugin.getId()],
    }),
  });
}

/** A notification as the notifications REST API lists it. */
export interface ReceivedNotification {
  id: string;
  created: string;
  updated: string | null;
  read: string | null;
  payload: Record<string, string>;
}

/**
 * Our plugin next to Backstage's real notifications backend, each on its
 * own database, with an in-memory catalog of the demo organisation.
 * `inbox(user)` reads what a user received through the notifications API.
 */
export async function startBackendWithNotifications(options: {
  knex: Knex;
  notificationsKnex: Knex;
  kafka: { bootstrapServers: string[] };
  overrides?: EventStreamingOverrides;
  /** More of `eventStreaming`, such as `cdc`. */
  eventStreaming?: Record<string, unknown>;
}) {
  const config = eventStreamingConfig(options.kafka.bootstrapServers);
  const backend = await startSweptTestBackend({
    features: [
      createEventStreamingPlugin(options.overrides),
      notificationsPlugin,
      catalogServiceMock.factory({ entities: ORG_ENTITIES }),
      databasesByPlugin({
        'event-streaming': options.knex,
        notifications: options.notificationsKnex,
      }),
      mockServices.rootConfig.factory({
        data: {
          // The notifications backend makes relative links absolute.
          app: { baseUrl: 'http://localhost:3000' },
          ...config,
          eventStreaming: {
            ...config.eventStreaming,
            ...options.eventStreaming,
            // Tests drive the sampler and the evaluator by hand.
            monitoring: { enabled: false },
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.userInfo.mock({
        async getUserInfo(credentials) {
          const ref = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
          };
        },
      }).factory,
    ],
  });
  const as = (user: string) => mockCredentials.user.header(user);
  return {
    backend,
    as,
    /** The user's notifications, oldest first. */
    async inbox(user: string): Promise<ReceivedNotification[]> {
      const res = await request(backend.server)
        .get('/api/notifications/notifications?orderField=created,asc')
        .set('Authorization', as(user));
      if (res.status !== 200) {
        throw new Error(
          `Notifications API answered ${res.status}: ${res.text}`,
        );
      }
      return res.body.notifications;
    },
  };
}
