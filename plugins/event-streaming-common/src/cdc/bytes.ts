/**
 * A size in bytes as people read it, in binary units: `512 B`, `3.0 MiB`,
 * `1.2 GiB`. Negative or non-finite sizes are shown as they are.
 *
 * @public
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
