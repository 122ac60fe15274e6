import { InputError } from '../../errors.js';
import { compressRfm, compressRows } from '../shared/compress.js';
import type { CompressedRfm, RfmData } from '../shared/model-types.js';
import type { CovariateSpec } from './covariate-types.js';

/** Customers split by distinct covariate vector, each group compressed to its (x, tx, T) patterns. */
export interface CovariateGroups {
  /** Purchase covariate values per group (G × mp, row-major) and dropout values (G × md). */
  zp: Float64Array;
  zd: Float64Array;
  mp: number;
  md: number;
  patterns: CompressedRfm[];
  /** Group of each customer. */
  groupOf: Int32Array;
  /** Total distinct patterns over all groups. */
  size: number;
}

/**
 * Validate the covariates against the data (lengths, finite values, not constant) and group the
 * customers by distinct covariate vector; within each group the (x, tx, T) rows are compressed, so the
 * likelihood costs O(Σ_g patterns_g) (binary covariates: a handful of groups).
 *
 * @throws {InputError} `covariate_length` when a column's length differs from the customers',
 *   `covariate_not_finite` naming the covariate and row, `covariate_constant` for a column with a
 *   single value (its effect cannot be told apart from the base parameter), `no_covariates`
 */
export function groupByCovariates(data: RfmData, spec: CovariateSpec, fn: string): CovariateGroups {
  const n = data.x.length;
  const all = [...spec.purchase.columns, ...spec.dropout.columns];
  const names = [...spec.purchase.names, ...spec.dropout.names];
  if (all.length === 0)
    throw new InputError(
      'no_covariates',
      `${fn} needs at least one covariate (purchase or dropout); got none. Use the model without covariates instead.`,
      {},
    );
  all.forEach((col, c) => {
    if (col.length !== n)
      throw new InputError(
        'covariate_length',
        `${fn}: covariate ${names[c]} has ${col.length.toLocaleString('en-US')} values for ${n.toLocaleString('en-US')} customers. Align the covariates to the customers (one value each).`,
        { covariate: names[c], values: col.length, customers: n },
      );
    let min = Infinity,
      max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (!Number.isFinite(v))
        throw new InputError(
          'covariate_not_finite',
          `${fn}: covariate ${names[c]} is ${v} for customer row ${i + 1}; every customer needs a finite value (fill or drop missing values first).`,
          { covariate: names[c], row: i + 1 },
        );
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min === max)
      throw new InputError(
        'covariate_constant',
        `${fn}: covariate ${names[c]} is ${min} for every customer, so its effect cannot be estimated. Drop it.`,
        { covariate: names[c] },
      );
  });
  const g = compressRows(all);
  const G = g.size,
    mp = spec.purchase.columns.length,
    md = spec.dropout.columns.length;
  const zp = new Float64Array(G * mp),
    zd = new Float64Array(G * md);
  for (let k = 0; k < G; k++) {
    for (let j = 0; j < mp; j++) zp[k * mp + j] = g.columns[j]![k]!;
    for (let j = 0; j < md; j++) zd[k * md + j] = g.columns[mp + j]![k]!;
  }
  const counts = new Int32Array(G);
  for (let i = 0; i < n; i++) counts[g.rowPattern[i]!]!++;
  const rows = Array.from({ length: G }, (_, k) => new Int32Array(counts[k]!));
  const fill = new Int32Array(G);
  for (let i = 0; i < n; i++) {
    const k = g.rowPattern[i]!;
    rows[k]![fill[k]!++] = i;
  }
  const patterns = rows.map((idx) =>
    compressRfm({
      x: Float64Array.from(idx, (i) => data.x[i]!),
      tx: Float64Array.from(idx, (i) => data.tx[i]!),
      T: Float64Array.from(idx, (i) => data.T[i]!),
      weights: data.weights ? Float64Array.from(idx, (i) => data.weights![i]!) : undefined,
    }),
  );
  return { zp, zd, mp, md, patterns, groupOf: g.rowPattern, size: patterns.reduce((s, p) => s + p.size, 0) };
}

/** γᵀz of group k for a coefficient vector starting at `off` of the parameter vector. */
export function linear(z: Float64Array, m: number, k: number, theta: Float64Array, off: number): number {
  let s = 0;
  for (let j = 0; j < m; j++) s += z[k * m + j]! * theta[off + j]!;
  return s;
}
