/**
 * Where each customer of one id list sits in another, computed once per pair of arrays. The stages of
 * an analysis hold their per-customer columns in their own order (the summary's, the P&L's, the
 * survey answers'); several reports line the same two lists up (profit CLV, retention, acquisition,
 * the plan), and at a million customers a Map of ids costs seconds and a burst of garbage each time.
 * Keyed by the arrays themselves (a `WeakMap`, so nothing outlives them): callers must not mutate
 * an id array after using it here, which no stage does (the arrays are read-only once made).
 */

const cache = new WeakMap<readonly string[], WeakMap<readonly string[], Int32Array | null>>();
const positionsCache = new WeakMap<readonly string[], ReadonlyMap<string, number>>();

/**
 * Each id's position in `ids` (ids unique), built once per array and shared by every stage that looks
 * customers of another list up in it (survey answers, attribute rows, acquired customers). Read-only.
 * @example
 * idPositions(['a', 'b']).get('b'); // → 1
 */
export function idPositions(ids: readonly string[]): ReadonlyMap<string, number> {
  let at = positionsCache.get(ids);
  if (at === undefined) {
    const m = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) m.set(ids[i]!, i);
    positionsCache.set(ids, (at = m));
  }
  return at;
}

/**
 * For each id of `target`, its position in `ids` (−1 when absent); null when the two lists are the
 * same customers in the same order (the same array, or equal element by element), so that the caller
 * can take its columns as they are. Ids are unique within each list.
 * @example
 * idIndex(['a', 'b', 'c'], ['c', 'x', 'a']); // → Int32Array [2, -1, 0]
 * idIndex(ids, ids); // → null (identity)
 */
export function idIndex(ids: readonly string[], target: readonly string[]): Int32Array | null {
  if (ids === target) return null;
  let byTarget = cache.get(ids);
  if (byTarget === undefined) cache.set(ids, (byTarget = new WeakMap()));
  const known = byTarget.get(target);
  if (known !== undefined) return known;
  let index: Int32Array | null = null;
  if (!(ids.length === target.length && ids.every((id, i) => id === target[i]))) {
    const at = idPositions(ids);
    index = new Int32Array(target.length);
    for (let j = 0; j < target.length; j++) index[j] = at.get(target[j]!) ?? -1;
  }
  byTarget.set(target, index);
  return index;
}

/**
 * `values` (in `ids` order) in the order of `target`, `missing` where a target id is not in `ids`;
 * `values` itself when the orders are the same (see {@link idIndex}).
 * @example
 * alignValues(['a', 'b'], Float64Array.of(1, 2), ['b', 'z']); // → Float64Array [2, NaN]
 */
export function alignValues(ids: readonly string[], values: Float64Array, target: readonly string[], missing = Number.NaN): Float64Array {
  const index = idIndex(ids, target);
  if (index === null) return values;
  const out = new Float64Array(index.length);
  for (let j = 0; j < index.length; j++) {
    const i = index[j]!;
    out[j] = i < 0 ? missing : values[i]!;
  }
  return out;
}

/** Values by customer id, as a `ReadonlyMap` offers them (a Map is one): what per-customer inputs keyed by id accept. */
export interface IdLookup<V> {
  get(id: string): V | undefined;
  /** Every present value, in list order. */
  values(): Iterable<V>;
}

/**
 * Per-customer values by id, backed by the id list's shared {@link idPositions} and a function of the
 * position: no Map of a million entries is built for it. `value(i)` undefined leaves the customer out
 * (as if absent from a Map).
 * @example
 * const pAlive = positionalLookup(scores.customerId, (i) => scores.pAlive[i]);
 * pAlive.get('c42'); // that customer's P(alive); undefined for an unknown id
 */
export function positionalLookup<V>(ids: readonly string[], value: (i: number) => V | undefined): IdLookup<V> {
  return {
    get(id) {
      const i = idPositions(ids).get(id);
      return i === undefined ? undefined : value(i);
    },
    *values() {
      for (let i = 0; i < ids.length; i++) {
        const v = value(i);
        if (v !== undefined) yield v;
      }
    },
  };
}
