/**
 * BG/BB, Fader, Hardie & Shang (2010), "Customer-base analysis in a discrete-time noncontractual
 * setting", Marketing Science 29(6): discrete transaction opportunities (e.g. yearly donations).
 * Counts are in opportunities (n), not days or weeks.
 *
 * Files: `likelihood.ts`, `fit.ts`, `predict.ts` (P(alive), expected transactions, DERT), `simulate.ts`.
 */
export { bgBbLogLikelihood, type BgBbData, type BgBbParams } from './likelihood.js';
export { fitBgBb } from './fit.js';
export { bgBbPAlive, bgBbExpectedTransactions, bgBbExpectedTransactionsNew, bgBbProbabilityOfTransactions, bgBbDert } from './predict.js';
export { simulateBgBb } from './simulate.js';
