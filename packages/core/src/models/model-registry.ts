import { fitBgBb } from './bg-bb/fit.js';
import { BG_BB_PARAMS, type BgBbData, type BgBbParam } from './bg-bb/likelihood.js';
import { fitBgNbd } from './bg-nbd/fit.js';
import { BG_PARAM_NAMES, type BgNbdParamName } from './bg-nbd/likelihood.js';
import { fitGammaGamma } from './gamma-gamma/fit.js';
import { GAMMA_GAMMA_PARAMS, type GammaGammaParamName } from './gamma-gamma/likelihood.js';
import { fitMbgCnbdK, type RegularRfmData } from './mbg-cnbd-k/fit.js';
import { MBG_CNBD_K_PARAMS, type MbgCnbdKParamName } from './mbg-cnbd-k/likelihood.js';
import { fitMbgNbd } from './mbg-nbd/fit.js';
import { fitParetoNbd } from './pareto-nbd/fit.js';
import { PARETO_NBD_PARAMS, type ParetoNbdParam } from './pareto-nbd/likelihood.js';
import { fitSbg } from './s-bg/fit.js';
import { SBG_PARAMS, type SbgParam } from './s-bg/likelihood.js';
import type { FitOptions, FitResult, RfmData, SpendData } from './shared/model-types.js';

/** What each model fits on and the names of its parameters: the one table the registry is typed by. */
export interface ModelSignatures {
  'bg-nbd': { data: RfmData; param: BgNbdParamName };
  'mbg-nbd': { data: RfmData; param: BgNbdParamName };
  'pareto-nbd': { data: RfmData; param: ParetoNbdParam };
  'mbg-cnbd-k': { data: RegularRfmData; param: MbgCnbdKParamName };
  'bg-bb': { data: BgBbData; param: BgBbParam };
  sbg: { data: Float64Array; param: SbgParam };
  'gamma-gamma': { data: SpendData; param: GammaGammaParamName };
}

/** Every model cvm fits. */
export type ModelName = keyof ModelSignatures;

/**
 * One model of the registry, typed by its own data and parameter names. Times are in the unit of the
 * data (days or weeks for the count models, transaction opportunities for BG/BB, contract periods for
 * sBG); every fit runs several deterministic starts and warns when they disagree (see `fitMle`).
 */
export interface ModelEntry<K extends ModelName> {
  name: K;
  label: string;
  /** The paper the model comes from. */
  reference: string;
  /** count: continuous-time purchase counts; discrete: BG/BB opportunities; contractual: sBG retention; spend: Gamma-Gamma. */
  kind: 'count' | 'discrete' | 'contractual' | 'spend';
  paramNames: readonly ModelSignatures[K]['param'][];
  fit(data: ModelSignatures[K]['data'], options?: FitOptions<ModelSignatures[K]['param']>): FitResult<ModelSignatures[K]['param']>;
}

/**
 * The typed registry of all seven models: each entry's fit takes that model's own data and returns
 * its own parameter names, with no cast. The count models' prediction interface (P(alive), expected
 * purchases) is {@link COUNT_MODEL_REGISTRY}; MBG/CNBD-k joins it through `mbgCnbdKCountModel`
 * (it needs Σ ln ITT per customer).
 *
 * @example
 * const fit = MODEL_REGISTRY['bg-nbd'].fit(cdnowWeeks);
 * fit.params.r; // => 0.243 (Fader, Hardie & Lee 2005, table 1)
 * MODEL_REGISTRY.sbg.fit(highEndActive).params.alpha; // => 0.668 (Fader & Hardie 2007, High End)
 */
export const MODEL_REGISTRY: { readonly [K in ModelName]: ModelEntry<K> } = {
  'bg-nbd': {
    name: 'bg-nbd',
    label: 'BG/NBD',
    reference: 'Fader, Hardie & Lee (2005), Marketing Science 24(2)',
    kind: 'count',
    paramNames: BG_PARAM_NAMES,
    fit: fitBgNbd,
  },
  'mbg-nbd': {
    name: 'mbg-nbd',
    label: 'MBG/NBD',
    reference: 'Batislam, Denizel & Filiztekin (2007), IJRM 24(3)',
    kind: 'count',
    paramNames: BG_PARAM_NAMES,
    fit: fitMbgNbd,
  },
  'pareto-nbd': {
    name: 'pareto-nbd',
    label: 'Pareto/NBD',
    reference: 'Schmittlein, Morrison & Colombo (1987), Management Science 33(1)',
    kind: 'count',
    paramNames: PARETO_NBD_PARAMS,
    fit: fitParetoNbd,
  },
  'mbg-cnbd-k': {
    name: 'mbg-cnbd-k',
    label: 'MBG/CNBD-k',
    reference: 'Platzer & Reutterer (2016), Marketing Science 35(5); Reutterer, Platzer & Schröder (2021), IJRM 38(1)',
    kind: 'count',
    paramNames: MBG_CNBD_K_PARAMS,
    // the grid over k picks k by likelihood; a `start` in the options is not used
    fit: (data, options) => fitMbgCnbdK(data, options).fit,
  },
  'bg-bb': {
    name: 'bg-bb',
    label: 'BG/BB',
    reference: 'Fader, Hardie & Shang (2010), Marketing Science 29(6)',
    kind: 'discrete',
    paramNames: BG_BB_PARAMS,
    fit: fitBgBb,
  },
  sbg: {
    name: 'sbg',
    label: 'sBG',
    reference: 'Fader & Hardie (2007), Journal of Interactive Marketing 21(1)',
    kind: 'contractual',
    paramNames: SBG_PARAMS,
    fit: fitSbg,
  },
  'gamma-gamma': {
    name: 'gamma-gamma',
    label: 'Gamma-Gamma',
    reference: 'Fader, Hardie & Lee (2005), Journal of Marketing Research 42(4); Colombo & Jiang (1999)',
    kind: 'spend',
    paramNames: GAMMA_GAMMA_PARAMS,
    fit: fitGammaGamma,
  },
};
