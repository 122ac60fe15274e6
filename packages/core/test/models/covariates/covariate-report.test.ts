import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covariateFitSection } from '../../../src/models/covariates/covariate-report.js';
import { fitBgNbdCovariates } from '../../../src/models/covariates/bg-nbd-covariates.js';
import { assertClose } from '../../helpers/assert-close.js';
import { assessFit } from '../../../src/models/shared/fit-assessment.js';
import { apparelWeeks, genderChannel } from '../../helpers/apparel.js';

const ap = apparelWeeks();
const cov = genderChannel(ap);

test('covariateFitSection: LR test line from the fit, one effects row per coefficient with e^γ, base parameters, warnings first-class', () => {
  const f = fitBgNbdCovariates(ap.rfm, { purchase: cov, dropout: cov });
  const s = covariateFitSection(f, 'weeks');
  assert.equal(s.id, 'fit.covariates');
  assert.match(s.lines[1]!, new RegExp(`χ² = ${f.lrTest.statistic.toFixed(2)} on 4 df`));
  const verdict = assessFit(f.fit);
  assert.deepEqual(s.warnings, [...(verdict.trust === 'ok' ? [] : [verdict.summary]), ...f.warnings]);
  const [effects, base] = s.tables;
  assert.equal(effects!.rows.length, 4);
  const key = (k: string): number => effects!.columns.findIndex((c) => c.key === k);
  f.effects.forEach((e, i) => {
    const row = effects!.rows[i]!;
    assert.equal(row[key('covariate')], e.name);
    assertClose(row[key('multiplier')] as number, Math.exp(e.estimate), 1e-15, `${e.name} multiplier`, true);
    assert.equal(row[key('ci95_low')], e.ci95[0]);
    assert.equal(row[key('p_value')], e.pValue);
  });
  assert.deepEqual(
    base!.rows.map((r) => r[0]),
    ['r', 'alpha', 'a', 'b'],
  );
});
