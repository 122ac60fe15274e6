import { DataQualityError, fitStamp, type CountModelName } from '@cvm/core';
import type { ApiFitStamp } from '@cvm/core/api';
import { modelsRun } from './routes/models.js';
import type { WorkspaceState } from './workspace-state.js';

export interface CustomerScores {
  model: CountModelName;
  params: Record<string, number>;
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
  units: { horizon: string; discount: string; margin: string; spend: string };
  /** Doubts about the fits behind these scores, in plain words: every answer carrying a score carries them. */
  warnings: string[];
  /** Customer id → index into the arrays (the summary's order). */
  index: Map<string, number>;
}

/**
 * Every customer's P(alive), expected purchases, expected spend and CLV from the models run (the
 * recommended count model and Gamma-Gamma, as `cvm report` scores them), with an id index and the
 * fits' doubts. Cached per data version.
 * @throws DataQualityError `no_trustworthy_model` (HTTP 422) when no count model can be trusted on the
 *   data, with the plain-words reason (the segments then rank historic net revenue)
 */
export function customerScores(state: WorkspaceState): Promise<CustomerScores> {
  return state.cached('scores', async () => {
    const { report: m, scores: s } = await modelsRun(state);
    if (s === null || m.model === null || m.params === null || m.units === null) {
      throw new DataQualityError('no_trustworthy_model', m.fallback?.reason ?? 'No count model can be trusted on this data', {});
    }
    return {
      model: m.model,
      params: m.params,
      pAlive: s.pAlive,
      expectedPurchases: s.expectedPurchases,
      expectedSpend: s.expectedSpend,
      clv: s.clv,
      units: { horizon: m.units.horizon, discount: m.units.discount, margin: m.units.margin, spend: m.units.spend },
      warnings: m.warnings,
      index: new Map(s.customerId.map((id, i) => [id, i])),
    };
  });
}

/** The fit the scores use, as answers cite it (issue 16); null without a trustworthy fit. */
export async function fitOf(state: WorkspaceState): Promise<ApiFitStamp | null> {
  const fit = await state.scoringFit();
  return fit ? fitStamp(fit) : null;
}
