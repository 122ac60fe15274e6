import { LIFECYCLE_STAGES } from '../segments/lifecycle.js';
import { rfmStageConflict } from '../segments/rfm-stage-check.js';
import type { Segmentation } from '../segments/segmentation.js';
import { dayToIso, type CustomerSummary } from '../summary/summary.js';
import type { ModelScores } from '../pipeline.js';
import type { CustomerPnl } from '../profitability/profitability-types.js';
import type { CustomerColumn } from './customer-table.js';
import type { CodedText } from '../engine/engine.js';

/** ISO dates of day numbers ('' for NaN) as codes into the distinct days (a million customers share a few thousand days). */
function isoOfDays(days: Float64Array): CodedText {
  return coded(
    days.length,
    (i) => days[i]!,
    (d) => (Number.isFinite(d) ? dayToIso(d) : ''),
  );
}

/**
 * Text per customer as codes into its distinct values: `key(i)` gives customer i's key (a small
 * number or a label), `label` its text, called once per distinct key. Loaded and read as the text.
 */
function coded<K>(n: number, key: (i: number) => K, label: (key: K) => string): CodedText {
  const at = new Map<K, number>();
  const labels: string[] = [];
  const codes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = key(i);
    let c = at.get(k);
    if (c === undefined) {
      at.set(k, (c = labels.length));
      labels.push(label(k));
    }
    codes[i] = c;
  }
  return { codes, labels };
}

/** The per-customer summary's columns (units depend on the summary period). */
export function summaryColumns(s: CustomerSummary): CustomerColumn[] {
  const p = `${s.period}s`;
  const to = `to ${s.calibrationEnd}`;
  return [
    {
      key: 'frequency',
      label: 'Repeat purchase days',
      kind: 'count',
      description: 'repeat purchase days up to the calibration end (first purchase excluded)',
      values: s.frequency,
    },
    { key: 'recency', label: 'Recency', kind: 'duration', unit: p, description: 'last purchase − first purchase', values: s.recency },
    { key: 'T', label: 'Age', kind: 'duration', unit: p, description: 'calibration end − first purchase', values: s.T },
    {
      key: 'monetary_value',
      label: 'Mean repeat spend',
      kind: 'money',
      unit: 'per repeat purchase day',
      description: 'mean value of the repeat purchase days (0 for one-time buyers)',
      values: s.monetaryValue,
    },
    {
      key: 'first_purchase',
      label: 'First purchase',
      kind: 'date',
      description: 'first purchase day',
      values: isoOfDays(s.firstPurchase),
    },
    {
      key: 'last_purchase',
      label: 'Last purchase',
      kind: 'date',
      description: 'last purchase day up to the calibration end',
      values: isoOfDays(s.lastPurchase),
    },
    {
      key: 'transactions',
      label: 'Purchase rows',
      kind: 'count',
      description: 'purchase rows up to the calibration end',
      values: s.transactions,
    },
    { key: 'total_revenue', label: 'Gross revenue', kind: 'money', unit: to, description: 'sum of purchases', values: s.totalRevenue },
    { key: 'returns', label: 'Returns', kind: 'count', unit: 'rows', description: 'return and cancellation rows', values: s.returns },
    { key: 'returns_value', label: 'Returned', kind: 'money', unit: to, description: 'value returned', values: s.returnsValue },
    { key: 'net_revenue', label: 'Net revenue', kind: 'money', unit: to, description: 'gross revenue − returns', values: s.netRevenue },
  ];
}

/** Model scores as columns (the horizon of expected purchases and CLV in the unit); `band: false` leaves out the CLV band (and does not compute it). */
export function scoreColumns(s: ModelScores, horizon: string, o: { band?: boolean } = {}): CustomerColumn[] {
  // the CLV band is computed here, the first time the customer table is built, not in the models stage
  const band = o.band === false ? null : (s.clvBand?.() ?? null);
  return [
    {
      key: 'p_alive',
      label: 'P(alive)',
      kind: 'probability',
      description: 'probability the customer is still active, under the fitted model',
      values: s.pAlive,
    },
    {
      key: 'expected_purchases',
      label: 'Expected purchases',
      kind: 'number',
      unit: horizon,
      description: 'expected repeat purchases over the horizon',
      values: s.expectedPurchases,
    },
    {
      key: 'expected_spend',
      label: 'Expected spend',
      kind: 'money',
      unit: 'per purchase',
      description: 'expected value of a purchase (Gamma-Gamma)',
      values: s.expectedSpend,
    },
    { key: 'clv', label: 'CLV', kind: 'money', unit: horizon, description: 'discounted expected margin over the horizon', values: s.clv },
    // issue 17: the CLV's interval from the fitted parameters' uncertainty (absent when the fit has no covariance)
    ...(band
      ? ([
          {
            key: 'clv_lo',
            label: 'CLV low',
            kind: 'money',
            unit: horizon,
            description: `lower end of the CLV's ${Math.round(band.level * 100)}% interval (uncertainty of the fitted parameters, draws from their asymptotic normal)`,
            values: band.lo,
          },
          {
            key: 'clv_hi',
            label: 'CLV high',
            kind: 'money',
            unit: horizon,
            description: `upper end of the CLV's ${Math.round(band.level * 100)}% interval (uncertainty of the fitted parameters, draws from their asymptotic normal)`,
            values: band.hi,
          },
        ] satisfies CustomerColumn[])
      : []),
  ];
}

/**
 * For each of `ids`, its index in `segmented` (−1 when absent): the identity when both list the
 * same customers in the same order (the usual case: both in the summary's order), else one Map.
 */
