import { tanhSinhNodes } from '../../math/quadrature/tanh-sinh-nodes.js';

/** Per-node values shared by the two passes of {@link quadratureTail}: the log integrand, d, ln(1 − e^(−d)), e^(−d) − 1. */
let scratch = new Float64Array(512);
let dist = new Float64Array(512);
let logOne = new Float64Array(512);
let em1 = new Float64Array(512);

/**
 * The quadrature route of `paretoNbdLogTail`: with v = 1 − z e^(−w) and then v = e^y, the integral becomes
 * I(t) = (big+t)^(−a) z^(−a) J,  J = ∫ from ln(1−z) to 0 of (1 − e^y)^(a−1) e^((1−e)y) dy,
 * a finite interval whose only difficult point is the algebraic end point y → 0 when a < 1, which
 * the tanh-sinh rule resolves ({@link tanhSinhNodes}, h = 1/32). The earlier route (exp-sinh in w
 * over (0, ∞)) could not resolve the kink of (1 − z e^(−w))^(−e) at w ≈ 1 − z: 4e-9 absolute error in
 * ln I at α = 1e4, β = 0.01, T = 0 and 1e-4 at α = 1e6, β = 0.001. The distance to y = 0 is formed in
 * log space so nothing is lost as it underflows. Derivatives: ∂ ln J/∂a = ⟨ln(1 − e^y)⟩,
 * ∂ ln J/∂e = ⟨−y⟩ (means under the integrand). The rate derivatives are themselves integrals of the
 * same kind, ∂I/∂small = −e ∫(big+τ)^(−e_big)(small+τ)^(−e−1)dτ and likewise for big, which reduce to
 * ∂ ln I/∂small = −e⟨e^(−y) − 1⟩/(big − small) and ∂ ln I/∂big = −e_big⟨1 − e^y⟩/(big − small): sums of
 * positive terms, where differentiating z and the moving end point instead cancels ~2·10⁴-fold for a
 * in the thousands.
 *
 * Cost (issue 18): the node values d, ln(1 − e^(−d)) and e^(−d) − 1 of the first pass are kept for the
 * second (5 transcendental calls per node instead of 10), and the derivative sums are skipped when no
 * gradient is asked for; the sums themselves are formed exactly as before, so the result is unchanged to
 * the bit.
 *
 * @param a - r + s + x
 * @param e - the small rate's exponent e_small
 * @param z - (big − small)/(big + t), in [0, 1)
 * @param omz - 1 − z = (small + t)/(big + t)
 * @param lBig - ln(big + t)
 * @param bigT - big + t
 * @param alphaBig - whether α is the big rate
 * @param grad - if not null, receives ∂ ln I/∂(r, α, s, β) at grad[off … off+3]
 * @param off - offset into grad
 * @returns ln I(t). Never throws.
 * @example
 * // through paretoNbdLogTailQuadrature (β big: a = r+s+x, e = r+x, z = (β−α)/(β+t)):
 * paretoNbdLogTailQuadrature(0.55, 10.58, 0.61, 11.67, 2, 30.43, null, 0); // => −12.91836… (as the series)
 */
export function quadratureTail(
  a: number,
  e: number,
  z: number,
  omz: number,
  lBig: number,
  bigT: number,
  alphaBig: boolean,
  grad: Float64Array | null,
  off: number,
): number {
  // the left end y = ln(1 − z) is smooth: nodes down to p ~ 1e-50 there suffice
  const q = tanhSinhNodes(1 / 32, -4.5, 6.5);
  if (scratch.length < q.n) {
    scratch = new Float64Array(q.n);
    dist = new Float64Array(q.n);
    logOne = new Float64Array(q.n);
    em1 = new Float64Array(q.n);
  }
  const L = Math.log(omz);
  const lLen = Math.log(-L);
  const lz = Math.log1p(-omz);
  let m = -Infinity;
  for (let k = 0; k < q.n; k++) {
    const lnd = lLen + q.logQ[k];
    const d = Math.exp(lnd);
    const em = Math.expm1(-d);
    const lOne = d > 0 ? Math.log(-em) : lnd;
    const v = (a - 1) * lOne - (1 - e) * d + q.logW[k] + lLen;
    scratch[k] = v;
    dist[k] = d;
    logOne[k] = lOne;
    em1[k] = em;
    if (v > m) m = v;
  }
  let s0 = 0;
  if (grad === null) {
    for (let k = 0; k < q.n; k++) s0 += Math.exp(scratch[k] - m);
    const lnJ0 = m + Math.log(s0);
    return -a * lBig - a * lz + lnJ0;
  }
  let sA = 0;
  let sE = 0;
  let sBig = 0;
  let sSmall = 0;
  for (let k = 0; k < q.n; k++) {
    const g = Math.exp(scratch[k] - m);
    if (g === 0) continue;
    const d = dist[k];
    s0 += g;
    sA += g * logOne[k];
    sE += g * d;
    sBig -= g * em1[k];
    sSmall += g * Math.expm1(d);
  }
  const lnJ = m + Math.log(s0);
  const logI = -a * lBig - a * lz + lnJ;
  const dBigShape = -lBig - lz + sA / s0;
  const dSmallShape = dBigShape + sE / s0;
  const span = bigT * z; // big − small
  const dBig = (-(a - e + 1) * (sBig / s0)) / span;
  const dSmall = (-e * (sSmall / s0)) / span;
  writeGrad(grad, off, alphaBig, dBigShape, dSmallShape, dBig, dSmall);
  return logI;
}

/**
 * Writes the derivatives with respect to the big and small rates and shapes into (r, α, s, β) order:
 * α is the big rate when α ≥ β (its shape is r), else β (shape s).
 *
 * @param grad - receives ∂ ln I/∂(r, α, s, β) at grad[off … off+3]
 * @param off - offset into grad
 * @param alphaBig - whether α is the big rate
 * @param dBigShape - ∂ ln I/∂(big rate's shape)
 * @param dSmallShape - ∂ ln I/∂(small rate's shape)
 * @param dBig - ∂ ln I/∂big
 * @param dSmall - ∂ ln I/∂small
 * @example
 * const g = new Float64Array(4); writeGrad(g, 0, false, 1, 2, 3, 4); // g = [2, 4, 1, 3]
 */
export function writeGrad(
  grad: Float64Array,
  off: number,
  alphaBig: boolean,
  dBigShape: number,
  dSmallShape: number,
  dBig: number,
  dSmall: number,
): void {
  if (alphaBig) {
    grad[off] = dBigShape; // r
    grad[off + 1] = dBig; // α
    grad[off + 2] = dSmallShape; // s
    grad[off + 3] = dSmall; // β
  } else {
    grad[off] = dSmallShape;
    grad[off + 1] = dSmall;
    grad[off + 2] = dBigShape;
    grad[off + 3] = dBig;
  }
}
