import type { Engine } from '../engine/engine.js';
import { npsClass } from '../math/stats/nps-interval.js';
import { chainSampleSql, chainSql, type ChainSqlOptions } from './feedback-sql.js';
import type { ChainInput } from './chain-types.js';
import { dayToIso, isoToDay } from '../summary/summary.js';

/** The chain's respondents read from the workspace, with how the sample was drawn. */
export interface ChainData {
  input: ChainInput;
  customerId: string[];
  /** Customers with an NPS answer on or before the cut-off, of them in the log, and used (a purchase on or before the answer). */
  sample: { respondents: number; inLog: number; used: number; lastResponse: string; rule: string };
}

/** ISO day `days` before `iso`. */
export const isoMinusDays = (iso: string, days: number): string => dayToIso(isoToDay(iso) - days);

/**
 * Reads the chain's respondents (see `chainSql`): each customer's first NPS answer whose longest
 * outcome window ends by `asOf`, with the controls (log purchase days before, log days since the
 * last purchase, log tenure in days, log spend per purchase day before) and the outcomes per window.
 */
export async function loadChainData(engine: Engine, asOf: string, windows: readonly number[]): Promise<ChainData> {
  const longest = Math.max(...windows);
  const o: ChainSqlOptions = { asOf, lastResponse: isoMinusDays(asOf, longest), windows };
  const kinds: Record<string, 'f64' | 'string'> = {
    customer_id: 'string',
    day: 'f64',
    nps: 'f64',
    days_before: 'f64',
    first_day: 'f64',
    last_day: 'f64',
    spend_before: 'f64',
  };
  for (const w of windows) {
    kinds[`days_${w}`] = 'f64';
    kinds[`spend_${w}`] = 'f64';
  }
  const b = await engine.columns(chainSql(engine.dialect, o), kinds);
  const [counts] = await engine.rows<{ respondents: number; known: number }>(chainSampleSql(engine.dialect, o));
  const n = b.length;
  const f = b.f64;
  const day = f.day!,
    before = f.days_before!,
    first = f.first_day!,
    last = f.last_day!,
    spend = f.spend_before!;
  const input: ChainInput = {
    npsClass: Uint8Array.from(f.nps!, (v) => npsClass(v)),
    covariates: [
      { name: 'purchase_days_before', label: 'purchase days', values: Float64Array.from(before, Math.log) },
      {
        name: 'days_since_last',
        label: 'days since the last purchase',
        values: Float64Array.from({ length: n }, (_, i) => Math.log1p(day[i]! - last[i]!)),
      },
      { name: 'tenure_days', label: 'tenure', values: Float64Array.from({ length: n }, (_, i) => Math.log1p(day[i]! - first[i]!)) },
      {
        name: 'spend_per_day_before',
        label: 'spend per purchase day',
        values: Float64Array.from({ length: n }, (_, i) => Math.log1p(Math.max(0, spend[i]!) / before[i]!)),
      },
    ],
    windows: [...windows],
    daysAfter: windows.map((w) => f[`days_${w}`]!),
    spendAfter: windows.map((w) => f[`spend_${w}`]!),
  };
  return {
    input,
    customerId: b.strings.customer_id!,
    sample: {
      respondents: Number(counts?.respondents ?? 0),
      inLog: Number(counts?.known ?? 0),
      used: n,
      lastResponse: o.lastResponse,
      rule: `each customer's first NPS answer on or before ${o.lastResponse} (so that ${longest} days after it lie inside the data up to ${asOf}), from customers with a purchase on or before the day they answered`,
    },
  };
}
