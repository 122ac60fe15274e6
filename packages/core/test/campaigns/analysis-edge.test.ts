import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeExperiment } from '../../src/campaigns/analyze-experiment.js';
import { InputError } from '../../src/errors.js';

const values = Float64Array.of(1, 0, 1, 0, 1, 1);

test('an arm column with one value, an empty control, no outcome: typed errors that say what was found', () => {
  assert.throws(
    () => analyzeExperiment({ arm: new Uint32Array(6), armNames: ['A'], control: 0, outcomes: [{ name: 'visit', values }] }),
    (e: unknown) => e instanceof InputError && e.code === 'single_arm' && /one value \("A"\)/.test(e.message),
  );
  assert.throws(
    () =>
      analyzeExperiment({
        arm: new Uint32Array(6).fill(1),
        armNames: ['control', 'test'],
        control: 0,
        outcomes: [{ name: 'visit', values }],
      }),
    (e: unknown) => e instanceof InputError && e.code === 'empty_control' && /"control" has no customers/.test(e.message),
  );
  assert.throws(
    () => analyzeExperiment({ arm: Uint32Array.of(0, 1, 0, 1, 0, 1), armNames: ['c', 't'], control: 0, outcomes: [] }),
    (e: unknown) => e instanceof InputError && e.code === 'no_outcome',
  );
  assert.throws(
    () => analyzeExperiment({ arm: Uint32Array.of(0, 1, 0, 1, 0, 1), armNames: ['c', 't'], control: 5, outcomes: [{ name: 'v', values }] }),
    (e: unknown) => e instanceof InputError && e.code === 'control_not_found',
  );
});

test('a sample ratio mismatch is flagged and carried into the verdict', () => {
  const n = 2000;
  const arm = Uint32Array.from({ length: n }, (_, i) => (i < 300 ? 0 : 1)); // 15% control, planned 10%
  const v = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 : 0));
  const a = analyzeExperiment(
    { arm, armNames: ['control', 'target'], control: 0, outcomes: [{ name: 'response', values: v }] },
    { plannedShares: [0.1, 0.9] },
  );
  assert.equal(a.srm!.mismatch, true);
  assert.match(a.warnings[0]!, /^Sample ratio mismatch: control 15\.0% \(planned 10\.0%\)/);
  assert.match(a.verdicts[0]!.text, /^unreliable \(sample ratio mismatch\)/);
});

test('missing outcome values are left out of that outcome only, and said so', () => {
  const arm = Uint32Array.of(0, 0, 0, 1, 1, 1);
  const clv = Float64Array.of(10, NaN, 12, 15, 14, NaN);
  const a = analyzeExperiment(
    {
      arm,
      armNames: ['c', 't'],
      control: 0,
      outcomes: [
        { name: 'visit', values },
        { name: 'clv', values: clv, kind: 'mean' },
      ],
    },
    { bootstrap: false },
  );
  assert.equal(a.arms[0]!.outcomes[1]!.n, 2);
  assert.equal(a.arms[0]!.outcomes[0]!.n, 3);
  assert.ok(a.warnings.some((w) => /clv: 2 customers have no value/.test(w)));
});
