import { createApp } from '@backstage/frontend-defaults';
import { signInModule } from './modules/signIn';
import { navModule } from './modules/nav';

/**
 * The demo app on the new frontend system. `app.packages: all` in
 * app-config.yaml discovers every plugin in package.json, Eventport included.
 */
export default createApp({
  features: [navModule, signInModule],
});
