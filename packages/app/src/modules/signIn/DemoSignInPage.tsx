/*
 * DEMO ONLY. This sign-in page lets anyone act as any demo user: it signs in
 * through the oauth2Proxy provider and sets the X-Forwarded-User header itself,
 * which only works because the demo backend trusts that header in
 * development. Never use it, or enable that provider without a real
 * oauth2-proxy in front of the backend, in a real installation.
 */
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import type { IdentityApi } from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { ComponentType, useMemo, useState } from 'react';

/** The demo users of examples/org.yaml and their teams. */
export const DEMO_USERS = [
  { name: 'guest', team: 'team-a' },
  { name: 'alice', team: 'team-b' },
  { name: 'bob', team: 'team-b' },
  { name: 'pat', team: 'platform-team' },
  { name: 'sue', team: 'security' },
] as const;

/** Where the chosen sign-in survives a reload; cleared on sign-out. */
export const DEMO_SIGN_IN_STORAGE_KEY = 'eventport.demo.signIn';

/** A demo user through oauth2Proxy, or the guest provider. */
export type DemoSignInChoice =
  | { provider: 'oauth2Proxy'; user: string }
  | { provider: 'guest' };

function readChoice(): DemoSignInChoice | undefined {
  try {
    const raw = window.localStorage.getItem(DEMO_SIGN_IN_STORAGE_KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw);
    if (parsed?.provider === 'guest') return { provider: 'guest' };
    if (
      parsed?.provider === 'oauth2Proxy' &&
      DEMO_USERS.some(u => u.name === parsed.user)
    ) {
      return { provider: 'oauth2Proxy', user: parsed.user };
    }
  } catch {
    // Unreadable storage means no remembered choice.
  }
  return undefined;
}

function storeChoice(choice: DemoSignInChoice) {
  window.localStorage.setItem(DEMO_SIGN_IN_STORAGE_KEY, JSON.stringify(choice));
}

function forgetChoice() {
  window.localStorage.removeItem(DEMO_SIGN_IN_STORAGE_KEY);
}

/** The identity as given, except that signing out forgets the demo choice. */
export function forgetChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      forgetChoice();
      await identity.signOut();
    },
  };
}

const Picker = (props: { onPick: (choice: DemoSignInChoice) => void }) => (
  <Page themeId="home">
    <Header title="Sign in to Eventport" />
    <Content>
      <Grid container spacing={3} justifyContent="center">
        <Grid item xs={12} md={6}>
          <InfoCard title="Eventport demo">
            <Typography variant="body1" paragraph>
              Act as one of the demo users. Each belongs to a different team, so
              each owns different topics; pat is in the platform team and
              decides approval requests; sue is in the security team and reviews
              CDC pipelines.
            </Typography>
            <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
              {DEMO_USERS.map(user => (
                <Button
                  key={user.name}
                  variant="outlined"
                  color="primary"
                  onClick={() =>
                    props.onPick({ provider: 'oauth2Proxy', user: user.name })
                  }
                >
                  Sign in as {user.name} ({user.team})
                </Button>
              ))}
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard title="Guest">
            <Typography variant="body1" paragraph>
              Sign in with the guest provider, as user:default/guest.
            </Typography>
            <Button
              variant="outlined"
              color="primary"
              onClick={() => props.onPick({ provider: 'guest' })}
            >
              Enter
            </Button>
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  </Page>
);

/**
 * Sign-in for the demo: pick a demo user (or the guest provider), then sign in
 * through ProxiedSignInPage. The choice is remembered until sign-out.
 */
export const DemoSignInPage = (props: SignInPageProps) => {
  const { onSignInSuccess } = props;
  const [choice, setChoice] = useState<DemoSignInChoice | undefined>(
    readChoice,
  );

  const ErrorComponent = useMemo<ComponentType<{ error?: Error }>>(
    () =>
      ({ error }) =>
        (
          <Page themeId="home">
            <Header title="Sign in to Eventport" />
            <Content>
              <InfoCard title="Sign-in failed">
                <Typography role="alert" paragraph>
                  {error?.message ?? 'The backend refused the sign-in.'}
                </Typography>
                <Button
                  color="inherit"
                  // The light grey outline of MUI v4's default colour.
                  sx={theme => ({
                    borderColor:
                      theme.palette.mode === 'dark'
                        ? 'rgba(255, 255, 255, 0.23)'
                        : 'rgba(0, 0, 0, 0.23)',
                  })}
                  variant="outlined"
                  onClick={() => {
                    forgetChoice();
                    setChoice(undefined);
                  }}
                >
                  Choose another user
                </Button>
              </InfoCard>
            </Content>
          </Page>
        ),
    [],
  );

  if (!choice) {
    return (
      <Picker
        onPick={picked => {
          storeChoice(picked);
          setChoice(picked);
        }}
      />
    );
  }
  return (
    <ProxiedSignInPage
      key={JSON.stringify(choice)}
      provider={choice.provider}
      headers={
        choice.provider === 'oauth2Proxy'
          ? { 'X-Forwarded-User': choice.user }
          : undefined
      }
      onSignInSuccess={identity =>
        onSignInSuccess(forgetChoiceOnSignOut(identity))
      }
      ErrorComponent={ErrorComponent}
    />
  );
};
