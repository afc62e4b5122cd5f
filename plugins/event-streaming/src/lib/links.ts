import {
  ClusterLinks,
  fillLinks,
  LinkTarget,
  ResourceLinks,
} from '@eventport/plugin-event-streaming-common';

const LINK_TITLES: Record<keyof ResourceLinks, string> = {
  grafana: 'Grafana',
  kafkaUi: 'Kafka UI',
};

/** A cluster link template with its placeholders filled in. */
export interface ResolvedLink {
  title: string;
  url: string;
}

/** Titled links from links already filled in (as the backend sends them). */
export function titledLinks(links: ResourceLinks): ResolvedLink[] {
  return (Object.keys(LINK_TITLES) as (keyof ResourceLinks)[])
    .filter(key => links[key])
    .map(key => ({ title: LINK_TITLES[key], url: links[key]! }));
}

/**
 * Fills the cluster's link templates for a topic, group or connector (see
 * `fillLinks`); values are URL-encoded.
 */
export function resourceLinks(
  links: ClusterLinks,
  target: LinkTarget,
): ResolvedLink[] {
  return titledLinks(fillLinks(links, target));
}

/** The links of a topic. */
export function topicLinks(
  links: ClusterLinks,
  values: { cluster: string; topic: string },
): ResolvedLink[] {
  return resourceLinks(links, { kind: 'topic', ...values });
}
