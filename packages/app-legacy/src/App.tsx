import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import {
  AlertDisplay,
  OAuthRequestDialog,
  SignInPage,
} from '@backstage/core-components';
import { AnyApiFactory } from '@backstage/core-plugin-api';
import {
  EventStreamingPage,
  eventStreamingPlugin,
} from '@eventport/plugin-event-streaming';
import { Navigate, Route } from 'react-router-dom';
import { Root } from './Root';

/**
 * A minimal app on the legacy frontend system. It exists to prove that the
 * legacy exports of `@eventport/plugin-event-streaming` work: a platform team
 * on the legacy system installs the plugin exactly like this.
 */
export function createLegacyApp(options?: {
  apis?: AnyApiFactory[];
  signIn?: boolean;
}) {
  const app = createApp({
    apis: options?.apis ?? [],
    plugins: [eventStreamingPlugin],
    components:
      options?.signIn === false
        ? undefined
        : {
            SignInPage: props => (
              <SignInPage {...props} providers={['guest']} align="center" />
            ),
          },
  });

  const routes = (
    <FlatRoutes>
      <Route path="/" element={<Navigate to="event-streaming" />} />
      <Route path="/event-streaming" element={<EventStreamingPage />} />
    </FlatRoutes>
  );

  return app.createRoot(
    <>
      <AlertDisplay />
      <OAuthRequestDialog />
      <AppRouter>
        <Root>{routes}</Root>
      </AppRouter>
    </>,
  );
}
