/** A feature of the uplift model: a numeric column or a categorical one, aligned with the rows. */
export interface FeatureColumn {
  name: string;
  numeric?: Float64Array;
  categorical?: readonly string[];
}

/** A design matrix (row-major, column 0 = intercept) and its column names. */
export interface Design {
  X: Float64Array;
  p: number;
  n: number;
  names: string[];
}

/** Most one-hot levels per categorical feature; rarer levels fall into the reference. */
export const MAX_LEVELS = 20;

/**
 * The design matrix of the uplift model: an intercept; each numeric feature standardised with the
 * training rows' mean and standard deviation (missing values → the mean, i.e. 0; a constant column is
 * dropped); each categorical feature one-hot on its training levels, the most frequent level being the
 * reference (no column), at most {@link MAX_LEVELS} levels, rarer or unseen levels counted as the
 * reference. Standardising makes one ridge penalty fit every column.
 *
 * @param features - feature columns (each numeric or categorical), length n
 * @param n - rows
 * @param train - rows whose statistics define the scaling and levels
 * @example
 * buildDesign([{ name: 'history', numeric }, { name: 'channel', categorical }], n, trainRows).names;
 * // => ['(intercept)', 'history', 'channel=Phone', 'channel=Web']
 */
export function buildDesign(features: readonly FeatureColumn[], n: number, train: Uint32Array): Design {
  type Col = { kind: 'num'; values: Float64Array; mean: number; sd: number } | { kind: 'cat'; values: readonly string[]; level: string };
  const cols: Col[] = [];
  const names = ['(intercept)'];
  for (const f of features) {
    if (f.numeric) {
      let s = 0,
        m = 0;
      for (const r of train) {
        const v = f.numeric[r]!;
        if (!Number.isNaN(v)) {
          s += v;
          m++;
        }
      }
      const mean = m > 0 ? s / m : 0;
      let ss = 0;
      for (const r of train) {
        const v = f.numeric[r]!;
        if (!Number.isNaN(v)) ss += (v - mean) ** 2;
      }
      const sd = m > 1 ? Math.sqrt(ss / (m - 1)) : 0;
      if (sd > 0) {
        cols.push({ kind: 'num', values: f.numeric, mean, sd });
        names.push(f.name);
      }
    } else if (f.categorical) {
      const counts = new Map<string, number>();
      for (const r of train) counts.set(f.categorical[r]!, (counts.get(f.categorical[r]!) ?? 0) + 1);
      const levels = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(1, MAX_LEVELS)
        .map(([v]) => v)
        .sort();
      for (const level of levels) {
        cols.push({ kind: 'cat', values: f.categorical, level });
        names.push(`${f.name}=${level}`);
      }
    }
  }
  const p = cols.length + 1;
  const X = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    const o = r * p;
    X[o] = 1;
    cols.forEach((c, j) => {
      if (c.kind === 'num') {
        const v = c.values[r]!;
        X[o + j + 1] = Number.isNaN(v) ? 0 : (v - c.mean) / c.sd;
      } else X[o + j + 1] = c.values[r] === c.level ? 1 : 0;
    });
  }
  return { X, p, n, names };
}
