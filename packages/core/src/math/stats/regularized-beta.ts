import { betaln } from '../special/betaln.js';

const EPS = 1e-16;
const MAX_ITER = 100_000;
const TINY = 1e-300;

/** Lentz evaluation of the continued fraction of I_x(a, b) (Abramowitz & Stegun 26.5.8). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularised incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b), each computed
 * directly. Pass `x` and `y = 1 − x` separately when 1 − x is known more accurately than by
 * subtraction (e.g. Student's t, where x = ν/(ν + t²) and y = t²/(ν + t²)).
 *
 * ## Method
 * The continued fraction of Abramowitz & Stegun (1964) 26.5.8, evaluated by the modified Lentz
 * method, for whichever of I_x(a, b) and I_y(b, a) = 1 − I_x(a, b) converges fast (x < (a+1)/(a+b+2));
 * the prefactor xᵃyᵇ/(a B(a, b)) is taken in logs with `log1p` where it helps. The number of terms
 * grows like √max(a, b).
 *
 * Out-of-domain input returns NaN. Never throws.
 *
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @param x - point in [0, 1]
 * @param y - 1 − x (default computed)
 * @returns [I_x(a, b), 1 − I_x(a, b)]
 * @example
 * regularizedBeta(2, 3, 0.4); // => [0.5248, 0.4752] (= 1 − (1−x)⁴ − 4x(1−x)³ … exactly 0.5248)
 */
export function regularizedBeta(a: number, b: number, x: number, y = 1 - x): [number, number] {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1) || !(y >= 0) || !(y <= 1)) return [NaN, NaN];
  if (x === 0) return [0, 1];
  if (y === 0) return [1, 0];
  const lx = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const ly = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const logFront = a * lx + b * ly - betaln(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const v = Math.exp(logFront + Math.log(betaFraction(a, b, x)) - Math.log(a));
    return [v, 1 - v];
  }
  const w = Math.exp(logFront + Math.log(betaFraction(b, a, y)) - Math.log(b));
  return [1 - w, w];
}
