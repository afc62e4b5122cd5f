import {
  formatBytes,
  formatDurationMs,
} from '@eventport/plugin-event-streaming-common';

/** Java's Long.MAX_VALUE, which Kafka's configs use for "no limit". */
const LONG_MAX = '9223372036854775807';

/**
 * A topic config's value in words where Kafka's raw number hides it:
 * durations (`….ms`) and sizes (`….bytes`) in units, Long.MAX_VALUE and -1
 * as "no limit", and tiered storage's -2 as the topic's own retention.
 * Undefined when the raw value says it as well (`delete`, `0.5`, `true`).
 */
export function configValueInWords(
  name: string,
  value: string,
): string | undefined {
  if (!/^-?\d+$/.test(value)) return undefined;
  if (value === LONG_MAX) return 'no limit';
  const n = Number(value);
  const isMs = name.endsWith('.ms');
  const isBytes = name.endsWith('.bytes');
  if (!isMs && !isBytes) return undefined;
  if (n === -2 && name.startsWith('local.retention.'))
    return `as retention.${isMs ? 'ms' : 'bytes'}`;
  if (n < 0) return 'no limit';
  if (isMs) return n === 0 ? undefined : formatDurationMs(n);
  return n < 1024 ? undefined : formatBytes(n);
}
