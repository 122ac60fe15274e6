import { DataQualityError } from './errors.js';
import type { CountModelName } from './models/count-models.js';
import type { ModelScores, ModelsReport } from './pipeline-models-types.js';

/**
 * The scores of a models run, for a report that cannot do without a forecast (acquisition's
 * predicted CLV, look-alikes' top tier): the trustworthy scores and the model's parameters, or a
 * DataQualityError that repeats, in plain words, why no model can be trusted on this data.
 * @throws DataQualityError `no_trustworthy_model`
 */
export function requireScores(
  models: { report: ModelsReport; scores: ModelScores | null },
  forWhat: string,
): {
  report: ModelsReport & { model: CountModelName; params: Record<string, number>; units: NonNullable<ModelsReport['units']> };
  scores: ModelScores;
} {
  const { report, scores } = models;
  if (scores === null || report.model === null || report.params === null || report.units === null) {
    throw new DataQualityError(
      'no_trustworthy_model',
      `${forWhat} needs a CLV forecast, and no count model can be trusted on this data: ${report.fallback?.reason ?? 'see cvm validate'}`,
      {},
    );
  }
  return {
    report: report as ModelsReport & { model: CountModelName; params: Record<string, number>; units: NonNullable<ModelsReport['units']> },
    scores,
  };
}
