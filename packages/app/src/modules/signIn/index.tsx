import { SignInPage } from '@backstage/core-components';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props =>
      (
        <SignInPage
          {...props}
          title="Eventport demo"
          align="center"
          providers={['guest']}
        />
      ),
  },
});

/** Sign-in for the demo: the guest provider signs in as user:default/guest. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
