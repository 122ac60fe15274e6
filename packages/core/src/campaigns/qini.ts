/** A Qini curve: after targeting the top `fraction` by score, the incremental outcome per customer. */
export interface QiniCurve {
  /** Share of the evaluated customers targeted, 0..1 (one point per distinct score, plus 0). */
  fraction: Float64Array;
  /**
   * Incremental outcome of the targeted, per evaluated customer: (R_T − R_C·N_T/N_C)/N, with R the
   * outcome sums and N the counts of treated (T) and control (C) customers among the targeted.
   */
  qini: Float64Array;
  /** Uplift within the targeted group: R_T/N_T − R_C/N_C (NaN while a group is empty). */
  uplift: Float64Array;
  customers: number;
}

/**
 * The Qini curve of a ranking (Radcliffe 2007, "Using control groups to target on predicted lift:
 * building and assessing uplift models", Direct Marketing Analytics Journal 1:14–21): customers sorted
 * by decreasing score; at each cut, the treated customers' outcome minus the control customers'
 * outcome scaled to the treated count. Tied scores are cut together (one point per distinct score),
 * so the curve does not depend on the order of ties.
 *
 * @param score - per row (higher = target first)
 * @param treated - per row, 1 = treated, 0 = control
 * @param outcome - per row
 * @param rows - the rows evaluated (e.g. the held-out part)
 * @example
 * qiniCurve(Float64Array.of(3, 2, 1, 0), Uint8Array.of(1, 0, 1, 0), Float64Array.of(1, 0, 0, 0), Uint32Array.of(0, 1, 2, 3)).qini;
 * // => [0, 0.25, 0.25, 0.25, 0.25]
 */
export function qiniCurve(score: Float64Array, treated: Uint8Array, outcome: Float64Array, rows: Uint32Array): QiniCurve {
  const order = Array.from(rows).sort((a, b) => score[b]! - score[a]! || a - b);
  return qiniCurveInOrder(Uint32Array.from(order), treated, outcome, score);
}

/**
 * The Qini curve of rows already in targeting order (first = targeted first). With `score`, rows of
 * equal score are cut together; without, every row is its own cut (e.g. a random order).
 */
export function qiniCurveInOrder(order: Uint32Array, treated: Uint8Array, outcome: Float64Array, score?: Float64Array): QiniCurve {
  const n = order.length;
  const fraction: number[] = [0],
    qini: number[] = [0],
    uplift: number[] = [NaN];
  let nt = 0,
    nc = 0,
    rt = 0,
    rc = 0;
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    if (treated[r] === 1) {
      nt++;
      rt += outcome[r]!;
    } else {
      nc++;
      rc += outcome[r]!;
    }
    if (score && i + 1 < n && score[order[i + 1]!] === score[r]) continue;
    fraction.push((i + 1) / n);
    qini.push((rt - (nc > 0 ? (rc * nt) / nc : 0)) / n);
    uplift.push(nt > 0 && nc > 0 ? rt / nt - rc / nc : NaN);
  }
  return { fraction: Float64Array.from(fraction), qini: Float64Array.from(qini), uplift: Float64Array.from(uplift), customers: n };
}

/**
 * Qini coefficient: the area between the Qini curve and the straight line of random targeting from
 * (0, 0) to (1, Q(1)), by the trapezoid rule, in the outcome's unit per customer (Radcliffe 2007).
 * Positive: the ranking finds the customers the treatment moves better than chance.
 * @example
 * qiniCoefficient(qiniCurve(score, treated, outcome, testRows)); // => 0.0042
 */
export function qiniCoefficient(c: QiniCurve): number {
  const end = c.qini[c.qini.length - 1] ?? 0;
  let area = 0;
  for (let i = 1; i < c.fraction.length; i++) {
    const w = c.fraction[i]! - c.fraction[i - 1]!;
    const a = c.qini[i - 1]! - c.fraction[i - 1]! * end,
      b = c.qini[i]! - c.fraction[i]! * end;
    area += (w * (a + b)) / 2;
  }
  return area;
}

/** The curve's value at a fraction, by linear interpolation between its points. */
export function qiniAt(c: QiniCurve, fraction: number, series: 'qini' | 'uplift' = 'qini'): number {
  const f = c.fraction,
    y = c[series];
  let i = 1;
  while (i < f.length - 1 && f[i]! < fraction) i++;
  const f0 = f[i - 1]!,
    f1 = f[i]!;
  if (series === 'uplift') return f1 >= fraction ? y[i]! : NaN;
  return f1 === f0 ? y[i]! : y[i - 1]! + ((fraction - f0) / (f1 - f0)) * (y[i]! - y[i - 1]!);
}

/**
 * The Qini coefficient of rows in a given order (each row its own cut), streamed without building
 * the curve: the same value as `qiniCoefficient(qiniCurveInOrder(order, …))`. Used for the band of
 * random rankings, where it runs hundreds of times.
 */
export function qiniCoefficientInOrder(order: Uint32Array, treated: Uint8Array, outcome: Float64Array): number {
  const n = order.length;
  let NT = 0,
    NC = 0,
    RT = 0,
    RC = 0;
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    if (treated[r] === 1) {
      NT++;
      RT += outcome[r]!;
    } else {
      NC++;
      RC += outcome[r]!;
    }
  }
  const end = (RT - (NC > 0 ? (RC * NT) / NC : 0)) / n;
  let nt = 0,
    nc = 0,
    rt = 0,
    rc = 0,
    prev = 0,
    area = 0;
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    if (treated[r] === 1) {
      nt++;
      rt += outcome[r]!;
    } else {
      nc++;
      rc += outcome[r]!;
    }
    const f = (i + 1) / n;
    const y = (rt - (nc > 0 ? (rc * nt) / nc : 0)) / n - f * end;
    area += (prev + y) / (2 * n);
    prev = y;
  }
  return area;
}
