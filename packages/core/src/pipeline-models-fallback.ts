import type { ModelsReport } from './pipeline-models-types.js';
import type { CustomerSummary } from './summary/summary.js';
import type { ValidationReport } from './validation/validate.js';

/**
 * The models report when no count model can be trusted: no CLV, `fallback` says why in plain words
 * (the validation's reason when it recommends no model, else each candidate's failure in `tried`),
 * the value shown is historic net revenue up to the summary day, labelled as such, and the top
 * customers are ranked by it.
 * @example
 * fallbackModelsReport(summary, { validation, validationSkipped: null }, ['BG/NBD: …'], 10).fallback?.value; // 'historic_net_revenue'
 */
export function fallbackModelsReport(
  summary: CustomerSummary,
  base: { validation: ValidationReport | null; validationSkipped: string | null },
  tried: readonly string[],
  top: number,
): ModelsReport {
  const { validation } = base;
  const why =
    validation && validation.comparison.recommended === null
      ? validation.comparison.reason
      : `No count model can be trusted on this data: ${tried.join(' ')}`;
  const order = Array.from(summary.customerId.keys())
    .sort((a, b) => summary.netRevenue[b]! - summary.netRevenue[a]!)
    .slice(0, top);
  // keys in the order the report always had (validation, validationSkipped, topHistoric, model, …)
  return {
    validation,
    validationSkipped: base.validationSkipped,
    topHistoric: order.map((i) => ({ customerId: summary.customerId[i]!, netRevenue: summary.netRevenue[i]! })),
    model: null,
    params: null,
    assessment: null,
    spendModel: null,
    spendParams: null,
    spendAssessment: null,
    warnings: [why],
    notes: [],
    fallback: {
      value: 'historic_net_revenue',
      reason: `${why.replace(/; until then the value shown is historic net revenue, not a forecast\.$/, '.')} The value shown is historic net revenue up to ${summary.calibrationEnd}, not a forecast.`,
    },
    units: null,
    totalClv: null,
    top: [],
  };
}
