import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => import('./DemoSignInPage').then(m => m.DemoSignInPage),
  },
});

/**
 * Sign-in for the demo only: pick guest (team-a), alice (team-b) or pat
 * (platform-team), or enter with the guest provider. See DemoSignInPage.
 */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
