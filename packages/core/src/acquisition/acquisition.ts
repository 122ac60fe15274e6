import { requireScores } from '../pipeline-models.js';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { createRng } from '../math/random/rng.js';
import { COUNT_MODEL_REGISTRY, type CountModelName } from '../models/count-models.js';
import { PERIODS_PER_YEAR } from '../scores/clv.js';
import { discountedPurchases, purchaseCurve } from '../scores/purchase-curve.js';
import { ATTRIBUTION_TEXT, UNKNOWN } from '../inputs/attribution-sql.js';
import { requireAcquisitionInputs } from './acquisition-inputs.js';
import { dimensionQuery } from '../inputs/dimension.js';
import { ensureInputTables } from '../inputs/input-ingest.js';
import { spendSql } from './acquisition-sql.js';
import { readAcquired } from './acquisition-acquired.js';
import { acquisitionFlags } from './acquisition-flags.js';
import { aggregateRow, monthLabel, quarterLabel } from './acquisition-rows.js';
import { acquisitionNotes } from './acquisition-notes.js';
import { marginBasis } from './acquisition-margin.js';
import type { AcquisitionOptions, AcquisitionReport, AcquisitionRow } from './acquisition-types.js';
import { buildUnits } from './acquisition-units.js';
import { dayToIso } from '../summary/summary.js';
import { idPositions } from '../customers/id-index.js';

