import { WEAK_RATIO } from './fit-standard-errors.js';
import type { CountModel } from '../count-models.js';
import type { FitResult, RfmData } from './model-types.js';

/** How far a fit can be trusted: `unreliable` fits must not be recommended or scored without a warning. */
export type FitTrust = 'ok' | 'caution' | 'unreliable';

/** One reason to doubt a fit, in plain words first and with its statistics. */
export interface FitIssue {
  kind: 'not_converged' | 'at_bound' | 'flat_likelihood' | 'weakly_identified' | 'assumption' | 'no_dropout';
  /** The parameter concerned, or null for the fit as a whole. */
  parameter: string | null;
  severity: Exclude<FitTrust, 'ok'>;
  /** What it means for the numbers built on the fit, for people who do not read statistics. */
  plain: string;
  /** The statistics behind it (estimate, standard error, gradient). */
  detail: string;
}

/** The verdict on a fit: the worst severity of its issues, the issues, and one line to show with every number built on it. */
export interface FitAssessment {
  model: string;
  trust: FitTrust;
  issues: FitIssue[];
  /** '' when trust is `ok`; else "BG/NBD fit unreliable: <plain words of each issue>". */
  summary: string;
}

/** Corr(x, mx) above which Gamma-Gamma's independence assumption is doubtful (as in `fitGammaGamma`). */
const SPEND_CORRELATION = 0.3;

const LABELS: Record<string, string> = {
  'bg-nbd': 'BG/NBD',
  'mbg-nbd': 'MBG/NBD',
  'pareto-nbd': 'Pareto/NBD',
  'gamma-gamma': 'Gamma-Gamma',
  'bg-bb': 'BG/BB',
  's-bg': 'sBG',
};

const NO_DROPOUT =
  'no customer ever seems to leave in this data, so P(alive) is not informative (it stays near 1 for everyone) and expected purchases run on as if everyone stayed';
const SAME_RATE = 'every customer seems to buy at the same rate, so the model cannot tell frequent buyers from rare ones';
const SAME_SPEND =
  "spend per purchase looks alike for every customer, so expected spend is the population mean for everyone and a customer's own history hardly moves it";
const ALL_LEAVE = 'customers seem to leave right after a purchase, so P(alive) and expected purchases fall to almost nothing';

/**
 * Plain words for a parameter running off to 0 or ∞, per model: which way it goes decides what
 * the model has stopped saying. Dropout: BG/NBD and MBG/NBD p ~ Beta(a, b) (mean a/(a+b) → 0 when
 * a → 0 or b → ∞; FHL 2005 §3); Pareto/NBD μ ~ Gamma(s, β) (mean s/β → 0); BG/BB θ ~ Beta(γ, δ);
 * purchase rates λ ~ Gamma(r, α) lose their spread when r, α → ∞ with r/α fixed; Gamma-Gamma's
 * ν ~ Gamma(q, γ) likewise when q, γ → ∞ (Fader & Hardie 2013, eq. 5 then gives pγ/(q − 1) to all).
 */
function boundWords(model: string, p: string, toZero: boolean): string {
  const dropout: Record<string, [string, string]> = {
    'bg-nbd': ['a', 'b'],
    'mbg-nbd': ['a', 'b'],
    'pareto-nbd': ['s', 'beta'],
    'bg-bb': ['gamma', 'delta'],
    's-bg': ['alpha', 'beta'],
  };
  const d = dropout[model];
  if (d && ((p === d[0] && toZero) || (p === d[1] && !toZero))) {
    return model === 's-bg'
      ? 'almost no subscriber seems to cancel in this data, so the retention forecast is not informative'
      : NO_DROPOUT;
  }
  if (d && ((p === d[0] && !toZero) || (p === d[1] && toZero)) && model !== 's-bg') return ALL_LEAVE;
  if (model !== 'gamma-gamma' && model !== 'bg-bb' && model !== 's-bg' && (p === 'r' || p === 'alpha') && !toZero) return SAME_RATE;
  if (model === 'gamma-gamma' && (p === 'q' || p === 'gamma') && !toZero) return SAME_SPEND;
  return `the data cannot pin down ${p} (it runs off to ${toZero ? '0' : 'infinity'}), so the model's assumptions do not fit this data and its forecasts are doubtful`;
}

