/**
 * One value per key, kept for `ttlMs`; concurrent reads of a missing or
 * expired key share one load. A failed load is not kept.
 */
export class TtlCache<V> {
  private readonly entries = new Map<
    string,
    { until: number; value: Promise<V> }
  >();

  constructor(private readonly ttlMs: number) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && entry.until > Date.now()) return entry.value;
    const value = load();
    this.entries.set(key, { until: Date.now() + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  delete(key: string) {
    this.entries.delete(key);
  }
}
