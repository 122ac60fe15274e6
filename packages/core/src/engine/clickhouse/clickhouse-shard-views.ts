/** What the view cache needs of the engine: create and drop one per-shard view (its views on every shard and the Distributed table over them). */
export interface ShardViewStore {
  create(name: string, sql: string): Promise<void>;
  drop(name: string): Promise<void>;
}

/** A view a statement uses: its name, to be released when the statement has finished. */
export interface HeldView {
  name: string;
  release(): void;
}

/** Per-shard views kept at most (see {@link shardViewCache}). */
export const MAX_SHARD_VIEWS = 64;

/**
 * The per-shard views of one ClickHouse engine (issue 16): `dialect.perShard(sql)` becomes a view of
 * `sql` on every shard plus a Distributed table over them, named by `nameOf(sql)`. The same subquery
 * reuses its view. A long-running `cvm serve` sends new subqueries as the data moves (dates and
 * thresholds are inlined as literals), so the cache keeps at most `max` views: once past it, the views
 * least recently used and not in use by a running statement are dropped. A view being dropped is
 * created again only after its drop has finished.
 *
 * @example
 * const cache = shardViewCache(store, (sql) => `q_${hash(sql)}`);
 * const v = await cache.hold('SELECT customer_id, count() AS n FROM transactions GROUP BY customer_id');
 * try { await run(`SELECT sum(n) FROM ${v.name}`); } finally { v.release(); }
 */
export function shardViewCache(store: ShardViewStore, nameOf: (sql: string) => string, max = MAX_SHARD_VIEWS) {
  const views = new Map<string, { users: number; used: number; ready: Promise<void> }>();
  const dropping = new Map<string, Promise<void>>();
  let clock = 0;

  const evict = (): void => {
    if (views.size <= max) return;
    const idle = [...views].filter(([, v]) => v.users === 0).sort((a, b) => a[1].used - b[1].used);
    for (const [name, v] of idle.slice(0, views.size - max)) {
      views.delete(name);
      const gone = v.ready
        .then(
          () => store.drop(name),
          () => undefined,
        )
        .catch(() => undefined)
        .finally(() => dropping.delete(name));
      dropping.set(name, gone);
    }
  };

  return {
    /** The view of `sql`, created on first use; counted as in use until released. */
    async hold(sql: string): Promise<HeldView> {
      const name = nameOf(sql);
      while (!views.has(name) && dropping.has(name)) await dropping.get(name);
      let v = views.get(name);
      if (!v) {
        v = { users: 0, used: 0, ready: store.create(name, sql) };
        views.set(name, v);
      }
      v.users += 1;
      v.used = ++clock;
      const held = v;
      try {
        await held.ready;
      } catch (error) {
        held.users -= 1;
        if (views.get(name) === held) views.delete(name);
        throw error;
      }
      let released = false;
      return {
        name,
        release: () => {
          if (released) return;
          released = true;
          held.users -= 1;
          evict();
        },
      };
    },
    /** Names of the views kept now. */
    names: (): string[] => [...views.keys()],
    /** Drops every view (the engine's close), after the drops already under way. */
    async dropAll(): Promise<void> {
      await Promise.all(dropping.values());
      const names = [...views.keys()];
      views.clear();
      for (const name of names) await store.drop(name).catch(() => undefined);
    },
  };
}
