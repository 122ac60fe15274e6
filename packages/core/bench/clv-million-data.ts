// The simulated customers and the timed pipeline of the clv-1m benchmark (clv-million-bench.ts).
import { fitBgNbd } from '../src/models/bg-nbd/fit.js';
import { simulateBgNbd } from '../src/models/bg-nbd/simulate.js';
import type { BgNbdParams } from '../src/models/bg-nbd/likelihood.js';
import { COUNT_MODEL_REGISTRY } from '../src/models/count-models.js';
import { fitGammaGamma } from '../src/models/gamma-gamma/fit.js';
import { gammaGammaExpectedSpend } from '../src/models/gamma-gamma/predict.js';
import { simulateGammaGamma } from '../src/models/gamma-gamma/simulate.js';
import type { GammaGammaParams } from '../src/models/gamma-gamma/likelihood.js';
import type { RfmData } from '../src/models/shared/model-types.js';
import { createRng } from '../src/math/random/rng.js';
import { PERIODS_PER_YEAR, scoreCountModel, type ClvOptions } from '../src/scores/clv.js';
import { timeOnce } from './bench-timing.js';

/** The size the time targets hold at. */
export const BASE_CUSTOMERS = 1_000_000;
/** BG/NBD fitted to the CDNOW master, weeks, calibration to 1997-09-30 (clv-cdnow), rounded. */
export const BG: BgNbdParams = { r: 0.2516, alpha: 4.789, a: 0.7234, b: 2.161 };
/** Gamma-Gamma on the CDNOW sample, USD (Fader & Hardie 2013). */
export const GG: GammaGammaParams = { p: 6.249, q: 3.745, gamma: 15.448 };
export const MAX_AGE_DAYS = 546;
export const HORIZON_WEEKS = 52;
export const ANNUAL_DISCOUNT = 0.1;
export const MARGIN = 0.3;

/** Simulated customers: counts, recency and age (weeks), mean spend (USD, cents). */
export interface Simulated {
  rfm: RfmData;
  mx: Float64Array;
}

/** `n` simulated customers (seeded; see the file comment of clv-million-bench.ts). */
export function simulate(n: number, seed: number, exactRecency: boolean): Simulated {
  const rng = createRng(seed);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) T[i] = (1 + Math.floor(rng() * MAX_AGE_DAYS)) / 7;
  const rfm = simulateBgNbd(BG, n, T, seed + 1);
  if (!exactRecency) for (let i = 0; i < n; i++) rfm.tx[i] = Math.floor(rfm.tx[i] * 7) / 7;
  const { mx } = simulateGammaGamma(GG, n, rfm.x, seed + 2);
  for (let i = 0; i < n; i++) if (rfm.x[i] > 0) mx[i] = Math.max(0.01, Math.round(mx[i] * 100) / 100);
  return { rfm, mx };
}

/** CLV over the next 52 weeks at 10% a year on a 30% margin, with `spend` per purchase. */
export const clvOptions = (spend: Float64Array): ClvOptions => ({
  horizon: HORIZON_WEEKS,
  annualDiscountRate: ANNUAL_DISCOUNT,
  periodsPerYear: PERIODS_PER_YEAR.week,
  spend,
  margin: MARGIN,
});
/** The count model scored (BG/NBD). */
export const model = COUNT_MODEL_REGISTRY['bg-nbd'];

/** The timed pipeline: fit BG/NBD, fit Gamma-Gamma, expected spend, score everyone; wall/CPU ms per stage. */
export function pipeline(d: Simulated) {
  const fitBg = timeOnce(() => fitBgNbd(d.rfm));
  const fitGg = timeOnce(() => fitGammaGamma({ x: d.rfm.x, mx: d.mx }));
  const spend = timeOnce(() => gammaGammaExpectedSpend(fitGg.value.params, d.rfm.x, d.mx));
  const score = timeOnce(() => scoreCountModel(model, fitBg.value.params, d.rfm, clvOptions(spend.value)));
  const stages = { 'fit BG/NBD': fitBg, 'fit Gamma-Gamma': fitGg, 'expected spend': spend, score };
  const wallMs = Object.values(stages).reduce((s, x) => s + x.wallMs, 0);
  const cpuMs = Object.values(stages).reduce((s, x) => s + x.cpuMs, 0);
  return { stages, wallMs, cpuMs, bg: fitBg.value, gg: fitGg.value, spend: spend.value, scores: score.value };
}

/** One timed run of {@link pipeline}. */
export type Pipeline = ReturnType<typeof pipeline>;
/** The stages' wall and CPU seconds in one line. */
export const stageNote = (p: Pipeline): string =>
  Object.entries(p.stages)
    .map(([k, v]) => `${k} ${(v.wallMs / 1000).toFixed(2)} s (CPU ${(v.cpuMs / 1000).toFixed(2)})`)
    .join(', ');
