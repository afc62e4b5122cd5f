import { ClusterLinks } from '../clusters';
import type { ResourceLinks } from './groups';

/**
 * What a link is for: the placeholders a template may use are `{cluster}`
 * and the one of its kind (`{topic}`, `{group}` or `{connector}`).
 *
 * @public
 */
export type LinkTarget =
  | { kind: 'topic'; cluster: string; topic: string }
  | { kind: 'group'; cluster: string; group: string }
  | { kind: 'connector'; cluster: string; connector: string };

function templateFor(
  template: ClusterLinks['grafana'],
  kind: LinkTarget['kind'],
): string | undefined {
  if (!template) return undefined;
  if (typeof template === 'string') {
    // One template for every kind: only usable where its placeholders fit.
    const placeholders = template.match(/\{(topic|group|connector)\}/g) ?? [];
    return placeholders.every(p => p === `{${kind}}`) ? template : undefined;
  }
  return template[kind];
}

/**
 * Fills in the cluster's link templates for a topic, group or connector.
 * Values are URL-encoded. A template whose placeholders do not fit the kind
 * (a `{topic}` template for a group) gives no link.
 *
 * @public
 */
export function fillLinks(
  links: ClusterLinks | undefined,
  target: LinkTarget,
): ResourceLinks {
  const values: Record<string, string> = { cluster: target.cluster };
  if (target.kind === 'topic') values.topic = target.topic;
  if (target.kind === 'group') values.group = target.group;
  if (target.kind === 'connector') values.connector = target.connector;
  const fill = (template: string | undefined) =>
    template?.replace(/\{(cluster|topic|group|connector)\}/g, (_, key) =>
      encodeURIComponent(values[key] ?? ''),
    );
  const result: ResourceLinks = {};
  const grafana = fill(templateFor(links?.grafana, target.kind));
  const kafkaUi = fill(templateFor(links?.kafkaUi, target.kind));
  if (grafana) result.grafana = grafana;
  if (kafkaUi) result.kafkaUi = kafkaUi;
  return result;
}
