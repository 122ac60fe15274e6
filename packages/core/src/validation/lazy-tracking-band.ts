import { CvmError } from '../errors.js';
import type { TrackingCurve } from './holdout.js';
import type { TrackingBand } from './tracking-band.js';

/**
 * Gives a tracking curve its prediction band as `band` (and, when it cannot be made, `bandNote`
 * with the reason, `band` null), computed the first time either is read and then kept. A caller
 * that only ranks the models (the retention lists: `cvm at-risk`, `cvm win-back`) never pays for
 * it: at 1M customers the Pareto/NBD band alone cost about 280 of the validation's 350 CPU-s
 * (issue 12). Reading either property, spreading the curve or writing it as JSON gives what the
 * eager band gave: `band` the band or null; `bandNote` the message of the CvmError that stopped it
 * (any other error is thrown to the reader), undefined otherwise (left out of JSON).
 * @example
 * lazyTrackingBand(tracking, () => trackingBand(model, fit, data, periods, holdout));
 * tracking.band?.cumulativeHi; // computed here, on first read
 */
export function lazyTrackingBand(tracking: TrackingCurve, compute: () => TrackingBand): void {
  let done = false;
  let band: TrackingBand | null = null;
  let note: string | undefined;
  const make = (): void => {
    if (done) return;
    try {
      band = compute();
    } catch (error) {
      if (!(error instanceof CvmError)) throw error;
      band = null;
      note = error.message;
    }
    done = true;
  };
  Object.defineProperty(tracking, 'band', {
    enumerable: true,
    configurable: true,
    get: () => {
      make();
      return band;
    },
    set: (v: TrackingBand | null) => {
      done = true;
      band = v;
    },
  });
  Object.defineProperty(tracking, 'bandNote', {
    enumerable: true,
    configurable: true,
    get: () => {
      make();
      return note;
    },
    set: (v: string | undefined) => {
      make();
      note = v;
    },
  });
}
