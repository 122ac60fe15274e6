import type { GammaGammaGammaSums } from './fit-sums.js';

/**
 * The γ-dependent sums of one γ₀ per distinct x (entry u) and what expands them to γ near γ₀:
 * `s[k − 1][u]` = Σw rᵏ and `t[k − 1][u]` = Σw x·mx·rᵏ with r = 1/(γ₀ + x·mx), k = 1 … K.
 */
export interface GammaSumsCenter {
  gamma: number;
  a: Float64Array;
  b: Float64Array;
  s: Float64Array[];
  t: Float64Array[];
}

/** Largest |γ − γ₀|/γ₀ expanded: the K = 13 terms leave 0.05¹³ ≈ 1e-17 relative, below rounding. */
export const SERIES_RADIUS = 0.05;

/**
 * The sums `GammaGammaGammaSums` at γ from those of a nearby γ₀ (`c`), to rounding: with δ = γ − γ₀
 * and r = 1/(γ₀ + x·mx) ≤ 1/γ₀, 1/(γ + x·mx) = r/(1 + δr) = Σₖ (−δ)ᵏ rᵏ⁺¹ and
 * ln(γ + x·mx) − ln(γ₀ + x·mx) = ln(1 + δr) = −Σₖ (−δ)ᵏ rᵏ/k, both geometric in |δr| ≤ |δ|/γ₀, so
 *
 *   e(γ) = Σₖ₌₀ (−δ)ᵏ sₖ₊₁,  d(γ) = Σₖ₌₀ (−δ)ᵏ tₖ₊₁,  b(γ) = b₀ − Σₖ₌₁ (−δ)ᵏ sₖ/k,
 *   a(γ) = a₀ + (b(γ) − b₀) − n·log1p(δ/γ₀).
 *
 * Returns null (fetch the sums at γ itself) beyond {@link SERIES_RADIUS}, or where a(γ) would lose
 * more than ~3 digits to the cancellation of its last two terms (a ≪ n·|δ|/γ₀: x·mx ≪ γ).
 * @param n - Σw per distinct x
 */
export function gammaSumsNear(c: GammaSumsCenter, gamma: number, n: Float64Array): GammaGammaGammaSums | null {
  const delta = gamma - c.gamma;
  if (delta === 0) return { a: c.a, b: c.b, d: c.t[0]!, e: c.s[0]! };
  const rho = Math.abs(delta) / c.gamma;
  if (!(rho <= SERIES_RADIUS)) return null;
  const K = c.s.length,
    size = c.a.length;
  const pw = new Float64Array(K + 1); // (−δ)ᵏ
  pw[0] = 1;
  for (let k = 1; k <= K; k++) pw[k] = pw[k - 1]! * -delta;
  const l1 = Math.log1p(delta / c.gamma);
  const out = { a: new Float64Array(size), b: new Float64Array(size), d: new Float64Array(size), e: new Float64Array(size) };
  for (let u = 0; u < size; u++) {
    if (!(c.a[u]! >= 1e-3 * n[u]! * rho)) return null;
    let e = 0,
      d = 0,
      db = 0;
    for (let k = K - 1; k >= 0; k--) {
      e += pw[k]! * c.s[k]![u]!;
      d += pw[k]! * c.t[k]![u]!;
      db -= (pw[k + 1]! * c.s[k]![u]!) / (k + 1);
    }
    out.e[u] = e;
    out.d[u] = d;
    out.b[u] = c.b[u]! + db;
    out.a[u] = c.a[u]! + db - n[u]! * l1;
  }
  return out;
}
