/**
 * Pareto/NBD, Schmittlein, Morrison & Colombo (1987), "Counting your customers: who are they and what
 * will they do next?", Management Science 33(1); likelihood after Fader & Hardie (2005) and its
 * gradient. Times in the unit of the summary (days or weeks).
 *
 * Files: `likelihood.ts` (with `tail.ts`, the ₂F₁ tail of the likelihood in log space), `fit.ts`,
 * `predict.ts`, `simulate.ts`.
 */
export { paretoNbdLogLikelihood, PARETO_NBD_PARAMS, type ParetoNbdParams } from './likelihood.js';
export { fitParetoNbd } from './fit.js';
export {
  paretoNbdPAlive,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdProbabilityOfPurchases,
  paretoNbdDert,
} from './predict.js';
export { simulateParetoNbd } from './simulate.js';
