import { bgNbdExpectedPurchases, bgNbdExpectedPurchasesNew, bgNbdPAlive, bgNbdProbabilityOfPurchases, fitBgNbd } from './bg-nbd.js';
import { fitMbgNbd, mbgNbdExpectedPurchases, mbgNbdExpectedPurchasesNew, mbgNbdPAlive, mbgNbdProbabilityOfPurchases } from './mbg-nbd.js';
import { fitParetoNbd } from './pareto-nbd.js';
import { paretoNbdExpectedPurchases, paretoNbdExpectedPurchasesNew, paretoNbdPAlive, paretoNbdProbabilityOfPurchases } from './pareto-nbd-predict.js';
import type { FitOptions, FitResult, RfmData } from './model-types.js';

/** The non-contractual, continuous-time count models that share one interface. */
export type CountModelName = 'bg-nbd' | 'mbg-nbd' | 'pareto-nbd';
export const COUNT_MODELS: readonly CountModelName[] = ['bg-nbd', 'pareto-nbd', 'mbg-nbd'];

type Params = Record<string, number>;

/**
 * A count model seen through one interface, so validation, scoring and the CLI treat BG/NBD,
 * MBG/NBD and Pareto/NBD alike. All times are in the unit of the summary (days or weeks).
 *
 * For all three, E[X(T, T+t) | x, tₓ, T] = P(alive | x, tₓ, T) · E[X(T, T+t) | alive, x, T]
 * (FHL 2005 eq. 10; Batislam et al. 2007; Schmittlein et al. 1987 eq. 22): tₓ enters only through
 * P(alive). Scoring uses this to evaluate horizon curves once per distinct (x, T).
 */
export interface CountModel {
  name: CountModelName;
  label: string;
  reference: string;
  paramNames: readonly string[];
  fit(data: RfmData, options?: FitOptions<string>): FitResult<string>;
  pAlive(params: Params, data: RfmData): Float64Array;
  /** Conditional expected repeat purchases in (T, T + t]. */
  expectedPurchases(params: Params, t: number, data: RfmData): Float64Array;
  /** Expected repeat purchases in (0, t] for a customer just acquired. */
  expectedPurchasesNew(params: Params, t: number): number;
  /** P(X(t) = k) for a customer just acquired. */
  probabilityOfPurchases(params: Params, t: number, k: number): number;
}

const as = <T>(p: Params): T => p as unknown as T;

export const COUNT_MODEL_REGISTRY: Record<CountModelName, CountModel> = {
  'bg-nbd': {
    name: 'bg-nbd',
    label: 'BG/NBD',
    reference: 'Fader, Hardie & Lee (2005), Marketing Science 24(2)',
    paramNames: ['r', 'alpha', 'a', 'b'],
    fit: (d, o) => fitBgNbd(d, o as never) as unknown as FitResult<string>,
    pAlive: (p, d) => bgNbdPAlive(as(p), d),
    expectedPurchases: (p, t, d) => bgNbdExpectedPurchases(as(p), t, d),
    expectedPurchasesNew: (p, t) => bgNbdExpectedPurchasesNew(as(p), t),
    probabilityOfPurchases: (p, t, k) => bgNbdProbabilityOfPurchases(as(p), t, k),
  },
  'mbg-nbd': {
    name: 'mbg-nbd',
    label: 'MBG/NBD',
    reference: 'Batislam, Denizel & Filiztekin (2007), IJRM 24(3)',
    paramNames: ['r', 'alpha', 'a', 'b'],
    fit: (d, o) => fitMbgNbd(d, o as never) as unknown as FitResult<string>,
    pAlive: (p, d) => mbgNbdPAlive(as(p), d),
    expectedPurchases: (p, t, d) => mbgNbdExpectedPurchases(as(p), t, d),
    expectedPurchasesNew: (p, t) => mbgNbdExpectedPurchasesNew(as(p), t),
    probabilityOfPurchases: (p, t, k) => mbgNbdProbabilityOfPurchases(as(p), t, k),
  },
  'pareto-nbd': {
    name: 'pareto-nbd',
    label: 'Pareto/NBD',
    reference: 'Schmittlein, Morrison & Colombo (1987), Management Science 33(1)',
    paramNames: ['r', 'alpha', 's', 'beta'],
    fit: (d, o) => fitParetoNbd(d, o as never) as unknown as FitResult<string>,
    pAlive: (p, d) => paretoNbdPAlive(as(p), d),
    expectedPurchases: (p, t, d) => paretoNbdExpectedPurchases(as(p), t, d),
    expectedPurchasesNew: (p, t) => paretoNbdExpectedPurchasesNew(as(p), t),
    probabilityOfPurchases: (p, t, k) => paretoNbdProbabilityOfPurchases(as(p), t, k),
  },
};