export type { AcquisitionOptions, AcquisitionReport, AcquisitionRow } from './acquisition-types.js';
export { requireAcquisitionInputs } from './acquisition-inputs.js';

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
 * Customers are assigned an acquisition month and channel by the attribution rule
 * ({@link readAcquired}: on DuckDB one attribution per report, on ClickHouse per shard); units of channel × month are built by {@link buildUnits}; rows are sums of units
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
  const H = options.horizonMonths ?? 36,
    P = options.projectionMonths ?? 60,
    D = options.annualDiscountRate ?? 0.1;
  const paybackHorizon = options.paybackHorizonMonths ?? 12;
  for (const [name, v] of [
    ['horizon', H],
    ['projection', P],
    ['payback horizon', paybackHorizon],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 600)
      throw new InputError('bad_acquisition_option', `The ${name} must be a whole number of months from 1 to 600; got ${v}`, { [name]: v });
  }
  await requireAcquisitionInputs(engine, { by, attribution: rule, asOf });
  const spendRows = await engine.rows<{ mi: number; channel: string; amount: number }>(spendSql(engine.dialect));
  const dim = await dimensionQuery(engine, by, { attribution: rule, asOf });
  // per acquired customer (see acquisition-acquired.ts): level counts, one row per customer, revenue by month since acquisition
  const { named, customers: b, revenue: revenueRows } = await readAcquired(engine, { rule, asOf, dim });

  // levels: the dimension's levels by customers, unknown last, then spend-only channels
  const counts = new Map(named.map((r) => [r.level, r.n]));
  let levels = dim.ordered
    ? dim.ordered.filter((l) => counts.has(l))
    : [...counts.keys()].filter((l) => l !== UNKNOWN).sort((x, y) => counts.get(y)! - counts.get(x)! || (x < y ? -1 : 1));
  if (counts.has(UNKNOWN)) levels.push(UNKNOWN);
  const spendApplies = by === 'channel';
  const spendOnly = spendApplies ? [...new Set(spendRows.map((r) => r.channel))].filter((c) => !counts.has(c)).sort() : [];
  levels = [...levels, ...spendOnly];
  const levelIndex = new Map(levels.map((l, j) => [l, j]));
  const codeToLevel = Int32Array.from(named, (r) => levelIndex.get(r.level)!);

  // per customer: the summary's customers in its order, then the acquired customers the summary
  // leaves out (every purchase returned or cancelled): they were acquired and count as new customers,
  // with their realised margin and no predicted value. They are sorted by id: the rows come in the
  // order parallel threads deliver them, and the bootstrap's draws depend on the customers' order
  const inSummary = idPositions(s.customerId);
  const extraIds = [...new Set(b.strings.customer_id!.filter((id) => !inSummary.has(id)))].sort();
  const extraAt = new Map(extraIds.map((id, e) => [id, s.length + e] as const));
  const at = { get: (id: string): number | undefined => inSummary.get(id) ?? extraAt.get(id) };
  const n = s.length + extraIds.length;
  const level = new Int32Array(n).fill(levelIndex.get(UNKNOWN) ?? -1),
    month = new Int32Array(n);
  month.fill(-1);
  for (let k = 0; k < b.length; k++) {
    const i = at.get(b.strings.customer_id![k]!)!;
    level[i] = codeToLevel[b.f64.lc![k]!]!;
    month[i] = b.f64.am![k]!;
  }
  // (every summary customer is in the acquisition table; a stray one is acquired in its first purchase month)
  for (let i = 0; i < s.length; i++) if (month[i] === -1) month[i] = monthOfIso(dayToIso(s.firstPurchase[i]!));
  if (level.includes(-1)) {
    levels.push(UNKNOWN);
    levelIndex.set(UNKNOWN, levels.length - 1);
    for (let i = 0; i < n; i++) if (level[i] === -1) level[i] = levels.length - 1;
  }

  const { realised, unit, basis, warnings } = await marginBasis(engine, s, options, extraIds, asOf);

  // the model's expected purchases by month after the report day; predicted CLV and projection weights
  const fitted = requireScores(options.models, 'The acquisition report (predicted remaining CLV)');
  const K = Math.max(H, P);
  const perMonth = PERIODS_PER_YEAR[s.period] / 12;
  const model = COUNT_MODEL_REGISTRY[fitted.report.model as CountModelName];
  const curve = purchaseCurve(
    model,
    fitted.report.params,
    { x: s.frequency, tx: s.recency, T: s.T },
    Float64Array.from({ length: K }, (_, t) => (t + 1) * perMonth),
    // the scores' P(alive) when they were made on this summary with these parameters (not computed twice)
    fitted.scores.customerId === s.customerId && fitted.scores.model === fitted.report.model ? fitted.scores.pAlive : undefined,
  );
  const discounted = discountedPurchases(curve, H, D, 12);
  const predicted = new Float64Array(n),
    weight = new Float64Array(n);
  for (let i = 0; i < s.length; i++) {
    const u = Number.isFinite(unit[i]!) ? unit[i]! : 0;
    weight[i] = u * curve.scale[i]!;
    predicted[i] = u * discounted[i]!;
  }

  const revenue = revenueRows.map((r) => ({ level: levelIndex.get(r.level)!, month: r.am, k: r.k, revenue: r.revenue }));
  const spend = spendApplies ? spendRows.map((r) => ({ level: levelIndex.get(r.channel)!, month: r.mi, amount: r.amount })) : [];
  const seed = options.seed ?? 1;
  const resamples = options.bootstrap ?? 1000;
  const units = buildUnits({
    levels,
    level,
    month,
    realised,
    predicted,
    weight,
    pattern: extend(curve.pattern, n),
    curve: curve.curve,
    revenue,
    spend,
    reportMonth: monthOfIso(asOf),
    K,
    B: resamples,
    rng: createRng(seed),
  });

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
      const j = l * units.months + t,
        m = units.firstMonth + t,
        c = cohortOf(m);
      if (seen.has(c) || (units.n[j] === 0 && Number.isNaN(units.spend[j]!))) continue;
      seen.add(c);
      cohorts.push(
        aggregateRow(
          units,
          unitsOf(l, (mm) => cohortOf(mm) === c),
          name,
          cohort === 'month' ? monthLabel(m) : quarterLabel(m),
          spendApplies,
        ),
      );
    }
  });
  const inWindow = (m: number): boolean => window === null || (m >= window.first && m <= window.last);
  const levelRows = levels
    .map((name, l) => aggregateRow(units, unitsOf(l, inWindow), name, null, spendApplies))
    .sort(
      (x, y) => (y.ltvToCac ?? -Infinity) - (x.ltvToCac ?? -Infinity) || (y.ltvPerCustomer ?? -Infinity) - (x.ltvPerCustomer ?? -Infinity),
    );
  const overall = aggregateRow(
    units,
    levels.flatMap((_, l) => unitsOf(l, inWindow)),
    'all',
    null,
    spendApplies,
  );
  let outside = 0;
  for (let i = 0; i < n; i++) if (!inWindow(month[i]!)) outside++;
  if (extraIds.length > 0)
    warnings.push(
      `${extraIds.length.toLocaleString('en-US')} acquired customers returned or cancelled every purchase: they count as new customers (their CAC was spent) with their realised margin and no predicted value`,
    );

  const notes = acquisitionNotes({
    asOf,
    cohort,
    by,
    rule,
    dimRule: dim.rule,
    spendApplies,
    basis,
    modelLabel: model.label,
    H,
    D,
    K,
    resamples,
    seed,
    window,
    outside,
  });
  const report: AcquisitionReport = {
    asOf,
    computedAt: new Date().toISOString(),
    cohort,
    by,
    attribution: ATTRIBUTION_TEXT[rule],
    basis,
    horizonMonths: H,
    annualDiscountRate: D,
    paybackHorizonMonths: paybackHorizon,
    projectionMonths: K,
    resamples,
    seed,
    model: { name: fitted.report.model, params: fitted.report.params },
    spendWindow: window && { first: monthLabel(window.first), last: monthLabel(window.last) },
    levels: levelRows,
    cohorts,
    overall,
    flags: [],
    notes,
    warnings,
  };
  report.flags = acquisitionFlags(report, spendOnly);
  return report;
}

/** A per-customer pattern index over the summary's customers, extended with pattern 0 for the customers after them (whose weight is 0). */
function extend(pattern: Int32Array, n: number): Int32Array {
  if (pattern.length === n) return pattern;
  const out = new Int32Array(n);
  out.set(pattern);
  return out;
}
