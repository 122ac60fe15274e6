import { InputError } from '../errors.js';
import { holm } from '../math/stats/adjust-p-values.js';
import { armMoments, outcomeKind, type ArmOutcome } from './arm-moments.js';
import { compareArm, type Comparison } from './compare-arms.js';
import type { AnalysisOptions, ExperimentData } from './experiment-types.js';
import { sampleRatioCheck, type SampleRatioCheck } from './sample-ratio.js';
import { armVerdict } from './verdict.js';

/** One arm: its size and every outcome's moments. */
export interface ArmSummary {
  arm: string;
  role: 'control' | 'test' | 'observed';
  customers: number;
  share: number;
  plannedShare: number | null;
  outcomes: ArmOutcome[];
}

/** The verdict of one test arm against the control. */
export interface ArmVerdict {
  arm: string;
  control: string;
  /** Some outcome's interval excludes 0. */
  effect: boolean;
  text: string;
}

/** The analysis of an experiment: arms, comparisons, split check and verdicts. */
export interface ExperimentAnalysis {
  level: number;
  customers: number;
  control: string;
  arms: ArmSummary[];
  comparisons: Comparison[];
  srm: SampleRatioCheck | null;
  verdicts: ArmVerdict[];
  warnings: string[];
}

/** Validates the shape of the input. @throws InputError */
function check(data: ExperimentData): void {
  const k = data.armNames.length;
  if (k < 2) {
    throw new InputError(
      'single_arm',
      `The arm column has ${k === 0 ? 'no values' : `one value (${JSON.stringify(data.armNames[0])})`}: an experiment needs a control arm and at least one test arm`,
      { arms: [...data.armNames] },
    );
  }
  if (!(data.control >= 0 && data.control < k))
    throw new InputError(
      'control_not_found',
      `The control arm index ${data.control} is not one of the ${k} arms (${data.armNames.join(', ')})`,
      { arms: [...data.armNames] },
    );
  for (const o of data.outcomes) {
    if (o.values.length !== data.arm.length)
      throw new InputError('bad_experiment', `Outcome ${o.name} has ${o.values.length} values for ${data.arm.length} rows`, {
        outcome: o.name,
      });
  }
  for (let i = 0; i < data.arm.length; i++) {
    if (data.arm[i]! >= k)
      throw new InputError('bad_experiment', `Row ${i} has arm index ${data.arm[i]}, but there are only ${k} arms`, { row: i });
  }
  if (data.outcomes.length === 0)
    throw new InputError('no_outcome', 'The experiment has no outcome column to compare; name at least one (e.g. --outcome visit)', {});
}

/**
 * Analyses a randomised experiment with one row per customer: per arm the size and every outcome's
 * rate or mean; every test arm against the control on every outcome (Newcombe's interval for rates,
 * Welch's interval and a seeded bootstrap for means, relative change, p-values with Holm's adjustment
 * over all comparisons, incremental totals); the sample-ratio-mismatch check when the planned split is
 * given; and the verdict of each arm in words.
 *
 * @throws InputError `single_arm` (fewer than two arms), `control_not_found`, `empty_control` (no
 *   customer in the control arm), `empty_arm`, `no_outcome`, `bad_experiment` (misaligned columns).
 * @example
 * const a = analyzeExperiment({ arm, armNames: ['No E-Mail', 'Womens E-Mail'], control: 0, outcomes: [{ name: 'visit', values }] });
 * a.verdicts[0].text; // => 'a lift of 4.5 points (95% CI 3.9 to 5.2) in visit' (Hillstrom)
 */
export function analyzeExperiment(data: ExperimentData, options: AnalysisOptions = {}): ExperimentAnalysis {
  check(data);
  const level = options.level ?? 0.95;
  const k = data.armNames.length;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < data.arm.length; i++) counts[data.arm[i]!]++;
  const controlName = data.armNames[data.control]!;
  if (counts[data.control] === 0) {
    throw new InputError(
      'empty_control',
      `The control arm "${controlName}" has no customers: without a control group there is nothing to measure the uplift against`,
      { control: controlName, counts },
    );
  }
  const observe = new Set(data.observeOnly ?? []);
  for (let j = 0; j < k; j++) {
    if (counts[j] === 0)
      throw new InputError('empty_arm', `The arm "${data.armNames[j]}" has no customers`, { arm: data.armNames[j], counts });
  }
  const warnings: string[] = [];
  const kinds = data.outcomes.map((o) => outcomeKind(o.values, o.kind));
  const moments = data.outcomes.map((o, m) => armMoments(data, o.values, kinds[m]!, o.name));
  data.outcomes.forEach((o, m) => {
    const missing = data.arm.length - moments[m]!.reduce((s, a) => s + a.n, 0);
    if (missing > 0)
      warnings.push(
        `${o.name}: ${missing.toLocaleString('en-US')} ${missing === 1 ? 'customer has' : 'customers have'} no value and ${missing === 1 ? 'is' : 'are'} left out of this outcome`,
      );
  });
  const total = data.arm.length;
  const arms: ArmSummary[] = data.armNames.map((name, j) => ({
    arm: name,
    role: j === data.control ? 'control' : observe.has(j) ? 'observed' : 'test',
    customers: counts[j]!,
    share: counts[j]! / total,
    plannedShare: options.plannedShares ? options.plannedShares[j]! / options.plannedShares.reduce((s, v) => s + v, 0) : null,
    outcomes: moments.map((mm) => mm[j]!),
  }));
  const comparisons: Comparison[] = [];
  for (let j = 0; j < k; j++) {
    if (j === data.control || observe.has(j)) continue;
    data.outcomes.forEach((o, m) => {
      comparisons.push(
        compareArm({
          data,
          values: o.values,
          armIndex: j,
          test: moments[m]![j]!,
          control: moments[m]![data.control]!,
          label: o.label ?? o.name,
          money: o.money ?? false,
          level,
          bootstrap: options.bootstrap ?? {},
        }),
      );
    });
  }
  const adjusted = holm(comparisons.map((c) => c.pValue));
  comparisons.forEach((c, i) => {
    c.pAdjusted = adjusted[i]!;
  });
  const srm = options.plannedShares ? sampleRatioCheck(data.armNames, counts, options.plannedShares, options.srmThreshold ?? 0.001) : null;
  if (srm?.mismatch) warnings.unshift(srm.message);
  if (comparisons.length > 1)
    warnings.push(
      `${comparisons.length} comparisons (arms × outcomes): judge significance by the Holm-adjusted p-values, which keep the chance of any false alarm at ${Math.round((1 - level) * 100)}%`,
    );
  const verdicts: ArmVerdict[] = [];
  for (let j = 0; j < k; j++) {
    if (j === data.control || observe.has(j)) continue;
    const mine = comparisons.filter((c) => c.arm === data.armNames[j]);
    const prefix = srm?.mismatch ? 'unreliable (sample ratio mismatch): ' : '';
    verdicts.push({
      arm: data.armNames[j]!,
      control: controlName,
      effect: mine.some((c) => c.significant),
      text: prefix + armVerdict(mine, level),
    });
  }
  return { level, customers: total, control: controlName, arms, comparisons, srm, verdicts, warnings };
}