const fmt = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

/**
 * Judges a fit for the people who will act on numbers built from it: not converged, a parameter at
 * a bound (|ln θ̂| beyond the fit's bound: `fit.atBound`) or a flat likelihood (standard errors
 * unavailable, or over 10× the estimate) make it `unreliable`; a weakly identified parameter
 * (standard error over {@link WEAK_RATIO} of the estimate) or, for Gamma-Gamma, |corr(x, mx)| > 0.3
 * (Fader & Hardie 2013 §1) make it `caution`. Each issue says in plain words what it does to the
 * forecasts, with the statistics beside them; a parameter at a bound is not also reported as weak.
 * A parameter absent from `standardErrors` (MBG/CNBD-k's k, chosen on a grid) is not judged.
 *
 * @example
 * assessFit(fitBgNbd(data)).trust; // 'ok' on CDNOW; 'unreliable' with issue "no customer ever seems to leave…" when a → 0
 */
export function assessFit(fit: FitResult<string>): FitAssessment {
  const issues: FitIssue[] = [];
  if (!fit.converged) {
    issues.push({
      kind: 'not_converged',
      parameter: null,
      severity: 'unreliable',
      plain: 'the fit did not settle on one best answer, so its numbers are less certain than their digits suggest',
      detail: `gradient norm ${fmt(fit.gradientNorm)} after ${fit.iterations} iterations (tolerance not met)`,
    });
  }
  const atBound = new Set<string>(fit.atBound ?? []);
  for (const p of atBound) {
    const v = fit.params[p]!;
    issues.push({
      kind: 'at_bound',
      parameter: p,
      severity: 'unreliable',
      plain: boundWords(fit.model, p, v < 1),
      detail: `${p} = ${fmt(v)} is at a bound (the likelihood keeps improving as ${p} → ${v < 1 ? '0' : '∞'})`,
    });
  }
  // parameters without a standard-error entry are not maximum-likelihood estimates (MBG/CNBD-k's order k, chosen on a grid)
  const names = Object.keys(fit.params).filter((p) => !atBound.has(p) && p in fit.standardErrors);
  const missing = names.filter((p) => !Number.isFinite(fit.standardErrors[p]!));
  if (missing.length > 0) {
    issues.push({
      kind: 'flat_likelihood',
      parameter: null,
      severity: 'unreliable',
      plain: 'the data cannot tell apart a wide range of parameter values, so forecasts built on this fit are uncertain',
      detail: `standard errors unavailable for ${missing.join(', ')} (the information matrix is singular at the optimum)`,
    });
  }
  for (const p of names) {
    const ratio = fit.standardErrors[p]! / fit.params[p]!;
    if (!Number.isFinite(ratio) || ratio <= WEAK_RATIO) continue;
    const flat = ratio > 10;
    issues.push({
      kind: flat ? 'flat_likelihood' : 'weakly_identified',
      parameter: p,
      severity: flat ? 'unreliable' : 'caution',
      plain: flat
        ? `the data say almost nothing about ${p}, so forecasts built on this fit are uncertain`
        : `the data pin down ${p} only loosely, so the forecasts are less certain than their digits suggest`,
      detail: `${p} = ${fmt(fit.params[p]!)} with standard error ${fmt(fit.standardErrors[p]!)} (${Math.round(100 * ratio)}% of the estimate)`,
    });
  }
  if ((fit.diagnostics.localOptima ?? 0) > 0) {
    issues.push({
      kind: 'assumption',
      parameter: null,
      severity: 'caution',
      plain:
        'the fit found more than one answer from different starting points (the best is used), so the model may not suit this data well',
      detail: `${fit.diagnostics.localOptima} of ${fit.starts} starts ended at a worse local optimum`,
    });
  }
  if ((fit.diagnostics.ridgeStarts ?? 0) > 0 && !issues.some((i) => i.kind === 'flat_likelihood')) {
    issues.push({
      kind: 'weakly_identified',
      parameter: null,
      severity: 'caution',
      plain: 'different parameter values fit the data equally well, so the parameters are less certain than their digits suggest',
      detail: `${fit.diagnostics.ridgeStarts} of ${fit.starts} starts reached the same log-likelihood at other parameter values`,
    });
  }
  const corr = fit.diagnostics.frequencySpendCorrelation;
  if (fit.model === 'gamma-gamma' && corr !== undefined && Math.abs(corr) > SPEND_CORRELATION) {
    issues.push({
      kind: 'assumption',
      parameter: null,
      severity: 'caution',
      plain: `customers who buy more often also spend ${corr > 0 ? 'more' : 'less'} per purchase, which the spend model assumes away, so expected spend may be biased`,
      detail: `corr(frequency, mean spend) = ${corr.toFixed(3)}, above ${SPEND_CORRELATION}`,
    });
  }
  return verdict(fit.model, issues);
}

