import { compressRows, type CompressedRows } from '../shared/compress.js';
import type { RfmData } from '../shared/model-types.js';
import type { ParetoNbdParams } from './likelihood.js';
import { paretoNbdLogTail } from './tail.js';

/**
 * ln P(alive at T | x, tₓ, T) of every row: ln of the likelihood's "alive" term (α+T)^(−(r+x))(β+T)^(−s)
 * over the whole D = that term + s(I(tₓ) − I(T)) (see `paretoNbdLogD`), capped at 0.
 *
 * ## Method
 * Evaluated once per distinct (x, tₓ, T) and copied to the rows that share it (issue 12: 733k
 * calibration customers are 166k patterns). The two ₂F₁ tails I(tₓ) and I(T) are computed once per
 * distinct (x, tₓ) and (x, T) pair, as the likelihood does (issue 18: at 1M customers the tracking
 * band asks for P(alive) five times per fit, and far fewer pairs than patterns need a tail), and only
 * for pairs some pattern with tₓ < T needs. D is combined from them with the same operations as
 * `paretoNbdLogD`, so every value is the same to the bit.
 *
 * @param p - r, α, s, β (validated by the caller)
 * @param data - x, tₓ, T per row (same time unit as α, β; validated by the caller)
 * @returns ln P(alive) per row (≤ 0)
 * @example
 * Math.exp(paretoNbdLogPAliveRows({ r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.669 },
 *   { x: Float64Array.of(2), tx: Float64Array.of(30.43), T: Float64Array.of(38.86) })[0]); // => 0.869…
 */
export function paretoNbdLogPAliveRows(p: ParetoNbdParams, data: RfmData): Float64Array {
  const { r, alpha, s, beta } = p;
  const rows = compressRows([data.x, data.tx, data.T]);
  const [x, tx, T] = rows.columns as [Float64Array, Float64Array, Float64Array];
  const atTx = compressRows([x, tx]),
    atT = compressRows([x, T]);
  const lTx = new Float64Array(atTx.size).fill(Number.NaN),
    lT = new Float64Array(atT.size).fill(Number.NaN);
  const ls = Math.log(s);
  const per = new Float64Array(rows.size);
  for (let k = 0; k < rows.size; k++) {
    const xk = x[k]!,
      Tk = T[k]!;
    const lA = Math.log(alpha + Tk);
    const lB = Math.log(beta + Tk);
    const logF = -(r + xk) * lA - s * lB;
    let logD = logF;
    if (tx[k]! < Tk) {
      const l1 = ls + tail(p, atTx, lTx, k);
      const l2 = ls + tail(p, atT, lT, k);
      const m = logF > l1 ? logF : l1;
      const d = Math.exp(logF - m) + Math.exp(l1 - m) - Math.exp(l2 - m);
      logD = m + Math.log(d);
    }
    per[k] = Math.min(0, logF - logD);
  }
  const out = new Float64Array(data.x.length);
  for (let i = 0; i < out.length; i++) out[i] = per[rows.rowPattern[i]!]!;
  return out;
}

/** ln I(t) of pattern k's (x, t) pair, computed on first use. */
function tail(p: ParetoNbdParams, pairs: CompressedRows, cache: Float64Array, k: number): number {
  const j = pairs.rowPattern[k]!;
  let v = cache[j]!;
  if (v !== v) {
    v = paretoNbdLogTail(p.r, p.alpha, p.s, p.beta, pairs.columns[0]![j]!, pairs.columns[1]![j]!, null, 0);
    cache[j] = v;
  }
  return v;
}
