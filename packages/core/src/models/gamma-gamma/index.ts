/**
 * Gamma-Gamma spend model, Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for
 * customer base analysis", JMR 42(4), and Colombo & Jiang (1999): the average spend per transaction of
 * customers with x ≥ 1 repeat transactions. Money in the unit of the log.
 *
 * Files: `likelihood.ts`, `fit.ts`, `predict.ts` (expected spend per transaction), `simulate.ts`.
 */
export { gammaGammaLogLikelihood } from './likelihood.js';
export { fitGammaGamma } from './fit.js';
export { gammaGammaExpectedSpend } from './predict.js';
export { simulateGammaGamma } from './simulate.js';
