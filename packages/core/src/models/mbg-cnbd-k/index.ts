/**
 * MBG/CNBD-k, Platzer & Reutterer (2016), "Ticking away the moments: timing regularity helps to better
 * predict customer activity", Marketing Science 35(5), and Reutterer, Platzer & Schröder (2021),
 * "Leveraging purchase regularity for predicting customer behavior the easy way", IJRM 38(1): the
 * MBG/NBD with Erlang-k inter-purchase times, k chosen by likelihood (with the Wheat & Morrison
 * regularity statistic as a check). Times in the unit of the summary (days or weeks).
 *
 * Files: `likelihood.ts` (with `gradient.ts`), `fit.ts`, `predict.ts`, `simulate.ts`,
 * `regularity.ts`, `simulate-holdout.ts` (holdout purchases simulated from each customer's posterior, for
 * the tracking band); `count-model.ts` puts the model behind the common count-model interface.
 */
export type { MbgCnbdKParams } from './likelihood.js';
export { fitMbgCnbdK, type MbgCnbdKFit, type RegularRfmData } from './fit.js';
export { mbgCnbdKPAlive, mbgCnbdKExpectedPurchases, mbgCnbdKParamsOf } from './predict.js';
export { simulateMbgCnbdK } from './simulate.js';
export { mbgCnbdKCountModel } from './count-model.js';
export { wheatMorrisonRegularity, type Regularity } from './regularity.js';
