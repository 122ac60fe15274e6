/**
 * A memo that keeps only the `size` most recently used results (for stages keyed by a user's
 * query, e.g. rule thresholds, so that many different queries cannot pile up rule sets in memory).
 * Concurrent calls with one key share one computation; a failed computation is not kept.
 * @example
 * const memo = new RecentMemo<number>(2);
 * await memo.get('a', async () => 1); // computed; a second get('a') returns the same promise
 */
export class RecentMemo<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly size: number) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    let p = this.entries.get(key);
    if (p) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, p);
      return p;
    }
    p = compute();
    this.entries.set(key, p);
    p.catch(() => {
      if (this.entries.get(key) === p) this.entries.delete(key);
    });
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }
}
