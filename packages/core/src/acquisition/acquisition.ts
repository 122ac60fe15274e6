import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { createRng } from '../math/random/rng.js';
import { COUNT_MODEL_REGISTRY, type CountModelName } from '../models/count-models.js';
import { computeProfitability } from '../profitability/profitability.js';
import { unitEconomicsFor } from '../profitability/profit-clv.js';
import { PERIODS_PER_YEAR } from '../scores/clv.js';
import { discountedPurchases, purchaseCurve } from '../scores/purchase-curve.js';
import { acquisitionSql, ATTRIBUTION_TEXT, UNKNOWN } from '../inputs/attribution-sql.js';
import { dimensionQuery } from '../inputs/dimension.js';
import { ensureInputTables } from '../inputs/input-ingest.js';
import { acquiredCustomersSql, revenueByMonthSql, spendSql } from './acquisition-sql.js';
import { acquisitionFlags } from './acquisition-flags.js';
import { aggregateRow, monthLabel, quarterLabel } from './acquisition-rows.js';
import type { AcquisitionOptions, AcquisitionReport, AcquisitionRow } from './acquisition-types.js';
import { buildUnits } from './acquisition-units.js';

export type { AcquisitionOptions, AcquisitionReport, AcquisitionRow } from './acquisition-types.js';

/**
 * Checks, before any model is fitted, that the workspace has what acquisition economics need: with
 * `by` = channel, marketing spend and at least one customer with a known acquisition channel; any
 * other `by` must be a customer attribute.
 * @throws InputError `missing_spend` / `missing_channels` naming everything that is missing and how
 *   to add it (CDNOW has neither); `unknown_dimension`.
 */
export async function requireAcquisitionInputs(engine: Engine, options: { by?: string; attribution?: AcquisitionOptions['attribution']; asOf?: string } = {}): Promise<void> {
  await ensureInputTables(engine);
  const by = options.by ?? 'channel';
  if (by !== 'channel') {
    await dimensionQuery(engine, by);
    return;
  }
  const [c] = await engine.rows<{ spend: number; known: number }>(`SELECT (SELECT count(*) FROM marketing_spend) AS spend,
    (SELECT count(*) FROM (${acquisitionSql(engine.dialect, options.attribution ?? 'file-then-first-order', options.asOf ?? '9999-12-31')}) a WHERE channel <> '${UNKNOWN}') AS known`);
  if (c!.spend > 0 && c!.known > 0) return;
  const missing = [
    ...(c!.spend === 0 ? ['no marketing spend (give --spend FILE with month, channel, amount: one row per month and channel)'] : []),
    ...(c!.known === 0 ? ['no acquisition channels (give --customers FILE with an acquisition channel column, or map the log\'s channel column with --channel-col)'] : []),
  ];
  throw new InputError(c!.spend === 0 ? 'missing_spend' : 'missing_channels', `Acquisition economics need marketing spend and acquisition channels; this data has ${missing.join(', and ')}`, { spendRows: c!.spend, customersWithChannel: c!.known });
}

const monthOfIso = (iso: string): number => (Number(iso.slice(0, 4)) - 1970) * 12 + Number(iso.slice(5, 7)) - 1;

/**
 * Acquisition economics per channel and acquisition cohort: new customers, spend, CAC = spend / new
 * customers, margin realised to date per acquired customer, predicted remaining CLV (margin basis,
 * from the fitted count model and Gamma-Gamma of `runModelsWithScores`), LTV = realised + predicted,
 * LTV:CAC with a bootstrap interval over customers, payback month (projected with the model when not
 * yet reached) and flags in words (LTV:CAC < 1, payback beyond the horizon, spend without customers,
 * customers without spend). See Kumar (2008) "Managing Customers for Profit" ch. 2 for LTV:CAC and
 * payback; Fader & Hardie for the models.
 *
 * ## Method
 * Customers are assigned an acquisition month and channel (`acquisitionSql`, by the attribution
 * rule); units of channel × month are built by {@link buildUnits}; rows are sums of units
 * ({@link aggregateRow}). Predicted CLVᵢ = uᵢ · Σₜ ΔEᵢ(t) · (1 + d)^(−(t − ½)/12) over t = 1 … H
 * months after the report day, with Eᵢ the model's cumulative expected purchases ({@link purchaseCurve})
 * and uᵢ the margin per purchase: margin rate × expected spend − cost-to-serve per order with a cost
 * model (`unitEconomicsFor`), else margin × expected spend.
 *
 * @throws InputError `missing_spend` / `missing_channels` naming what the data lacks (CDNOW has
 *   neither); `unknown_dimension`; `bad_acquisition_option`.
 */
