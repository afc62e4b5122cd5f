import { identityApiRef, useApiHolder } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * The signed-in user's entity ref, or undefined while loading or when the
 * app has no identity API (as in some tests). Used only to tailor the UI;
 * the backend enforces every rule itself.
 */
export function useCurrentUserRef(): string | undefined {
  const identityApi = useApiHolder().get(identityApiRef);
  const { value } = useAsync(async () => {
    if (!identityApi) return undefined;
    const identity = await identityApi.getBackstageIdentity();
    return identity.userEntityRef;
  }, [identityApi]);
  return value;
}
