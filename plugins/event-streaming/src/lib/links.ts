import type { ClusterLinks } from '@eventport/plugin-event-streaming-common';

const LINK_TITLES: Record<keyof ClusterLinks, string> = {
  grafana: 'Grafana',
  kafkaUi: 'Kafka UI',
};

/** A cluster link template with its placeholders filled in. */
export interface ResolvedLink {
  title: string;
  url: string;
}

/**
 * Fills `{topic}` and `{cluster}` of the cluster's link templates. Values are
 * URL-encoded; templates without a value for a placeholder keep it literally.
 */
export function topicLinks(
  links: ClusterLinks,
  values: { cluster: string; topic: string },
): ResolvedLink[] {
  const result: ResolvedLink[] = [];
  for (const key of Object.keys(LINK_TITLES) as (keyof ClusterLinks)[]) {
    const template = links[key];
    if (!template) continue;
    const url = template
      .replace(/\{topic\}/g, encodeURIComponent(values.topic))
      .replace(/\{cluster\}/g, encodeURIComponent(values.cluster));
    result.push({ title: LINK_TITLES[key], url });
  }
  return result;
}
