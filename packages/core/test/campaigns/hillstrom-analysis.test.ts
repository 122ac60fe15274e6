import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeExperiment } from '../../src/campaigns/analyze-experiment.js';
import { assertClose } from '../helpers/assert-close.js';
import { readFixture } from '../helpers/read-csv.js';
import { readHillstrom } from './hillstrom.js';

interface Ref {
  arms: Record<string, { n: number; visit: number; conversion: number; spend: number }>;
  comparisons: { arm: string; outcome: string; difference: number; lower: number; upper: number; p: number }[];
  srm: { p: number };
}
// Independent computation: fixtures/hillstrom-reference.py (Python csv + scipy) → hillstrom-scipy.json.
const ref = readFixture<Ref>('hillstrom-scipy.json');
const h = readHillstrom();
const ARMS = ['No E-Mail', 'Womens E-Mail', 'Mens E-Mail'];
const analysis = analyzeExperiment(
  {
    arm: Uint32Array.from(h.segment, (s) => ARMS.indexOf(s)),
    armNames: ARMS,
    control: 0,
    outcomes: [
      { name: 'visit', label: 'visits', values: h.visit },
      { name: 'conversion', values: h.conversion },
      { name: 'spend', label: 'spend per customer', values: h.spend, money: true },
    ],
  },
  { plannedShares: [1, 1, 1] },
);

test('Hillstrom: the published arm figures, exactly to the printed digits', () => {
  // Hillstrom (2008) challenge figures, as printed in issue 14 and data/README.md
  const printed: Record<string, { n: number; visit: string; conversion: string; spend: string }> = {
    'No E-Mail': { n: 21306, visit: '10.62', conversion: '0.573', spend: '0.653' },
    'Womens E-Mail': { n: 21387, visit: '15.14', conversion: '0.884', spend: '1.077' },
    'Mens E-Mail': { n: 21307, visit: '18.28', conversion: '1.253', spend: '1.423' },
  };
  for (const arm of analysis.arms) {
    const p = printed[arm.arm]!;
    const [visit, conversion, spend] = arm.outcomes;
    assert.equal(arm.customers, p.n, `${arm.arm} size`);
    assert.equal((100 * visit!.mean).toFixed(2), p.visit, `${arm.arm} visit rate %`);
    assert.equal((100 * conversion!.mean).toFixed(3), p.conversion, `${arm.arm} conversion %`);
    assert.equal(spend!.mean.toFixed(3), p.spend, `${arm.arm} spend per customer`);
    assert.equal(visit!.kind, 'rate');
    assert.equal(spend!.kind, 'mean');
    assertClose(spend!.mean, ref.arms[arm.arm]!.spend, 1e-13, `${arm.arm} spend mean vs Python`, true);
  }
});

test('Hillstrom: Newcombe and Welch intervals and p-values equal an independent scipy computation', () => {
  for (const r of ref.comparisons) {
    const c = analysis.comparisons.find((x) => x.arm === r.arm && x.outcome === r.outcome)!;
    const label = `${r.arm} ${r.outcome}`;
    assertClose(c.difference, r.difference, 1e-12, `${label} difference`, true);
    assertClose(c.lower, r.lower, 1e-10, `${label} lower`, true);
    assertClose(c.upper, r.upper, 1e-10, `${label} upper`, true);
    assertClose(c.pValue, r.p, 1e-8, `${label} p`, true);
    assert.equal(c.method, r.outcome === 'spend' ? 'welch' : 'newcombe');
    assert.ok(c.significant, `${label} is a clear effect`);
    assertClose(c.incremental, c.difference * c.nTest, 1e-9, `${label} incremental total = difference × arm size`);
  }
  // spend: the seeded bootstrap agrees with Welch to within 20% of the standard error: the Monte Carlo
  // error of a 2.5% quantile from 2,000 resamples is ≈ 6% of it, and spend is skewed (the bootstrap
  // bounds sit a little higher than Welch's symmetric ones)
  for (const c of analysis.comparisons.filter((x) => x.outcome === 'spend')) {
    const se = (c.upper - c.lower) / (2 * 1.96);
    assertClose(c.bootstrap!.lower, c.lower, 0.2 * se, `${c.arm} bootstrap lower vs Welch`);
    assertClose(c.bootstrap!.upper, c.upper, 0.2 * se, `${c.arm} bootstrap upper vs Welch`);
    assert.equal(c.bootstrap!.resamples, 2000);
  }
  assertClose(analysis.srm!.pValue, ref.srm.p, 1e-10, 'SRM p vs scipy.stats.chisquare', true);
  assert.equal(analysis.srm!.mismatch, false);
});

test('Hillstrom: the verdicts in words', () => {
  const w = analysis.verdicts.find((v) => v.arm === 'Womens E-Mail')!;
  assert.equal(
    w.text,
    'a lift of 4.5 points (95% CI 3.9 to 5.2) in visits; a lift of 0.31 points (0.15 to 0.47) in conversion; 0.42 more spend per customer (0.17 to 0.68)',
  );
  const m = analysis.verdicts.find((v) => v.arm === 'Mens E-Mail')!;
  assert.match(m.text, /^a lift of 7\.7 points \(95% CI 7\.0 to 8\.3\) in visits;/);
  assert.ok(
    analysis.warnings.some((x) => /Holm/.test(x)),
    'six comparisons: the Holm note',
  );
});
