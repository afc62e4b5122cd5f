import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { EventStreamingApi, eventStreamingApiRef } from '../api';
import { rootRouteRef } from '../routes';

/**
 * Renders an element of the plugin in a legacy test app with the given fake
 * API, signed in as `user:default/guest` unless told otherwise; the plugin's
 * root route is mounted at `/event-streaming`.
 */
export function renderWithApi(
  element: ReactElement,
  api: EventStreamingApi,
  options: {
    routeEntries?: string[];
    userEntityRef?: string;
    /** The catalog's entities (Backstage's in-memory catalog), none by default. */
    entities?: Entity[];
  } = {},
) {
  const identity = mockApis.identity({
    userEntityRef: options.userEntityRef ?? 'user:default/guest',
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [eventStreamingApiRef, api],
        [identityApiRef, identity],
        [catalogApiRef, catalogApiMock({ entities: options.entities ?? [] })],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/event-streaming': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

/**
 * Renders the whole Event Streaming page mounted at `/event-streaming`, as
 * the legacy app mounts it, starting at `path`.
 */
export async function renderPageAt(
  path: string,
  api: EventStreamingApi,
  options: { userEntityRef?: string; entities?: Entity[] } = {},
) {
  const { EventStreamingPage } = await import(
    '../components/EventStreamingPage'
  );
  return renderWithApi(
    <Routes>
      <Route path="/event-streaming/*" element={<EventStreamingPage />} />
    </Routes>,
    api,
    {
      routeEntries: [path],
      userEntityRef: options.userEntityRef,
      entities: options.entities,
    },
  );
}
