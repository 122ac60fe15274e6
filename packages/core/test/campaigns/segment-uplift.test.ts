import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeExperiment } from '../../src/campaigns/analyze-experiment.js';
import { upliftBySegment, MAX_SEGMENTS } from '../../src/campaigns/segment-uplift.js';
import type { ExperimentData } from '../../src/campaigns/experiment-types.js';
import { createRng } from '../../src/math/random/rng.js';
import { chiSquareSf } from '../../src/math/stats/chi-square.js';
import { InputError } from '../../src/errors.js';
import { assertClose } from '../helpers/assert-close.js';

/** 30,000 customers in three tiers; the campaign lifts the response only in tier "gold" (+8 points). */
function data(): ExperimentData {
  const rng = createRng(21);
  const n = 30_000;
  const arm = new Uint32Array(n),
    y = new Float64Array(n),
    tier: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = rng() < 0.8 ? 1 : 0;
    const g = ['bronze', 'gold', 'silver'][i % 3]!;
    arm[i] = t;
    tier.push(g);
    y[i] = rng() < 0.1 + (t && g === 'gold' ? 0.08 : 0) ? 1 : 0;
  }
  return {
    arm,
    armNames: ['control', 'target'],
    control: 0,
    outcomes: [{ name: 'response', values: y }],
    segments: [{ name: 'tier', values: tier }],
  };
}

test('uplift by segment: each row equals the analysis of that segment alone; Holm finds gold only', () => {
  const d = data();
  const s = upliftBySegment(d, ['tier']);
  assert.deepEqual(
    s.rows.map((r) => r.segment),
    ['bronze', 'gold', 'silver'],
  );
  for (const r of s.rows) {
    const keep = d.segments![0]!.values.map((v, i) => (v === r.segment ? i : -1)).filter((i) => i >= 0);
    const alone = analyzeExperiment({
      arm: Uint32Array.from(keep, (i) => d.arm[i]!),
      armNames: d.armNames,
      control: 0,
      outcomes: [{ name: 'response', values: Float64Array.from(keep, (i) => d.outcomes[0]!.values[i]!) }],
    });
    const c = alone.comparisons[0]!;
    assertClose(r.difference, c.difference, 1e-15, `${r.segment} difference vs the segment alone`);
    assertClose(r.lower, c.lower, 1e-15, `${r.segment} lower vs the segment alone`);
    assertClose(r.upper, c.upper, 1e-15, `${r.segment} upper vs the segment alone`);
    assertClose(r.pValue, c.pValue, 1e-12, `${r.segment} p vs the segment alone`, true);
  }
  assert.deepEqual(
    s.rows.filter((r) => r.significantAdjusted).map((r) => r.segment),
    ['gold'],
  );
  assert.equal(s.tests, 3);
  assert.match(s.warning, /^3 segment comparisons: at 5% about 0\.2 would look significant by chance alone/);
  // Cochran's Q by hand from the three rows
  const w = s.rows.map((r) => 1 / ((r.meanTest * (1 - r.meanTest)) / r.nTest + (r.meanControl * (1 - r.meanControl)) / r.nControl));
  const dbar = s.rows.reduce((a, r, i) => a + w[i]! * r.difference, 0) / w.reduce((a, b) => a + b, 0);
  const q = s.rows.reduce((a, r, i) => a + w[i]! * (r.difference - dbar) ** 2, 0);
  assertClose(s.heterogeneity[0]!.q, q, 1e-10, 'Cochran Q', true);
  assertClose(s.heterogeneity[0]!.pValue, chiSquareSf(q, 2), 1e-12, 'Q p-value, 2 df', true);
  assert.ok(s.heterogeneity[0]!.pValue < 0.001, 'the uplift clearly differs between tiers');
});

test('uplift by segment: unknown column is an error; more than 50 values are pooled into (other)', () => {
  const d = data();
  assert.throws(
    () => upliftBySegment(d, ['channel']),
    (e: unknown) => e instanceof InputError && e.code === 'unknown_segment' && /available: tier/.test(e.message),
  );
  const many = { ...d, segments: [{ name: 'zip', values: Array.from(d.arm, (_, i) => String(i % 80)) }] };
  const s = upliftBySegment(many);
  const names = new Set(s.rows.map((r) => r.segment));
  assert.equal(names.size, MAX_SEGMENTS);
  assert.ok(names.has('(other)'));
  assert.match(s.notes[0]!, /the 31 rarest values pooled/);
});
