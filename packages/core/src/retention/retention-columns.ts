import type { CustomerColumn } from '../customers/customer-table.js';
import type { CodedText } from '../engine/engine.js';
import type { ReportColumn } from '../report/report-table.js';
import type { ServedTable } from '../tables/served-table.js';
import { RETENTION_LISTS, type CustomerRetention } from './retention-scores.js';
import { RISK_LABELS } from './retention-options.js';
import { dayToIso, isoToDay } from '../summary/summary.js';

/** Codes into a list of labels built as they are met (a million customers share a few distinct values). */
function coder<K>(label: (key: K) => string): { code: (key: K) => number; labels: string[] } {
  const at = new Map<K, number>();
  const labels: string[] = [];
  return {
    code: (key) => {
      let k = at.get(key);
      if (k === undefined) {
        at.set(key, (k = labels.length));
        labels.push(label(key));
      }
      return k;
    },
    labels,
  };
}

/**
 * The retention scores as customer-table columns (see `computeRetention` for their meaning). Next
 * purchase dates are the as-of day + ⌈waiting time⌉ (at least one day), empty beyond
 * `maxNextPurchaseDays`. `valueUnit` names the value basis and horizon, e.g. "next 52 weeks, revenue".
 * The churn-risk label, list, channel and the three dates come as codes into their few distinct
 * values (no string per customer; the table reads, sorts and filters them as the same text).
 */
export function retentionColumns(
  r: CustomerRetention,
  reason: (i: number) => string,
  channel: readonly string[] | null,
  valueUnit: string,
): CustomerColumn[] {
  const asOfDay = isoToDay(r.asOf);
  // dates as codes: the as-of day + ⌈waiting time⌉ days, '' beyond the longest shown wait (key −1)
  const dates = coder<number>((d) => (d < 0 ? '' : dayToIso(asOfDay + d)));
  const date = (days: Float64Array): CodedText => {
    const codes = new Uint32Array(days.length);
    for (let i = 0; i < days.length; i++) {
      const w = days[i]!;
      codes[i] = dates.code(w <= r.options.maxNextPurchaseDays ? Math.max(1, Math.ceil(w)) : -1);
    }
    return { codes, labels: dates.labels };
  };
  const h = `next ${r.options.horizonDays} days`;
  const [qm, qlo, qhi] = r.options.nextPurchaseQuantiles.map((q) => `${+(100 * q).toFixed(1)}%`);
  const cols: CustomerColumn[] = [
    {
      key: 'churn_risk',
      label: 'Churn risk',
      kind: 'text',
      description: `low / medium / high by P(return) (${h}): high below ${r.options.highRiskBelow}, medium below ${r.options.mediumRiskBelow}`,
      values: { codes: r.risk, labels: RISK_LABELS },
    },
    {
      key: 'p_return',
      label: 'P(return)',
      kind: 'probability',
      unit: h,
      description: 'chance of at least one purchase in the horizon under the fitted model',
      values: r.pReturn,
    },
    {
      key: 'p_return_before',
      label: 'P(return) before',
      kind: 'probability',
      unit: `as of ${r.before}`,
      description: "the same chance as of the earlier day (today's model, history known then)",
      values: r.pReturnBefore,
    },
    {
      key: 'p_alive_before',
      label: 'P(alive) before',
      kind: 'probability',
      unit: `as of ${r.before}`,
      description: "P(alive) as of the earlier day (today's model, history known then)",
      values: r.pAliveBefore,
    },
    {
      key: 'p_alive_change',
      label: 'P(alive) change',
      kind: 'share',
      unit: `since ${r.before}`,
      description: 'P(alive) now − P(alive) before',
      // computed when read from the stored P(alive) columns (the score columns' p_alive is r.pAlive)
      values: { length: r.length, sql: 'p_alive - p_alive_before', at: (i) => r.pAlive[i]! - r.pAliveBefore[i]! },
    },
    {
      key: 'days_silent',
      label: 'Days silent',
      kind: 'duration',
      unit: 'days',
      description: 'days since the last purchase',
      values: r.daysSilent,
    },
    {
      key: 'rhythm_days',
      label: 'Rhythm',
      kind: 'duration',
      unit: 'days',
      description: 'mean days between purchase days (the base median for one-time buyers)',
      values: r.rhythmDays,
    },
    {
      key: 'overdue',
      label: 'Overdue',
      kind: 'ratio',
      description: 'days silent ÷ rhythm',
      // r.overdue, computed when read: rhythm > 0 ? silent / rhythm : 0 (a NULL rhythm is not > 0, as NaN is not)
      values: {
        length: r.length,
        sql: 'CASE WHEN rhythm_days > 0 THEN days_silent / rhythm_days ELSE 0 END',
        at: (i) => r.overdue[i]!,
      },
    },
    {
      key: 'next_purchase',
      label: 'Next purchase',
      kind: 'date',
      description: `expected date of the next purchase if alive (${qm} quantile of the waiting time)`,
      values: date(r.nextDays),
    },
    {
      key: 'next_purchase_lo',
      label: 'Next purchase from',
      kind: 'date',
      description: `${qlo} quantile of the waiting time`,
      values: date(r.nextLowDays),
    },
    {
      key: 'next_purchase_hi',
      label: 'Next purchase to',
      kind: 'date',
      description: `${qhi} quantile of the waiting time (empty: beyond ${r.options.maxNextPurchaseDays} days)`,
      values: date(r.nextHighDays),
    },
    {
      key: 'value_if_alive',
      label: 'Value if alive',
      kind: 'money',
      unit: valueUnit,
      description: 'expected value over the horizon if the customer is still a customer',
      values: r.valueIfAlive,
    },
    {
      key: 'value_at_risk',
      label: 'Value at risk',
      kind: 'money',
      unit: valueUnit,
      description: '(1 − P(alive)) × value if alive: expected value lost if the customer has silently left',
      values: r.valueAtRisk,
    },
  ];
  if (channel) {
    const channels = coder<string>((c) => c);
    const codes = Uint32Array.from(channel, channels.code);
    cols.push({
      key: 'channel',
      label: 'Channel',
      kind: 'text',
      description: 'channel of the last purchase day',
      values: { codes, labels: channels.labels },
    });
  }
  cols.push(
    {
      key: 'retention_list',
      label: 'Retention list',
      kind: 'text',
      description: 'at_risk, win_back or empty',
      values: { codes: r.list, labels: RETENTION_LISTS },
    },
    {
      key: 'retention_reason',
      label: 'Why listed',
      kind: 'text',
      description: 'the reasons in words (customers on a list)',
      values: { length: r.length, text: reason },
    },
  );
  return cols;
}

