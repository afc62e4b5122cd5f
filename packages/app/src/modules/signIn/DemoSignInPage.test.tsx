import { discoveryApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DEMO_SIGN_IN_STORAGE_KEY, DemoSignInPage } from './DemoSignInPage';

const discovery = {
  getBaseUrl: async (pluginId: string) => `http://backend.test/api/${pluginId}`,
};

function session(user: string) {
  const payload = window.btoa(
    JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }),
  );
  return {
    profile: { displayName: user },
    backstageIdentity: {
      token: `header.${payload}.signature`,
      identity: {
        type: 'user',
        userEntityRef: `user:default/${user}`,
        ownershipEntityRefs: [`user:default/${user}`],
      },
    },
  };
}

describe('DemoSignInPage', () => {
  let fetchSpy: jest.SpyInstance;

  beforeEach(() => {
    window.localStorage.clear();
    fetchSpy = jest
      .spyOn(global, 'fetch')
      .mockImplementation(
        async input =>
          new Response(
            JSON.stringify(
              session(String(input).includes('/guest/') ? 'guest' : 'alice'),
            ),
            { status: 200, headers: { 'Content-Type': 'application/json' } },
          ),
      );
  });

  afterEach(() => fetchSpy.mockRestore());

  const render = (onSignInSuccess = jest.fn()) =>
    renderInTestApp(<DemoSignInPage onSignInSuccess={onSignInSuccess} />, {
      apis: [[discoveryApiRef, discovery]],
    });

  it('lists the demo users and the guest provider', async () => {
    render();
    expect(await screen.findByText('Eventport demo')).toBeInTheDocument();
    for (const name of [
      'Sign in as guest (team-a)',
      'Sign in as alice (team-b)',
      'Sign in as bob (team-b)',
      'Sign in as pat (platform-team)',
      'Sign in as sue (security)',
      'Enter',
    ]) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('signs in as the chosen user through oauth2Proxy and remembers it until sign-out', async () => {
    const onSignInSuccess = jest.fn();
    render(onSignInSuccess);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Sign in as alice (team-b)' }),
    );
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    const [url, init] = fetchSpy.mock.calls[0];
    expect(url).toBe('http://backend.test/api/auth/oauth2Proxy/refresh');
    expect(new Headers(init.headers).get('X-Forwarded-User')).toBe('alice');

    const identity = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/alice',
    });
    expect(
      JSON.parse(window.localStorage.getItem(DEMO_SIGN_IN_STORAGE_KEY)!),
    ).toEqual({ provider: 'oauth2Proxy', user: 'alice' });

    await identity.signOut();
    expect(window.localStorage.getItem(DEMO_SIGN_IN_STORAGE_KEY)).toBeNull();
  });

  it('signs in again without the picker after a reload', async () => {
    window.localStorage.setItem(
      DEMO_SIGN_IN_STORAGE_KEY,
      JSON.stringify({ provider: 'oauth2Proxy', user: 'alice' }),
    );
    const onSignInSuccess = jest.fn();
    render(onSignInSuccess);
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    expect(screen.queryByText('Eventport demo')).not.toBeInTheDocument();
  });

  it('enters with the guest provider', async () => {
    const onSignInSuccess = jest.fn();
    render(onSignInSuccess);
    fireEvent.click(await screen.findByRole('button', { name: 'Enter' }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    expect(fetchSpy.mock.calls[0][0]).toBe(
      'http://backend.test/api/auth/guest/refresh',
    );
  });

  it('shows a failed sign-in and lets the user pick again', async () => {
    fetchSpy.mockImplementation(
      async () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'User alice not found' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    render();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Sign in as alice (team-b)' }),
    );
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Choose another user' }),
    );
    expect(await screen.findByText('Eventport demo')).toBeInTheDocument();
    expect(window.localStorage.getItem(DEMO_SIGN_IN_STORAGE_KEY)).toBeNull();
  });
});
