import { z } from 'zod';

/**
 * A topic namespace: a team owns the topics under its prefix.
 *
 * @public
 */
export const namespaceSchema = z.object({
  prefix: z.string().min(1),
  owner: z.string().min(1),
  /**
   * Groups whose connectors may also read (consume) the namespace's topics;
   * the owner always may.
   */
  readers: z.array(z.string().min(1)).optional(),
});
/** @public */
export type Namespace = z.infer<typeof namespaceSchema>;

/**
 * The namespace a topic belongs to: the longest matching prefix.
 *
 * @public
 */
export function namespaceOf(
  topic: string,
  namespaces: readonly Namespace[],
): Namespace | undefined {
  let best: Namespace | undefined;
  for (const ns of namespaces) {
    if (topic.startsWith(ns.prefix) && topic.length > ns.prefix.length) {
      if (!best || ns.prefix.length > best.prefix.length) best = ns;
    }
  }
  return best;
}

/**
 * True when one of the user's ownership refs owns the namespace.
 *
 * @public
 */
export function ownsNamespace(
  ns: Namespace | undefined,
  ownershipEntityRefs: readonly string[],
): boolean {
  return !!ns && ownershipEntityRefs.includes(ns.owner);
}
