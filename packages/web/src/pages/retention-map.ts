import { heatmap } from '../charts.js';
import { int, money } from '../format.js';
import { customersLink } from '../links.js';
import { wideChart } from '../wide-chart.js';
// types only (erased at build)
import type { ApiRetentionReport } from '@cvm/core/api';
import type { ReportTable } from '@cvm/core/report';

/**
 * Value at risk by tier × lifecycle stage: a heat map whose cells open the customers in them. Its
 * stages are the columns of the core's cross table (`retention.value_at_risk_matrix`): in the stages'
 * order, shown by their words ("at risk"), filtered by their codes. The tier axis is named as the
 * customer table names the column it filters (issue 20: "CLV tier" when the tiers rank predicted CLV,
 * else "profit tier" or "revenue tier"), never the ambiguous "value tier".
 */
export function valueAtRiskMap(r: ApiRetentionReport, matrix: ReportTable): HTMLElement {
  const tierName = tierAxisName(r.tierLabel);
  const tiers: string[] = [...new Set<string>(r.byTierStage.map((c) => c.tier))];
  const stageColumns = matrix.columns.slice(1, -1); // between the tier column and the total
  const stages = stageColumns.map((c) => c.key);
  const words = stageColumns.map((c) => c.label);
  const cells: [number, number, number | null][] = r.byTierStage.map((c) => [
    stages.indexOf(c.stage),
    tiers.indexOf(c.tier),
    c.valueAtRisk,
  ]);
  const map = heatmap(
    'value-at-risk',
    { labels: words, name: 'lifecycle stage' },
    { labels: tiers, name: tierName },
    cells,
    (v) => money(v),
    {
      left: 90,
      tooltip: (col, row, v) => {
        const c = r.byTierStage.find((x) => x.tier === tiers[row] && x.stage === stages[col]);
        return `${tierName} ${tiers[row]} × ${words[col]}: ${money(v)} at risk now (${money(c?.valueAtRiskBefore ?? 0)} on ${r.before}), ${int(c?.customers ?? 0)} customers`;
      },
      onCell: (col, row) => {
        location.hash = customersLink([`value_tier:eq:${tiers[row]}`, `lifecycle_stage:eq:${stages[col]}`], {
          sort: 'value_at_risk',
          dir: 'desc',
        });
      },
    },
  );
  // money labels ("13,807.63") need about 90 px a column: on a phone the map scrolls, not the page
  return wideChart(map, 110 + 90 * stages.length, 'value at risk heat map by tier and lifecycle stage');
}

/** "CLV tier", "profit tier" or "revenue tier" from the report's label (a report without one predates it: tiers by predicted CLV, as retention needs a model). */
export const tierAxisName = (label: string | undefined): string =>
  label === undefined || label === 'CLV tier' ? 'CLV tier' : label.toLowerCase();