/** The two lists a CRM team works from. */
export type ListName = 'at_risk' | 'win_back';

const LIST_COLUMNS = [
  'customer_id',
  'value_tier',
  'lifecycle_stage',
  'rfm_segment',
  'channel',
  'churn_risk',
  'net_revenue',
  'frequency',
  'p_alive',
  'p_alive_before',
  'p_return',
  'days_silent',
  'rhythm_days',
  'overdue',
  'next_purchase',
  'value_if_alive',
  'value_at_risk',
  'retention_reason',
];

/**
 * The customer-table columns a retention list reads (its own columns, the filters it takes, the
 * `overdue` SQL's inputs, and `retention_list`, which picks its rows): a table of these alone serves
 * the lists as the whole customer table does (see `Analysis.retentionListsTable`).
 */
export const RETENTION_LIST_KEYS: readonly string[] = [...LIST_COLUMNS, 'retention_list'];

/**
 * A retention list as a served table over the customer table (paged, sorted, filtered and exported
 * in SQL with the customer table's filter syntax): at-risk ranked by value at risk, win-back ranked
 * by the value of winning the customer back (the same quantity, labelled `win_back_value`).
 * @example
 * const t = retentionListTable(await analysis.customerTable(), 'at_risk');
 * await tablePage(engine, t, tableQuerySchema.parse({ filter: ['value_tier:eq:Gold'] }));
 */
export function retentionListTable(customers: ServedTable, list: ListName): ServedTable {
  const byKey = new Map(customers.columns.map((c) => [c.key, c]));
  const winBack = list === 'win_back';
  const columns: ReportColumn[] = LIST_COLUMNS.flatMap((k) => {
    const c = byKey.get(k);
    if (!c) return [];
    if (k === 'value_at_risk' && winBack)
      return [
        {
          ...c,
          key: 'win_back_value',
          label: 'Win-back value',
          description: 'value if won back beyond the chance the customer returns anyway: (1 − P(alive)) × value if alive',
        },
      ];
    return [c];
  });
  const valueKey = winBack ? 'win_back_value' : 'value_at_risk';
  const select = winBack ? `*, value_at_risk AS win_back_value` : '*';
  return {
    id: winBack ? 'win_back' : 'at_risk',
    title: winBack ? 'Win-back: lapsed and churned customers worth winning back' : 'At risk: valuable customers whose risk rose',
    from: `(SELECT ${select} FROM ${customers.from} AS customers WHERE retention_list = '${list}')`,
    columns,
    defaultSort: valueKey,
    defaultDir: 'desc',
    tieBreak: 'ord',
    searchColumn: 'customer_id',
    ...(customers.perRow ? { perRow: customers.perRow } : {}), // the reasons, written per row read
  };
}