/** The trust level (worst severity) and the one-line summary, plain words first, one sentence per distinct meaning. */
function verdict(model: string, issues: FitIssue[]): FitAssessment {
  const trust: FitTrust = issues.some((i) => i.severity === 'unreliable') ? 'unreliable' : issues.length ? 'caution' : 'ok';
  const byWords = new Map<string, string[]>();
  for (const i of issues) byWords.set(i.plain, [...(byWords.get(i.plain) ?? []), i.detail]);
  const label = LABELS[model] ?? model;
  const summary =
    trust === 'ok'
      ? ''
      : `${label} fit ${trust === 'unreliable' ? 'unreliable' : 'to read with caution'}: ${[...byWords].map(([plain, details]) => `${plain} (${details.join('; ')})`).join('; ')}`;
  return { model, trust, issues, summary };
}

/** P(alive) above which, for every repeat buyer, the fitted model is said to see no dropout at all. */
export const NO_DROPOUT_P_ALIVE = 0.5;

/**
 * {@link assessFit} for a count model, plus a check on what the fit says about the data it was fitted
 * on: when every customer with a repeat purchase is more likely alive than not (P(alive) >
 * {@link NO_DROPOUT_P_ALIVE} even for the longest silence), the model has found no dropout (BG/NBD
 * a → 0 without reaching the bound, say) and P(alive) ranks nobody: `unreliable`, in those words.
 * (Customers without a repeat purchase are left out: BG/NBD puts them alive by construction.)
 *
 * @param model - the count model the fit belongs to
 * @param data - the customers the fit was made on (periods of the fit)
 * @param pAlive - `model.pAlive(fit.params, data)` when the caller has it already (the scoring did), else computed here
 * @example
 * assessCountFit(COUNT_MODEL_REGISTRY['bg-nbd'], fit, data).trust; // 'unreliable' on a log where nobody lapses
 */
export function assessCountFit(model: CountModel, fit: FitResult<string>, data: RfmData, pAlive?: Float64Array): FitAssessment {
  const a = assessFit(fit);
  if (a.issues.some((i) => i.plain === NO_DROPOUT)) return a;
  const p = pAlive ?? model.pAlive(fit.params, data);
  let min = Infinity,
    silent = -1,
    longest = -Infinity,
    repeaters = 0;
  for (let i = 0; i < p.length; i++) {
    if (!(data.x[i]! > 0)) continue;
    repeaters += data.weights?.[i] ?? 1; // customers, also when the rows are weighted patterns
    min = Math.min(min, p[i]!);
    const gap = data.T[i]! - data.tx[i]!;
    if (gap > longest) {
      longest = gap;
      silent = i;
    }
  }
  if (repeaters === 0 || !(min > NO_DROPOUT_P_ALIVE)) return a;
  const issues: FitIssue[] = [
    ...a.issues,
    {
      kind: 'no_dropout',
      parameter: null,
      severity: 'unreliable',
      plain: NO_DROPOUT,
      detail: `P(alive) is at least ${min.toFixed(2)} for all ${repeaters.toLocaleString('en-US')} repeat buyers, ${p[silent]!.toFixed(3)} for the one silent longest (${fmt(longest)} periods since the last purchase)`,
    },
  ];
  return verdict(fit.model, issues);
}
