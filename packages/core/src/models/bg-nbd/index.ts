/**
 * BG/NBD, Fader, Hardie & Lee (2005), "'Counting your customers' the easy way: an alternative to the
 * Pareto/NBD model", Marketing Science 24(2). While alive a customer buys at Poisson rate λ ~ Gamma(r, α);
 * after each repeat purchase she drops out with probability p ~ Beta(a, b). Every time (tₓ, T, horizon t)
 * is in the unit of the summary (days or weeks), and α is per that unit.
 *
 * Files: `likelihood.ts` (the BG family's likelihood, shared with MBG/NBD through the variant d),
 * `fit.ts`, `predict.ts` (P(alive), conditional and unconditional expectations, P(X(t) = k)),
 * `simulate.ts`; `alive-series.ts` and `alive-mean.ts` are the series behind the expectations.
 */
export { bgNbdLogLikelihood, type BgNbdParams } from './likelihood.js';
export { fitBgNbd } from './fit.js';
export { bgNbdPAlive, bgNbdExpectedPurchases, bgNbdExpectedPurchasesNew, bgNbdProbabilityOfPurchases } from './predict.js';
export { simulateBgNbd } from './simulate.js';
