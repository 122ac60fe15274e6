/** A copy of `a` with room for at least `need` entries (capacity doubled), or `a` when it has room. */
export function ensureInt32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let cap = Math.max(16, a.length);
  while (cap < need) cap *= 2;
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/** As {@link ensureInt32} for Float64Array. */
export function ensureFloat64(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let cap = Math.max(16, a.length);
  while (cap < need) cap *= 2;
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

/** Sorts `a[from .. to)` ascending in place (insertion sort: for the short runs of a basket or an itemset). */
export function sortRun(a: Int32Array, from: number, to: number): void {
  if (to - from > 48) {
    a.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

/** Sorts `keys[from .. to)` ascending in place, moving `values` along (insertion sort, short runs). */
export function sortRunWith(keys: Int32Array, values: Int32Array, from: number, to: number): void {
  if (to - from > 48) {
    const idx = Array.from({ length: to - from }, (_, t) => from + t).sort((a, b) => keys[a]! - keys[b]!);
    const k2 = idx.map((t) => keys[t]!),
      v2 = idx.map((t) => values[t]!);
    keys.set(k2, from);
    values.set(v2, from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const k = keys[i]!,
      v = values[i]!;
    let j = i - 1;
    while (j >= from && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      values[j + 1] = values[j]!;
      j--;
    }
    keys[j + 1] = k;
    values[j + 1] = v;
  }
}
