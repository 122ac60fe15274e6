/**
 * Segments, profitability and CLV broken down by a customer dimension (`--by channel` or
 * `--by ATTRIBUTE`): the level of each customer comes from core SQL through the engine's dialect
 * ({@link customerDimension}); customers without a value are `unknown`, never dropped. Each
 * function returns a {@link ReportSection} that the CLI, the API and the dashboard render alike.
 */
import type { Engine } from '../engine/engine.js';
import { customerDimension, type CustomerDimension, type DimensionOptions } from '../inputs/dimension.js';
import type { ReportSection } from '../report/report-section.js';
import type { Segmentation } from '../segments/segmentation.js';
import { LIFECYCLE_STAGES } from '../segments/lifecycle.js';
import type { CustomerPnl } from '../profitability/profitability-types.js';
import type { ModelScores } from '../pipeline.js';
import { breakdownMeasures, levelCrossTable } from './measure-breakdown.js';

const VALUE_WORD: Record<Segmentation['valueKind'], string> = { clv: 'predicted CLV', profit: 'profit', historic: 'historic net revenue' };

function lines(dim: CustomerDimension, n: number): string[] {
  return [
    `${n.toLocaleString('en-US')} customers by ${dim.name}: ${dim.levels.length} levels; ${dim.unknown.toLocaleString('en-US')} without a value shown as unknown.`,
  ];
}

/**
 * Value tiers, lifecycle stages and the tier value by dimension level.
 * @throws InputError `unknown_dimension`
 * @example (await segmentsBy(engine, seg, 'channel')).tables.map((t) => t.id); // → ['segments.by.tiers', 'segments.by.lifecycle', 'segments.by.value']
 */
export async function segmentsBy(engine: Engine, seg: Segmentation, by: string, options: DimensionOptions = {}): Promise<ReportSection> {
  const dim = await customerDimension(engine, seg.customerId, by, { asOf: seg.asOf, ...options });
  const word = VALUE_WORD[seg.valueKind];
  return {
    id: 'segments.by',
    title: `Segments by ${by} (as of ${seg.asOf})`,
    lines: lines(dim, seg.length),
    warnings: [],
    tables: [
      levelCrossTable('segments.by.tiers', `Customers per value tier by ${by}`, dim, seg.tiers.tier, seg.tiers.names, [
        `Tiers by ${word}: ${seg.tiers.tiers.map((t) => `${t.name} ${t.rule}`).join('; ')}.`,
      ]),
      levelCrossTable('segments.by.lifecycle', `Customers per lifecycle stage by ${by}`, dim, seg.lifecycle.stage, LIFECYCLE_STAGES),
      breakdownMeasures('segments.by.value', `${word} by ${by}`, dim, [{ key: 'value', label: word, kind: 'money', values: seg.value }]),
    ],
  };
}

/**
 * Customer profitability (net revenue, gross margin, cost to serve, profit, unprofitable customers) by dimension level.
 * @throws InputError `unknown_dimension`
 * @example (await profitBy(engine, result.customers, 'region', { currency: 'USD' })).tables[0].columns[3].key; // → 'net_revenue_total'
 */
export async function profitBy(
  engine: Engine,
  pnl: CustomerPnl,
  by: string,
  options: DimensionOptions & { currency?: string; period?: string } = {},
): Promise<ReportSection> {
  const dim = await customerDimension(engine, pnl.customerId, by, options);
  const unit = [options.currency, options.period].filter(Boolean).join(', ') || undefined;
  const loss = new Float64Array(pnl.length);
  for (let i = 0; i < pnl.length; i++) loss[i] = pnl.profit[i]! < 0 ? 1 : 0;
  return {
    id: 'profitability.by',
    title: `Profitability by ${by}`,
    lines: lines(dim, pnl.length),
    warnings: [],
    tables: [
      breakdownMeasures(
        'profitability.by',
        `Customer profitability by ${by}`,
        dim,
        [
          { key: 'net_revenue', label: 'net revenue', kind: 'money', unit, values: pnl.netRevenue },
          { key: 'gross_margin', label: 'gross margin', kind: 'money', unit, values: pnl.grossMargin, show: 'total' },
          { key: 'cost_to_serve', label: 'cost to serve', kind: 'money', unit, values: pnl.costToServe, show: 'total' },
          { key: 'profit', label: 'profit', kind: 'money', unit, values: pnl.profit },
          { key: 'unprofitable', label: 'unprofitable customers', kind: 'count', meanKind: 'share', values: loss },
        ],
        ['profit = gross margin − cost to serve; unprofitable: profit < 0; mean of unprofitable = their share of the level.'],
      ),
    ],
  };
}

/**
 * P(alive), expected purchases and predicted CLV by dimension level.
 * @param horizon words for the horizon of the scores, e.g. "next 52 weeks"
 * @param options.warnings the fit's flags in words (not converged, a parameter at a bound), carried into the section
 * @throws InputError `unknown_dimension`
 * @example (await clvBy(engine, scores, 'channel', 'next 52 weeks')).tables[0].id; // → 'clv.by'
 */
export async function clvBy(
  engine: Engine,
  scores: Pick<ModelScores, 'customerId' | 'pAlive' | 'expectedPurchases' | 'clv'>,
  by: string,
  horizon: string,
  options: DimensionOptions & { warnings?: readonly string[] } = {},
): Promise<ReportSection> {
  const dim = await customerDimension(engine, scores.customerId, by, options);
  return {
    id: 'clv.by',
    title: `Predicted value by ${by}`,
    lines: lines(dim, scores.customerId.length),
    warnings: [...(options.warnings ?? [])],
    tables: [
      breakdownMeasures('clv.by', `Predicted CLV by ${by}`, dim, [
        { key: 'p_alive', label: 'P(alive)', kind: 'probability', values: scores.pAlive, show: 'mean' },
        { key: 'expected_purchases', label: 'expected purchases', kind: 'number', unit: horizon, values: scores.expectedPurchases },
        { key: 'clv', label: 'predicted CLV', kind: 'money', unit: horizon, values: scores.clv },
      ]),
    ],
  };
}
