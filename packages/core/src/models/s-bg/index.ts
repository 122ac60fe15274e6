/**
 * sBG (shifted beta-geometric), Fader & Hardie (2007), "How to project customer retention", Journal
 * of Interactive Marketing 21(1): contractual retention by period. Periods are whole contract periods.
 *
 * Files: `likelihood.ts`, `fit.ts`, `predict.ts` (survival, retention rates, churn, projections,
 * DERL), `simulate.ts`.
 */
export { sbgLogLikelihood, type SbgParams } from './likelihood.js';
export { fitSbg } from './fit.js';
export { sbgChurnProbabilities, sbgProjectSurvivors, sbgRetentionRates, sbgSurvivalCurve, sbgDerl } from './predict.js';
export { simulateSbg } from './simulate.js';
