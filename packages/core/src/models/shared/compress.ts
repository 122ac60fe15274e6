import type { CompressedRfm, RfmData } from './model-types.js';

/** Distinct rows of several numeric columns, with summed weights (see {@link compressRows}). */
export interface CompressedRows {
  /** One column per input column, `size` entries each, in order of first appearance. */
  columns: Float64Array[];
  /** Sum of the input weights of the rows mapped to each distinct row. */
  weights: Float64Array;
  size: number;
  totalWeight: number;
  /** For each input row, the index of its distinct row. */
  rowPattern: Int32Array;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * Collapse rows of parallel numeric columns into distinct rows with weights: rows with identical
 * values in every column share one entry whose weight is the sum of theirs (1 each by default).
 * Likelihoods of the models depend on a customer only through such sufficient statistics, so fitting
 * on the compressed rows costs O(distinct patterns) instead of O(customers).
 *
 * ## Method
 * One pass with an open-addressing hash table (linear probing, load ≤ 1/2) keyed on the IEEE-754 bits
 * of the values (−0 is folded into +0). Expected O(n·columns) time, O(n) memory, typed arrays only.
 * Values compare with ===, so each NaN row stays its own pattern (validate before compressing).
 *
 * @param columns - equal-length columns (not modified); at least one
 * @param weights - optional per-row weights (default 1)
 * @returns distinct rows in order of first appearance, their weights and the row → pattern map
 * @example
 * compressRows([Float64Array.of(1, 2, 1), Float64Array.of(5, 6, 5)]).weights; // => Float64Array [2, 1]
 */
export function compressRows(columns: readonly Float64Array[], weights?: Float64Array): CompressedRows {
  const m = columns.length;
  const n = m > 0 ? columns[0].length : 0;
  let cap = 16;
  while (cap < 2 * n) cap *= 2;
  const mask = cap - 1;
  const table = new Int32Array(cap).fill(-1);
  const firstRow = new Int32Array(n); // input row that opened each pattern
  const w = new Float64Array(n);
  const rowPattern = new Int32Array(n);
  let size = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let c = 0; c < m; c++) {
      f64[0] = columns[c][i] + 0;
      h = Math.imul(h ^ u32[0], 0x01000193);
      h = Math.imul(h ^ u32[1], 0x01000193);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    let p = -1;
    for (;;) {
      const q = table[slot];
      if (q < 0) break;
      const r = firstRow[q];
      let same = true;
      for (let c = 0; c < m; c++)
        if (columns[c][r] !== columns[c][i]) {
          same = false;
          break;
        }
      if (same) {
        p = q;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (p < 0) {
      p = size++;
      table[slot] = p;
      firstRow[p] = i;
    }
    const wi = weights ? weights[i] : 1;
    w[p] += wi;
    total += wi;
    rowPattern[i] = p;
  }
  const out: Float64Array[] = [];
  for (let c = 0; c < m; c++) {
    const col = new Float64Array(size);
    const src = columns[c];
    for (let p = 0; p < size; p++) col[p] = src[firstRow[p]] + 0;
    out.push(col);
  }
  return { columns: out, weights: w.slice(0, size), size, totalWeight: total, rowPattern };
}

/**
 * Compress a recency/frequency summary to its distinct (x, t_x, T) patterns with weights
 * (input weights, if any, are summed). See {@link compressRows}. Time units are unchanged.
 *
 * @param data - per-customer (or already weighted) x, tx, T
 * @returns distinct patterns, weights, total weight and the row → pattern map
 * @example
 * compressRfm({ x: Float64Array.of(0, 0, 2), tx: Float64Array.of(0, 0, 30.43), T: Float64Array.of(38.86, 38.86, 38.86) }).size; // => 2
 */
export function compressRfm(data: RfmData): CompressedRfm {
  const c = compressRows([data.x, data.tx, data.T], data.weights);
  return {
    x: c.columns[0],
    tx: c.columns[1],
    T: c.columns[2],
    weights: c.weights,
    size: c.size,
    totalWeight: c.totalWeight,
    rowPattern: c.rowPattern,
  };
}

/** Distinct values of one column with summed weights (see {@link distinctValues}). */
export interface DistinctValues {
  values: Float64Array;
  weights: Float64Array;
  /** For each input entry, the index of its value in `values`. */
  index: Int32Array;
}

/**
 * Distinct values of a column with summed weights, e.g. the distinct frequencies x of compressed
 * patterns, so that terms depending on x alone (ln Γ(r + x), digamma, ln B(a, b + x)) are evaluated
 * once per distinct x. Expected O(n). Order of first appearance.
 *
 * @param values - the column
 * @param weights - optional weights (default 1)
 * @returns distinct values, their weights and the entry → value map
 * @example
 * distinctValues(Float64Array.of(3, 0, 3), Float64Array.of(1, 5, 2)).weights; // => Float64Array [3, 5]
 */
export function distinctValues(values: Float64Array, weights?: Float64Array): DistinctValues {
  const c = compressRows([values], weights);
  return { values: c.columns[0], weights: c.weights, index: c.rowPattern };
}
