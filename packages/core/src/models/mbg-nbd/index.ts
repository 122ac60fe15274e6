/**
 * MBG/NBD, Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison of models for
 * customer base analysis", IJRM 24(3): the BG/NBD with a possible dropout right after the first
 * purchase too (variant d = 1 of the BG family's kernels in `../bg-nbd/`). Times in the unit of the
 * summary (days or weeks).
 *
 * Files: `likelihood.ts`, `fit.ts`, `predict.ts`, `simulate.ts`.
 */
export { mbgNbdLogLikelihood, type MbgNbdParams } from './likelihood.js';
export { fitMbgNbd } from './fit.js';
export { mbgNbdPAlive, mbgNbdExpectedPurchases, mbgNbdExpectedPurchasesNew, mbgNbdProbabilityOfPurchases } from './predict.js';
export { simulateMbgNbd } from './simulate.js';
