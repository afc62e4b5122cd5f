/**
 * Names of Eventport's catalog entities. Backstage accepts up to 63
 * characters from `[a-zA-Z0-9-_.]`, starting and ending with a letter or
 * digit, with no two separators in a row. Kafka accepts 249 characters and
 * any run of `._-`, so some names must be shortened: those keep a readable
 * prefix and end in a hash of the full name, so that they stay stable and
 * distinct. The real name is kept in an annotation.
 */

const MAX_NAME = 63;
const HASH_LENGTH = 12;
const VALID_NAME = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;
/** Cluster names that can stand at the front of a name without ambiguity. */
const PLAIN_CLUSTER = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

/**
 * Whether Backstage accepts a string as `metadata.name`.
 *
 * @public
 */
export function isValidEntityName(name: string): boolean {
  return name.length <= MAX_NAME && VALID_NAME.test(name);
}

/**
 * A 48-bit hash (two FNV-1a passes with different offsets), as 12 hex
 * digits. Not for security: only to keep shortened names apart. Pure
 * JavaScript, so that the browser computes the same names as the backend.
 */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 2) >>> 0;
  }
  return (
    a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')
  ).slice(0, HASH_LENGTH);
}

/** The readable part of a shortened name: invalid runs become one '-'. */
function readable(text: string, max: number): string {
  return text
    .replace(/[^A-Za-z0-9]*[^A-Za-z0-9-_.][^A-Za-z0-9]*/g, '-')
    .replace(/[-_.]{2,}/g, m => m[0])
    .slice(0, max)
    .replace(/^[-_.]+|[-_.]+$/g, '');
}

/**
 * `<cluster><separator><name>` when that is a valid, unambiguous entity
 * name, or else a shortened form ending in a hash of everything.
 */
function entityName(
  kind: string,
  cluster: string,
  separator: '.' | '_',
  parts: string[],
  ambiguous = false,
): string {
  const plain = `${cluster}${separator}${parts.join('.')}`;
  if (!ambiguous && PLAIN_CLUSTER.test(cluster) && isValidEntityName(plain)) {
    return plain;
  }
  const suffix = hash(JSON.stringify([kind, cluster, ...parts]));
  const prefix = readable(plain, MAX_NAME - HASH_LENGTH - 1);
  return prefix ? `${prefix}-${suffix}` : suffix;
}

/**
 * The entity name of a Kafka topic: `<cluster>.<topic>`, shortened when
 * Backstage would refuse it.
 *
 * @public
 */
export function topicEntityName(cluster: string, topic: string): string {
  return entityName('topic', cluster, '.', [topic]);
}

/**
 * The entity ref of a Kafka topic's Resource.
 *
 * @public
 */
export function topicEntityRef(cluster: string, topic: string): string {
  return `resource:default/${topicEntityName(cluster, topic)}`;
}

/**
 * Parses a `cluster/topic` comma list (the value of
 * `eventport.io/produces-topics` and `eventport.io/consumes-topics`). Topic
 * names cannot hold `/`, so an entry is malformed unless it has exactly one.
 *
 * @public
 */
export function parseTopicRefs(value: string | undefined): {
  topics: Array<{ cluster: string; topic: string }>;
  invalid: string[];
} {
  const topics: Array<{ cluster: string; topic: string }> = [];
  const invalid: string[] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const slash = entry.indexOf('/');
    const cluster = entry.slice(0, slash).trim();
    const topic = entry.slice(slash + 1).trim();
    if (slash <= 0 || !topic || topic.includes('/')) invalid.push(entry);
    else topics.push({ cluster, topic });
  }
  return { topics, invalid };
}

/**
 * The entity name of a Kafka Connect connector: `<cluster>_<connector>`.
 * The underscore keeps connectors apart from topics, which are Resources
 * too (cluster names of plain names contain no underscore).
 *
 * @public
 */
export function connectorEntityName(
  cluster: string,
  connector: string,
): string {
  return entityName('connector', cluster, '_', [connector]);
}

/**
 * The entity name of a CDC pipeline: `<cluster>_cdc.<pipeline>-<hash>`.
 * Pipelines are Resources beside connectors and topics, and a connector
 * may be called `cdc.<pipeline>`: the hash, always present, keeps them
 * apart.
 *
 * @public
 */
export function cdcPipelineEntityName(
  cluster: string,
  pipeline: string,
): string {
  return entityName('cdc-pipeline', cluster, '_', ['cdc', pipeline], true);
}

/**
 * The entity name of a schema artifact (kind API):
 * `<cluster>.<group>.<artifactId>`.
 *
 * @public
 */
export function schemaEntityName(
  cluster: string,
  groupId: string,
  artifactId: string,
): string {
  // A group with a dot would make `<group>.<artifact>` ambiguous.
  return entityName(
    'schema',
    cluster,
    '.',
    [groupId, artifactId],
    groupId.includes('.'),
  );
}
