import assert from 'node:assert/strict';
import type { Engine } from '../../src/engine/engine.js';
import { fitSpendOnPatterns } from '../../src/scores/pattern-scores.js';
import type { DatabaseScores } from '../../src/scores/score-in-database.js';
import { summarizeSpendPatterns } from '../../src/summary/summary-patterns.js';

/**
 * `s`'s Gamma-Gamma fit against `fitSpendOnPatterns` on the distinct (x, m̄ₓ) pulled from `reference`
 * (the fit before issue 16 moved it to the shards): parameters 1e-6 relative, LL 1e-9 relative, the
 * same warnings, evaluations and correlation (1e-9).
 */
export async function assertSameSpendFit(
  s: DatabaseScores,
  reference: Engine,
  o: { calibrationEnd?: string; period?: 'day' | 'week' },
  what: string,
): Promise<void> {
  const pairs = await summarizeSpendPatterns(reference, o);
  const ref = fitSpendOnPatterns(pairs, s.zeroSpend.customerIds).fit!;
  const got = s.spendFit!;
  for (const k of ['p', 'q', 'gamma']) {
    const a = got.params[k]!,
      e = ref.params[k]!;
    assert.ok(Math.abs(a - e) <= 1e-6 * Math.abs(e), `${what}: ${k} on the shards ${a}, on the pairs ${e} (1e-6 relative)`);
  }
  assert.ok(
    Math.abs(got.logLikelihood - ref.logLikelihood) <= 1e-9 * Math.abs(ref.logLikelihood),
    `${what}: LL ${got.logLikelihood} vs ${ref.logLikelihood}`,
  );
  const rc = ref.diagnostics.frequencySpendCorrelation!,
    gc = got.diagnostics.frequencySpendCorrelation!;
  assert.ok(Math.abs(gc - rc) <= 1e-9 * Math.abs(rc), `${what}: correlation ${gc} vs ${rc}`);
  assert.equal(got.diagnostics.customers, ref.diagnostics.customers, `${what}: customers in the fit`);
  assert.equal(got.converged, ref.converged, `${what}: converged`);
  assert.deepEqual(got.warnings, ref.warnings, `${what}: warnings`);
  assert.equal(
    s.zeroSpend.count,
    pairs.x.reduce((n, x, i) => n + (x > 0 && pairs.mx[i] === 0 ? pairs.weights[i]! : 0), 0),
    `${what}: zero spend`,
  );
}
