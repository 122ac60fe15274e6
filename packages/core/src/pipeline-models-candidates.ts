import type { Engine } from './engine/engine.js';
import { CvmError } from './errors.js';
import { COUNT_MODELS, type CountModelName } from './models/count-models.js';
import { MS_PER_DAY, logDates, type Period } from './summary/summary.js';
import { validateOnHoldout, type ValidationReport } from './validation/validate.js';

/** A model the holdout validation compares: the three count models and the regular-timing MBG/CNBD-k. */
export type ValidatedModelName = CountModelName | 'mbg-cnbd-k';

/**
 * Step 1 of the models stage: validates the count models on a calibration/holdout split of the log
 * (calibration end `validateAt`, default the middle of the log's date range; holdout to the last
 * day) and ranks the candidates to score with: the validation's recommended model, then the other
 * acceptable ones (converged, verdict not poor, trust not unreliable) by holdout MAE; none when the
 * validation recommends none; BG/NBD, Pareto/NBD and MBG/NBD when the validation could not run
 * (`validationSkipped` says why). A candidate may be MBG/CNBD-k, which the main job cannot score with
 * (see `runModelsWithScores`).
 * @example
 * (await rankModelCandidates(engine, 'week', '1997-09-30')).candidates; // e.g. ['mbg-nbd', 'bg-nbd', 'pareto-nbd']
 */
export async function rankModelCandidates(
  engine: Engine,
  period: Period,
  validateAt: string | undefined,
): Promise<{ validation: ValidationReport | null; validationSkipped: string | null; candidates: ValidatedModelName[] }> {
  const range = await logDates(engine);
  let validation: ValidationReport | null = null;
  let validationSkipped: string | null = null;
  const first = Date.parse(range.firstDate!),
    last = Date.parse(range.lastDate!);
  const calibrationEnd =
    validateAt ?? new Date(first + Math.floor((last - first) / 2 / MS_PER_DAY) * MS_PER_DAY).toISOString().slice(0, 10);
  try {
    validation = await validateOnHoldout(engine, { period, calibrationEnd, holdoutEnd: range.lastDate! });
  } catch (error) {
    if (!(error instanceof CvmError)) throw error;
    validationSkipped = error.message;
  }
  let candidates: ValidatedModelName[];
  if (validation) {
    const rec = validation.comparison.recommended as ValidatedModelName | null;
    const acceptable = validation.models
      .filter((v) => v.fit.converged && v.verdict !== 'poor' && v.assessment.trust !== 'unreliable')
      .sort((a, b) => a.mae - b.mae)
      .map((v) => v.model as ValidatedModelName);
    candidates = rec === null ? [] : [rec, ...acceptable.filter((m) => m !== rec)];
  } else {
    candidates = [...COUNT_MODELS];
  }
  return { validation, validationSkipped, candidates };
}
