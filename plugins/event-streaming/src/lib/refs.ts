/** `user:default/alice` → `alice`; other refs stay as they are. */
export function shortRef(ref: string): string {
  const match = /^user:default\/(.+)$/.exec(ref);
  return match ? match[1] : ref;
}

/** A timestamp in the reader's locale; the raw text when it does not parse. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
