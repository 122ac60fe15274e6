import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeExperiment } from '../../src/campaigns/analyze-experiment.js';
import { createRng, type Rng } from '../../src/math/random/rng.js';

/**
 * Simulated campaigns with a known true effect, small samples (300 test, 100 control customers):
 * response ~ Bernoulli(p), revenue = response × Exponential(mean m). Over 200 seeds the 95% intervals
 * should cover the truth in ~95% of campaigns; the band 0.90–0.99 fails for an interval that is too
 * narrow (e.g. a Wald interval with a wrong variance) or needlessly wide.
 */
const SEEDS = 200;
const N_TEST = 300,
  N_CONTROL = 100;

function campaign(rng: Rng, pt: number, pc: number, mt: number, mc: number) {
  const n = N_TEST + N_CONTROL;
  const arm = new Uint32Array(n),
    response = new Float64Array(n),
    revenue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i < N_TEST;
    arm[i] = t ? 1 : 0;
    if (rng() < (t ? pt : pc)) {
      response[i] = 1;
      revenue[i] = -(t ? mt : mc) * Math.log(rng());
    }
  }
  return {
    arm,
    armNames: ['control', 'test'],
    control: 0,
    outcomes: [
      { name: 'response', values: response },
      { name: 'revenue', values: revenue, money: true },
    ],
  };
}

const share = (k: number): number => k / SEEDS;
const inBand = (x: number, label: string): void => assert.ok(x >= 0.9 && x <= 0.99, `${label}: ${x} outside 0.90–0.99 over ${SEEDS} seeds`);

test('95% intervals cover a known true effect in 90–99% of 200 simulated small campaigns', () => {
  const pt = 0.25,
    pc = 0.15,
    mt = 50,
    mc = 40;
  const trueRate = pt - pc,
    trueRevenue = pt * mt - pc * mc;
  let rate = 0,
    welch = 0,
    boot = 0,
    rel = 0;
  for (let s = 1; s <= SEEDS; s++) {
    const a = analyzeExperiment(campaign(createRng(s), pt, pc, mt, mc), { bootstrap: { resamples: 1000, seed: s } });
    const [r, m] = a.comparisons;
    if (r!.lower <= trueRate && trueRate <= r!.upper) rate++;
    if (r!.relativeLower <= pt / pc - 1 && pt / pc - 1 <= r!.relativeUpper) rel++;
    if (m!.lower <= trueRevenue && trueRevenue <= m!.upper) welch++;
    if (m!.bootstrap!.lower <= trueRevenue && trueRevenue <= m!.bootstrap!.upper) boot++;
  }
  if (process.env.CVM_PRINT_COVERAGE) console.log({ rate: share(rate), rel: share(rel), welch: share(welch), boot: share(boot) });
  inBand(share(rate), 'Newcombe coverage of the rate difference');
  inBand(share(rel), 'log-ratio coverage of the relative uplift');
  inBand(share(welch), 'Welch coverage of the revenue difference');
  inBand(share(boot), 'bootstrap coverage of the revenue difference');
});

test('an A/A split reports no effect in ~95% of 200 seeds (and the Holm family keeps false alarms ≤ 5%)', () => {
  let quietRate = 0,
    quietRevenue = 0,
    anyHolm = 0;
  for (let s = 1; s <= SEEDS; s++) {
    const data = campaign(createRng(1000 + s), 0.2, 0.2, 40, 40);
    const single = analyzeExperiment({ ...data, outcomes: [data.outcomes[0]!] }, { bootstrap: false });
    if (!single.verdicts[0]!.effect && /^not distinguishable from no effect/.test(single.verdicts[0]!.text)) quietRate++;
    const both = analyzeExperiment(data, { bootstrap: false });
    if (!both.comparisons[1]!.significant) quietRevenue++;
    if (both.comparisons.some((c) => c.pAdjusted < 0.05)) anyHolm++;
  }
  if (process.env.CVM_PRINT_COVERAGE)
    console.log({ quietRate: share(quietRate), quietRevenue: share(quietRevenue), anyHolm: share(anyHolm) });
  inBand(share(quietRate), 'A/A: response rate verdict "not distinguishable from no effect"');
  inBand(share(quietRevenue), 'A/A: revenue interval contains 0');
  assert.ok(share(anyHolm) <= 0.08, `A/A: some Holm-adjusted p < 0.05 in ${share(anyHolm)} of seeds (expected ≤ 5% + noise)`);
});
