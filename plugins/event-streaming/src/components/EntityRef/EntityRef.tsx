import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * An owner or another catalog entity, as a link to its page shown by name
 * (`team-a`, not `group:default/team-a`), wrapped at spaces and after
 * hyphens when it must (a long API name on a phone), never inside a word.
 * A missing ref shows `fallback`.
 */
export const EntityRef = (props: {
  entityRef: string | null | undefined;
  /** The kind a bare name means, and which is then not shown. */
  defaultKind?: 'group' | 'user' | 'resource' | 'component' | 'api';
  fallback?: string;
}) => {
  if (!props.entityRef) return <>{props.fallback ?? '—'}</>;
  return (
    <span style={{ wordBreak: 'normal', overflowWrap: 'normal' }}>
      <EntityRefLink
        entityRef={props.entityRef}
        defaultKind={props.defaultKind ?? 'group'}
        hideIcon
      />
    </span>
  );
};
