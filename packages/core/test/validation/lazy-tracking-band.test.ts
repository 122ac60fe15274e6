// The holdout validation makes each tracking curve's prediction band when it is first read (issue 12:
// the retention lists only rank the models, and at 1M customers the Pareto/NBD band was about 280 of
// the validation's 350 CPU-s). What is read is what the eager band gave: the band itself, or null with
// the reason; the same JSON. Cohort simulated from known BG/NBD parameters (test/helpers), weeks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CvmError } from '../../src/errors.js';
import { fitBgNbd } from '../../src/models/bg-nbd/fit.js';
import { COUNT_MODEL_REGISTRY, type CountModel } from '../../src/models/count-models.js';
import { assessCountFit } from '../../src/models/shared/fit-assessment.js';
import type { FitResult } from '../../src/models/shared/model-types.js';
import { validateCountModel, type TrackingCurve } from '../../src/validation/holdout.js';
import { lazyTrackingBand } from '../../src/validation/lazy-tracking-band.js';
import { trackingBand } from '../../src/validation/tracking-band.js';
import { simulateTracking } from '../helpers/simulate-tracking.js';

const sim = simulateTracking({
  model: 'bg-nbd',
  params: { r: 0.5, alpha: 6, a: 0.7, b: 2.5 },
  n: 400,
  births: 12,
  calEnd: 39,
  holdout: 39,
  seed: 3,
});
const fit = fitBgNbd(sim);
const base = COUNT_MODEL_REGISTRY['bg-nbd'];
let calibrationTotal = 0;
for (const v of sim.x) calibrationTotal += v;
const holdoutBand = { calibrationEnd: 39, calibrationTotal, level: 0.9 };

/** BG/NBD with its P(alive) calls counted (the band calls it at the fit and at shifted parameters). */
function counted(): { model: CountModel; calls: () => number } {
  let n = 0;
  return {
    model: {
      ...base,
      pAlive: (p, d) => {
        n++;
        return base.pAlive(p, d);
      },
    },
    calls: () => n,
  };
}

function validate(model: CountModel, f: FitResult<string> = fit, band: typeof holdoutBand | null = holdoutBand) {
  return validateCountModel({
    model,
    fit: f,
    data: sim,
    assessment: assessCountFit(base, f, sim),
    holdout: new Float64Array(sim.x.length),
    duration: 39,
    birth: sim.birth,
    actualPerPeriod: sim.perPeriod,
    calibrationPeriods: 39,
    band: band ?? undefined,
  });
}

test('the band is made when first read, once, and equals the band made directly', () => {
  const { model, calls } = counted();
  const v = validate(model);
  assert.equal(calls(), 0, 'validating (fit, holdout errors, tracking curve, verdict) does not make the band');
  const band = v.tracking.band;
  const made = calls();
  assert.ok(made > 0, 'reading the band makes it (P(alive) at the fit and at shifted parameters)');
  assert.ok(band, 'BG/NBD with a covariance has a band');
  assert.equal(v.tracking.band, band, 'a second read returns the band kept');
  assert.equal(v.tracking.bandNote, undefined);
  assert.equal(calls(), made, 'nothing made twice');
  assert.deepEqual(band, trackingBand(base, fit, sim, sim.perPeriod.length, holdoutBand, { level: 0.9 }));
});

test('as JSON and spread, the curve is what the eager band gave; no band asked, no band key', () => {
  const v = validate(counted().model);
  const { band: _b, bandNote: _n, ...curve } = v.tracking;
  const eager: TrackingCurve = { ...curve, band: trackingBand(base, fit, sim, sim.perPeriod.length, holdoutBand, { level: 0.9 }) };
  assert.equal(JSON.stringify(v), JSON.stringify({ ...v, tracking: eager }));
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(v.tracking))), Object.keys(eager));
  const none = validate(counted().model, fit, null);
  assert.ok(!('band' in none.tracking) && !('bandNote' in none.tracking));
});

test('a band that cannot be made: null, with the reason in bandNote (also in JSON)', () => {
  const flat = { ...fit, covariance: new Float64Array(fit.covariance.length).fill(Number.NaN) };
  const v = validate(counted().model, flat);
  assert.equal(v.tracking.band, null);
  assert.match(v.tracking.bandNote ?? '', /no usable covariance/);
  const json = JSON.parse(JSON.stringify(v.tracking)) as TrackingCurve;
  assert.equal(json.band, null);
  assert.equal(json.bandNote, v.tracking.bandNote);
  const bad = validate(counted().model, fit, { ...holdoutBand, level: 1.5 });
  assert.match(bad.tracking.bandNote ?? '', /between 0 and 1/, 'read first through bandNote');
  assert.equal(bad.tracking.band, null);
});

test('an error that is not a CvmError reaches the reader; a band set by hand is kept', () => {
  const t = { period: [], actualCumulative: [], predictedCumulative: [], calibrationPeriods: 0 } as TrackingCurve;
  lazyTrackingBand(t, () => {
    throw new RangeError('a bug');
  });
  assert.throws(() => t.band, RangeError);
  const u = { period: [], actualCumulative: [], predictedCumulative: [], calibrationPeriods: 0 } as TrackingCurve;
  let made = 0;
  lazyTrackingBand(u, () => {
    made++;
    throw new CvmError('x', 'never read', {});
  });
  u.band = null;
  u.bandNote = 'set';
  assert.equal(u.band, null);
  assert.equal(u.bandNote, 'set');
  assert.equal(made, 0, 'a band set by hand is not made');
});
