import { bgNbdExpectedPurchases, bgNbdExpectedPurchasesNew, bgNbdPAlive, bgNbdProbabilityOfPurchases } from './bg-nbd/predict.js';
import { fitBgNbd } from './bg-nbd/fit.js';
import { fitMbgNbd } from './mbg-nbd/fit.js';
import { mbgNbdExpectedPurchases, mbgNbdExpectedPurchasesNew, mbgNbdPAlive, mbgNbdProbabilityOfPurchases } from './mbg-nbd/predict.js';
import { fitParetoNbd } from './pareto-nbd/fit.js';
import { PARETO_NBD_PARAMS } from './pareto-nbd/likelihood.js';
import { BG_PARAM_NAMES } from './bg-nbd/likelihood.js';
import {
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdPAlive,
  paretoNbdProbabilityOfPurchases,
} from './pareto-nbd/predict.js';
import type { FitOptions, FitResult, RfmData } from './shared/model-types.js';

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
  /** A registry name, or MBG/CNBD-k's (built per data by `mbgCnbdKCountModel`, as it needs Σ ln ITT). */
  name: CountModelName | 'mbg-cnbd-k';
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

/**
 * A model's parameters read by name out of a name → value record (as reports store them), so that
 * no cast is needed: a missing or non-numeric parameter is a programming error and throws.
 * @throws RangeError naming the missing parameter
 */
function paramsOf<P extends string>(names: readonly P[], p: Params): Record<P, number> {
  const out: Partial<Record<P, number>> = {};
  for (const n of names) {
    const v = p[n];
    if (typeof v !== 'number') throw new RangeError(`parameter ${n} missing (got ${Object.keys(p).join(', ')})`);
    out[n] = v;
  }
  return out as Record<P, number>;
}

/** A model's fit behind the common interface: its own typed options and result are subtypes of the generic ones. */
function countModel<P extends string>(m: {
  name: CountModelName;
  label: string;
  reference: string;
  paramNames: readonly P[];
  fit: (d: RfmData, o?: FitOptions<P>) => FitResult<P>;
  pAlive: (p: Record<P, number>, d: RfmData) => Float64Array;
  expectedPurchases: (p: Record<P, number>, t: number, d: RfmData) => Float64Array;
  expectedPurchasesNew: (p: Record<P, number>, t: number) => number;
  probabilityOfPurchases: (p: Record<P, number>, t: number, k: number) => number;
}): CountModel {
  const own = (p: Params): Record<P, number> => paramsOf(m.paramNames, p);
  return {
    name: m.name,
    label: m.label,
    reference: m.reference,
    paramNames: m.paramNames,
    fit: (d, o) => m.fit(d, o && { ...o, start: o.start && paramsOfPartial(m.paramNames, o.start) }),
    pAlive: (p, d) => m.pAlive(own(p), d),
    expectedPurchases: (p, t, d) => m.expectedPurchases(own(p), t, d),
    expectedPurchasesNew: (p, t) => m.expectedPurchasesNew(own(p), t),
    probabilityOfPurchases: (p, t, k) => m.probabilityOfPurchases(own(p), t, k),
  };
}

/** The named parameters present in a partial starting point (others left to the model's own starts). */
function paramsOfPartial<P extends string>(names: readonly P[], p: Partial<Record<string, number>>): Partial<Record<P, number>> {
  const out: Partial<Record<P, number>> = {};
  for (const n of names) if (p[n] !== undefined) out[n] = p[n];
  return out;
}

export const COUNT_MODEL_REGISTRY: Record<CountModelName, CountModel> = {
  'bg-nbd': countModel({
    name: 'bg-nbd',
    label: 'BG/NBD',
    reference: 'Fader, Hardie & Lee (2005), Marketing Science 24(2)',
    paramNames: BG_PARAM_NAMES,
    fit: fitBgNbd,
    pAlive: bgNbdPAlive,
    expectedPurchases: bgNbdExpectedPurchases,
    expectedPurchasesNew: bgNbdExpectedPurchasesNew,
    probabilityOfPurchases: bgNbdProbabilityOfPurchases,
  }),
  'mbg-nbd': countModel({
    name: 'mbg-nbd',
    label: 'MBG/NBD',
    reference: 'Batislam, Denizel & Filiztekin (2007), IJRM 24(3)',
    paramNames: BG_PARAM_NAMES,
    fit: fitMbgNbd,
    pAlive: mbgNbdPAlive,
    expectedPurchases: mbgNbdExpectedPurchases,
    expectedPurchasesNew: mbgNbdExpectedPurchasesNew,
    probabilityOfPurchases: mbgNbdProbabilityOfPurchases,
  }),
  'pareto-nbd': countModel({
    name: 'pareto-nbd',
    label: 'Pareto/NBD',
    reference: 'Schmittlein, Morrison & Colombo (1987), Management Science 33(1)',
    paramNames: PARETO_NBD_PARAMS,
    fit: fitParetoNbd,
    pAlive: paretoNbdPAlive,
    expectedPurchases: paretoNbdExpectedPurchases,
    expectedPurchasesNew: paretoNbdExpectedPurchasesNew,
    probabilityOfPurchases: paretoNbdProbabilityOfPurchases,
  }),
};
