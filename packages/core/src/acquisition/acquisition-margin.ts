import { requireScores } from '../pipeline-models.js';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { computeProfitability } from '../profitability/profitability.js';
import { unitEconomicsFor } from '../profitability/profit-clv.js';
import { alignValues } from '../customers/id-index.js';
import type { CustomerSummary } from '../summary/summary.js';
import type { AcquisitionOptions } from './acquisition-types.js';
import { netRevenueSql } from './acquisition-sql.js';

/** Ids quoted into one statement of {@link netRevenueOf}. */
const IDS_PER_QUERY = 1000;

/**
 * Per customer (summary order, then `extraIds`: acquired customers the summary leaves out because
 * every purchase was returned or cancelled, whose unit margin is 0): the margin realised to date and the margin per expected future
 * purchase, with the basis in words. With a cost model: the P&L profit, and margin rate × expected
 * spend − cost-to-serve per order (`unitEconomicsFor`); else `margin` × net revenue and × expected
 * spend (margin 1 = revenue, with a warning).
 * @throws InputError `bad_acquisition_option` for a margin outside (0, 1].
 */
export async function marginBasis(
  engine: Engine,
  s: CustomerSummary,
  options: AcquisitionOptions,
  extraIds: readonly string[] = [],
  asOf = s.calibrationEnd,
): Promise<{ realised: Float64Array; unit: Float64Array; basis: string; warnings: string[] }> {
  const { scores } = requireScores(options.models, 'The acquisition report (predicted margin per acquired customer)');
  const realised = new Float64Array(s.length + extraIds.length),
    unit = new Float64Array(s.length + extraIds.length);
  const warnings: string[] = [];
  let basis: string;
  if (options.costModel) {
    const r =
      options.profit ??
      (await computeProfitability(
        engine,
        options.costModel,
        options.activitiesFile === undefined ? {} : { activitiesFile: options.activitiesFile },
      ));
    realised.set(alignValues(r.customers.customerId, r.customers.profit, s.customerId, 0));
    const ue = unitEconomicsFor(r, s.customerId);
    for (let i = 0; i < s.length; i++) unit[i] = ue.marginRate[i]! * scores.expectedSpend[i]! - ue.costPerTransaction[i]!;
    if (extraIds.length > 0) {
      const extra = new Map(extraIds.map((id, e) => [id, s.length + e] as const));
      r.customers.customerId.forEach((id, i) => {
        const at = extra.get(id);
        if (at !== undefined) realised[at] = r.customers.profit[i]!;
      });
    }
    basis = `profit under the cost model "${r.model.name}" (${r.period.start} .. ${r.period.end}): realised = net revenue − product cost − cost-to-serve; predicted = expected purchases × (margin rate × expected spend − cost-to-serve per order)`;
    warnings.push(...r.warnings);
  } else {
    const m = options.margin ?? 1;
    if (!(m > 0 && m <= 1))
      throw new InputError('bad_acquisition_option', `The margin must be a fraction in (0, 1]; got ${m}`, { margin: m });
    for (let i = 0; i < s.length; i++) {
      realised[i] = m * s.netRevenue[i]!;
      unit[i] = m * scores.expectedSpend[i]!;
    }
    const net = await netRevenueOf(engine, extraIds, asOf);
    extraIds.forEach((id, e) => {
      realised[s.length + e] = m * (net.get(id) ?? 0);
    });
    basis = `gross margin ${(100 * m).toFixed(1)}% of net revenue (no cost model)`;
    if (options.margin === undefined)
      warnings.push(
        'No cost model or margin given: LTV is revenue, not margin, so LTV:CAC is overstated; pass --costs FILE or --margin 0.3',
      );
  }

  return { realised, unit, basis, warnings };
}

/**
 * Net revenue (purchases minus returns) up to `asOf` of a few customers, their ids quoted into the
 * statement (so each shard of a cluster filters its own rows; no table of ids has to reach the shards).
 */
async function netRevenueOf(engine: Engine, ids: readonly string[], asOf: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await engine.rows<{ customer_id: string; net: number }>(
      netRevenueSql(engine.dialect, ids.slice(i, i + IDS_PER_QUERY), asOf),
    );
    for (const r of rows) out.set(r.customer_id, r.net);
  }
  return out;
}