function segmentIndex(segmented: readonly string[], ids: readonly string[]): Int32Array {
  const at = new Int32Array(ids.length);
  let same = segmented.length === ids.length;
  for (let k = 0; same && k < ids.length; k++) {
    if (segmented[k] !== ids[k]) same = false;
    at[k] = k;
  }
  if (same) return at;
  const index = new Map<string, number>();
  segmented.forEach((id, i) => index.set(id, i));
  for (let k = 0; k < ids.length; k++) at[k] = index.get(ids[k]!) ?? -1;
  return at;
}

/** Segment labels as columns, matched to `ids` by customer id (empty text for a customer not segmented). */
export function segmentColumns(seg: Segmentation, ids: readonly string[]): CustomerColumn[] {
  const at = segmentIndex(seg.customerId, ids);
  // text as codes into its few distinct labels ('' for a customer not segmented); numbers NaN then
  const text = (f: (i: number) => string): CodedText =>
    coded(
      ids.length,
      (k) => (at[k]! < 0 ? '' : f(at[k]!)),
      (label) => label,
    );
  const num = (f: (i: number) => number): Float64Array => Float64Array.from(at, (i) => (i < 0 ? Number.NaN : f(i)));
  // labels by code, computed once per code rather than once per customer
  const byCode = <T>(f: (code: number) => T): ((code: number) => T) => {
    const memo = new Map<number, T>();
    return (code) => {
      let v = memo.get(code);
      if (v === undefined && !memo.has(code)) memo.set(code, (v = f(code)));
      return v as T;
    };
  };
  const check = byCode((code) => {
    const segment = code >> 8,
      stage = code & 0xff;
    return rfmStageConflict(seg.rfm.segmentNames[segment]!, LIFECYCLE_STAGES[stage]!)?.flag ?? '';
  });
  const score = byCode((code) => `${code >> 16}${(code >> 8) & 0xff}${code & 0xff}`);
  const basis = seg.valueKind === 'clv' ? 'predicted CLV' : seg.valueKind === 'profit' ? 'profit' : 'historic net revenue';
  return [
    // two names for two meanings (issue 20): "CLV tier" ranks predicted CLV, "Revenue tier" historic net revenue
    {
      key: 'value_tier',
      label: seg.valueKind === 'clv' ? 'CLV tier' : seg.valueKind === 'profit' ? 'Profit tier' : 'Revenue tier',
      kind: 'text',
      description: `tier by ${basis} as of ${seg.asOf}`,
      values: text((i) => seg.tiers.names[seg.tiers.tier[i]!]!),
    },
    {
      key: 'lifecycle_stage',
      label: 'Lifecycle stage',
      kind: 'text',
      description: `lifecycle stage as of ${seg.asOf}`,
      values: text((i) => LIFECYCLE_STAGES[seg.lifecycle.stage[i]!]!),
    },
    {
      key: 'rfm_segment',
      label: 'RFM segment',
      kind: 'text',
      description: 'named segment from the recency × frequency-monetary grid',
      values: text((i) => (seg.rfm.segment[i]! < 0 ? '' : seg.rfm.segmentNames[seg.rfm.segment[i]!]!)),
    },
    // issue 20: an RFM label that contradicts the lifecycle stage is flagged ("Loyal, but churned"), empty when they agree
    {
      key: 'rfm_check',
      label: 'RFM vs stage',
      kind: 'text',
      description:
        'set when the RFM segment (a rank against other customers) contradicts the lifecycle stage (the customer against their own rhythm and P(alive)): act on the stage',
      values: text((i) => (seg.rfm.segment[i]! < 0 ? '' : check((seg.rfm.segment[i]! << 8) | seg.lifecycle.stage[i]!))),
    },
    {
      key: 'rfm_score',
      label: 'RFM score',
      kind: 'text',
      description: 'recency, frequency and monetary scores (1 = worst)',
      values: text((i) => score((seg.rfm.r[i]! << 16) | (seg.rfm.f[i]! << 8) | seg.rfm.m[i]!)),
    },
    // the scores one by one, so that an RFM grid cell (R × F) can open the filtered table (issue 12)
    {
      key: 'r_score',
      label: 'R score',
      kind: 'count',
      description: 'recency score (1 = longest ago)',
      values: num((i) => seg.rfm.r[i]! || Number.NaN),
    },
    {
      key: 'f_score',
      label: 'F score',
      kind: 'count',
      description: 'frequency score (1 = fewest purchase days)',
      values: num((i) => seg.rfm.f[i]! || Number.NaN),
    },
    {
      key: 'm_score',
      label: 'M score',
      kind: 'count',
      description: 'monetary score (1 = lowest net revenue)',
      values: num((i) => seg.rfm.m[i]! || Number.NaN),
    },
  ];
}

/** Profit and its parts as columns, matched to `ids` (NaN for a customer outside the P&L period). */
export function profitColumns(p: CustomerPnl, ids: readonly string[], period: string): CustomerColumn[] {
  const at = new Map<string, number>();
  p.customerId.forEach((id, i) => at.set(id, i));
  const pick = (col: Float64Array): Float64Array =>
    Float64Array.from(ids, (id) => {
      const i = at.get(id);
      return i === undefined ? Number.NaN : col[i]!;
    });
  return [
    {
      key: 'gross_margin',
      label: 'Gross margin',
      kind: 'money',
      unit: period,
      description: 'net revenue − product cost',
      values: pick(p.grossMargin),
    },
    {
      key: 'cost_to_serve',
      label: 'Cost to serve',
      kind: 'money',
      unit: period,
      description: 'activity-based cost allocated to the customer',
      values: pick(p.costToServe),
    },
    { key: 'profit', label: 'Profit', kind: 'money', unit: period, description: 'gross margin − cost to serve', values: pick(p.profit) },
  ];
}
