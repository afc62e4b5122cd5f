/*
 * The Eventport demo backend. It wires the Backstage core plugins that the
 * demo needs and every Eventport backend package.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Auth: the guest provider signs the browser in as user:default/guest.
// oauth2Proxy is enabled in app-config.yaml for development only: it lets
// `npm run dev:token -- user:default/<name>` mint a token for any demo user.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(
  import('@backstage/plugin-auth-backend-module-oauth2-proxy-provider'),
);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Eventport
backend.add(import('@eventport/plugin-event-streaming-backend'));
backend.add(import('@eventport/plugin-catalog-backend-module-event-streaming'));

backend.start();
