/**
 * Kafka's own limit on topic name length.
 *
 * @public
 */
export const KAFKA_TOPIC_MAX_LENGTH = 249;
const KAFKA_LEGAL = /^[a-zA-Z0-9._-]+$/;

/**
 * Kafka's topic-name rules: legal characters, length, not `.` or `..`.
 * Returns the broken rule as a sentence, or undefined when the name is legal.
 *
 * @public
 */
export function kafkaTopicNameError(name: string): string | undefined {
  if (name.length === 0) return 'The topic name is empty.';
  if (name === '.' || name === '..') {
    return `'${name}' is not allowed as a topic name.`;
  }
  if (name.length > KAFKA_TOPIC_MAX_LENGTH) {
    return `Topic names have at most ${KAFKA_TOPIC_MAX_LENGTH} characters; this one has ${name.length}.`;
  }
  if (!KAFKA_LEGAL.test(name)) {
    const bad = [...new Set(name.replace(/[a-zA-Z0-9._-]/g, ''))].join('');
    return `Topic names may only contain letters, digits, '.', '_' and '-'; found '${bad}'.`;
  }
  return undefined;
}

/**
 * Kafka's metric names replace '.' by '_', so `a.b` and `a_b` collide. Two
 * names collide when their keys are equal.
 *
 * @public
 */
export function topicCollisionKey(name: string): string {
  return name.replace(/\./g, '_');
}

/**
 * True when the name uses both '.' and '_', which invites collisions.
 *
 * @public
 */
export function mixesDotAndUnderscore(name: string): boolean {
  return name.includes('.') && name.includes('_');
}