export async function acquisitionReport(engine: Engine, options: AcquisitionOptions): Promise<AcquisitionReport> {
  await ensureInputTables(engine);
  const s = options.summary;
  const asOf = s.calibrationEnd;
  const by = options.by ?? 'channel';
  const rule = options.attribution ?? 'file-then-first-order';
  const cohort = options.cohort ?? 'month';
  const H = options.horizonMonths ?? 36, P = options.projectionMonths ?? 60, D = options.annualDiscountRate ?? 0.1;
  const paybackHorizon = options.paybackHorizonMonths ?? 12;
  for (const [name, v] of [['horizon', H], ['projection', P], ['payback horizon', paybackHorizon]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 600) throw new InputError('bad_acquisition_option', `The ${name} must be a whole number of months from 1 to 600; got ${v}`, { [name]: v });
  }
  await requireAcquisitionInputs(engine, { by, attribution: rule, asOf });
  const spendRows = await engine.rows<{ mi: number; channel: string; amount: number }>(spendSql(engine.dialect));
  const dim = await dimensionQuery(engine, by, { attribution: rule, asOf });
  const b = await engine.columns(acquiredCustomersSql(engine.dialect, rule, asOf, dim), { customer_id: 'string', level: 'string', am: 'f64' }, dim.params);

  // levels: the dimension's levels by customers, unknown last, then spend-only channels
  const counts = new Map<string, number>();
  for (const l of b.strings.level!) counts.set(l, (counts.get(l) ?? 0) + 1);
  let levels = dim.ordered ? dim.ordered.filter((l) => counts.has(l)) : [...counts.keys()].filter((l) => l !== UNKNOWN).sort((x, y) => counts.get(y)! - counts.get(x)! || (x < y ? -1 : 1));
  if (counts.has(UNKNOWN)) levels.push(UNKNOWN);
  const spendApplies = by === 'channel';
  const spendOnly = spendApplies ? [...new Set(spendRows.map((r) => r.channel))].filter((c) => !counts.has(c)).sort() : [];
  levels = [...levels, ...spendOnly];
  const levelIndex = new Map(levels.map((l, j) => [l, j]));

  // per customer, in the summary's order
  const at = new Map<string, number>();
  s.customerId.forEach((id, i) => at.set(id, i));
  const level = new Int32Array(s.length).fill(levelIndex.get(UNKNOWN) ?? -1), month = new Int32Array(s.length);
  for (let i = 0; i < s.length; i++) month[i] = monthOfIso(new Date(s.firstPurchase[i]! * 86_400_000).toISOString());
  for (let k = 0; k < b.length; k++) {
    const i = at.get(b.strings.customer_id![k]!);
    if (i === undefined) continue;
    level[i] = levelIndex.get(b.strings.level![k]!)!;
    month[i] = b.f64.am![k]!;
  }
  if (level.includes(-1)) {
    levels.push(UNKNOWN);
    levelIndex.set(UNKNOWN, levels.length - 1);
    for (let i = 0; i < s.length; i++) if (level[i] === -1) level[i] = levels.length - 1;
  }

  // margin basis: realised margin and margin per expected purchase
  const scores = options.models.scores;
  const realised = new Float64Array(s.length), unit = new Float64Array(s.length);
  const warnings: string[] = [];
  let basis: string;
  if (options.costModel) {
    const r = await computeProfitability(engine, options.costModel, options.activitiesFile === undefined ? {} : { activitiesFile: options.activitiesFile });
    const pnl = new Map<string, number>();
    r.customers.customerId.forEach((id, i) => pnl.set(id, r.customers.profit[i]!));
    const ue = unitEconomicsFor(r, s.customerId);
    for (let i = 0; i < s.length; i++) {
      realised[i] = pnl.get(s.customerId[i]!) ?? 0;
      unit[i] = ue.marginRate[i]! * scores.expectedSpend[i]! - ue.costPerTransaction[i]!;
    }
    basis = `profit under the cost model "${r.model.name}" (${r.period.start} .. ${r.period.end}): realised = net revenue − product cost − cost-to-serve; predicted = expected purchases × (margin rate × expected spend − cost-to-serve per order)`;
    warnings.push(...r.warnings);
  } else {
    const m = options.margin ?? 1;
    if (!(m > 0 && m <= 1)) throw new InputError('bad_acquisition_option', `The margin must be a fraction in (0, 1]; got ${m}`, { margin: m });
    for (let i = 0; i < s.length; i++) {
      realised[i] = m * s.netRevenue[i]!;
      unit[i] = m * scores.expectedSpend[i]!;
    }
    basis = `gross margin ${(100 * m).toFixed(1)}% of net revenue (no cost model)`;
    if (options.margin === undefined) warnings.push('No cost model or margin given: LTV is revenue, not margin, so LTV:CAC is overstated; pass --costs FILE or --margin 0.3');
  }

  // the model's expected purchases by month after the report day; predicted CLV and projection weights
  const K = Math.max(H, P);
  const perMonth = PERIODS_PER_YEAR[s.period] / 12;
  const model = COUNT_MODEL_REGISTRY[options.models.report.model as CountModelName];
  const curve = purchaseCurve(model, options.models.report.params, { x: s.frequency, tx: s.recency, T: s.T }, Float64Array.from({ length: K }, (_, t) => (t + 1) * perMonth));
  const discounted = discountedPurchases(curve, H, D, 12);
  const predicted = new Float64Array(s.length), weight = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const u = Number.isFinite(unit[i]!) ? unit[i]! : 0;
    weight[i] = u * curve.scale[i]!;
    predicted[i] = u * discounted[i]!;
  }

  const revenue = (await engine.rows<{ level: string; am: number; k: number; revenue: number }>(revenueByMonthSql(engine.dialect, rule, asOf, dim), dim.params))
    .map((r) => ({ level: levelIndex.get(r.level)!, month: r.am, k: r.k, revenue: r.revenue }));
  const spend = spendApplies ? spendRows.map((r) => ({ level: levelIndex.get(r.channel)!, month: r.mi, amount: r.amount })) : [];
  const seed = options.seed ?? 1;
  const resamples = Math.min(options.bootstrap ?? 1000, Math.max(200, Math.floor(2e8 / Math.max(1, s.length))));
  const units = buildUnits({ levels, level, month, realised, predicted, weight, pattern: curve.pattern, curve: curve.curve, revenue, spend, reportMonth: monthOfIso(asOf), K, B: resamples, rng: createRng(seed) });

  // rows: level × cohort, level over the spend window, overall
  const window = spendApplies && spendRows.length > 0 ? { first: spendRows[0]!.mi, last: spendRows[spendRows.length - 1]!.mi } : null;
  const cohortOf = (m: number): number => (cohort === 'month' ? m : Math.floor(m / 3));
  const unitsOf = (l: number, pick: (m: number) => boolean): number[] => {
    const out: number[] = [];
    for (let t = 0; t < units.months; t++) if (pick(units.firstMonth + t)) out.push(l * units.months + t);
    return out;
  };
  const cohorts: AcquisitionRow[] = [];
  levels.forEach((name, l) => {
    const seen = new Set<number>();
    for (let t = 0; t < units.months; t++) {
      const j = l * units.months + t, m = units.firstMonth + t, c = cohortOf(m);
      if (seen.has(c) || (units.n[j] === 0 && Number.isNaN(units.spend[j]!))) continue;
      seen.add(c);
      cohorts.push(aggregateRow(units, unitsOf(l, (mm) => cohortOf(mm) === c), name, cohort === 'month' ? monthLabel(m) : quarterLabel(m), spendApplies));
    }
  });
  const inWindow = (m: number): boolean => window === null || (m >= window.first && m <= window.last);
  const levelRows = levels.map((name, l) => aggregateRow(units, unitsOf(l, inWindow), name, null, spendApplies))
    .sort((x, y) => (y.ltvToCac ?? -Infinity) - (x.ltvToCac ?? -Infinity) || y.ltvPerCustomer - x.ltvPerCustomer);
  const overall = aggregateRow(units, levels.flatMap((_, l) => unitsOf(l, inWindow)), 'all', null, spendApplies);
  let outside = 0;
  for (let i = 0; i < s.length; i++) if (!inWindow(month[i]!)) outside++;

  const notes = [
    `As of ${asOf}; cohorts by acquisition ${cohort}; a customer is acquired on the customers file's acquisition date, else on the first purchase day. Rows: ${by === 'channel' ? `channel = ${ATTRIBUTION_TEXT[rule]}` : dim.rule}.`,
    ...(spendApplies ? ['CAC = spend of the channel in the cohort\'s months / its new customers. LTV:CAC = (realised + predicted margin per acquired customer) / CAC.'] : [`Rows are ${by} levels: spend is recorded per channel, so CAC, LTV:CAC and payback need --by channel.`]),
    `Margin basis: ${basis}.`,
    `Predicted remaining CLV: ${model.label} and Gamma-Gamma fitted on the whole log, the next ${H} months, discounted at ${(100 * D).toFixed(1)}% a year.`,
    `Payback: months after the acquisition month until the cumulative margin per acquired customer covers CAC (0 = within the acquisition month); realised margin is spread over the months by net revenue; beyond what a cohort has lived, the model's expected margin is added (projected), up to ${K} months.`,
    `LTV:CAC intervals: 95% percentile bootstrap over customers within each channel and month (${resamples.toLocaleString('en-US')} resamples, seed ${seed}), CAC held fixed.`,
    ...(window && outside > 0 ? [`Channel rows cover the spend file's months ${monthLabel(window.first)} .. ${monthLabel(window.last)}; ${outside.toLocaleString('en-US')} customers acquired outside them are only in the cohort rows.`] : []),
  ];
  const report: AcquisitionReport = {
    asOf, computedAt: new Date().toISOString(), cohort, by, attribution: ATTRIBUTION_TEXT[rule], basis, horizonMonths: H, annualDiscountRate: D,
    paybackHorizonMonths: paybackHorizon, projectionMonths: K, resamples, seed, model: { name: options.models.report.model, params: options.models.report.params },
    spendWindow: window && { first: monthLabel(window.first), last: monthLabel(window.last) }, levels: levelRows, cohorts, overall, flags: [], notes, warnings,
  };
  report.flags = acquisitionFlags(report, spendOnly);
  return report;
}
