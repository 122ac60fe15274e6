import type { Engine } from '../engine/engine.js';
import { EngineError, InputError } from '../errors.js';
import {
  fitGammaGammaOnSums,
  gammaGammaMoments,
  gammaGammaStarts,
  type GammaGammaGammaSums,
  type GammaGammaXStats,
} from '../models/gamma-gamma/fit-sums.js';
import { gammaSumsNear, type GammaSumsCenter } from '../models/gamma-gamma/gamma-sums-series.js';
import { zeroSpendCustomersSql } from './database-scores-sql.js';
import { SERIES_TERMS, spendGammaSumsSql, spendXStatsSql, stagedCustomerCountSql } from './database-spend-sql.js';
import { gammaGammaPatternSpend, type PatternSpend } from './pattern-scores.js';
import type { FitResult } from '../models/shared/model-types.js';

/** What a Gamma-Gamma fit on the shards read. */
export interface SpendFitReadCounts {
  /** Distinct x of the repeat buyers: the rows of each query. */
  distinctX: number;
  /** Queries the fit sent (the per-x statistics, then one per batch of γ values). */
  queries: number;
  /** Rows read by them. */
  rows: number;
  /** γ values at which the sums were computed on the shards (the rest expanded from the nearest). */
  gammas: number;
}

/** The Gamma-Gamma spend model fitted on the shards, and what it read. */
export interface DatabaseSpendFit extends SpendFitReadCounts {
  spend: PatternSpend;
}

/**
 * The bare Gamma-Gamma fit on the shards (no zero-spend note yet, no check of q), the repeat buyers
 * whose repeat purchases average 0 (`zeros`, the first 20 by customer id in `zeroIds`), and what it read.
 */
export interface GammaGammaShardFit extends SpendFitReadCounts {
  fit: FitResult<string>;
  zeros: number;
  zeroIds: string[];
}

/** Thrown by the objective for a γ whose sums are not fetched yet (ends that run of the optimiser). */
class SumsNeeded extends Error {
  constructor(readonly gamma: number) {
    super(`sums at γ = ${gamma} not fetched`);
  }
}

/**
 * Fits Gamma-Gamma on the staged summary without reading a row per customer: the same fit as
 * `fitSpendOnPatterns` on the distinct (x, m̄ₓ) (the same objective, `fitGammaGammaOnSums`, the
 * same starts, optimiser, diagnostics and warnings; parameters equal to rounding of the sums).
 *
 * ## Method
 * The log-likelihood depends on the customers only through per-x statistics (count, Σ ln m̄ₓ) and,
 * for each γ, four sums per x (`GammaGammaGammaSums`). One query reads the statistics (rows:
 * distinct x); then the deterministic optimiser runs with an objective that reads the sums from a
 * cache keyed by γ. The shards compute the sums at a γ₀ with the terms of their series around it
 * (`gammaSumsNear`: exact to rounding within 5% of γ₀), so a γ near a fetched one costs no query.
 * When the optimiser asks for a γ farther than that, the run stops, one query computes the sums at
 * that γ on the shards (a GROUP BY x), and the optimiser runs again from the start, now further (a
 * run costs per distinct x, not per customer; a γ asked again gets the same doubles). The starts'
 * γ are fetched together first.
 * Bytes to Node: (1 + γ values) × distinct x rows, whatever the number of customers (CDNOW: 22
 * distinct x, 10 queries for 54 evaluations; 10M synthetic rows: 314 x, 13 queries). A fit that
 * falls back to Nelder–Mead (`fitMle`) asks for many more γ, and every one farther than 5% from
 * those fetched costs a query.
 *
 * @throws InputError `spend_invalid_value` (a negative or non-finite mean spend), `no_repeat_purchases`,
 *   `spend_population_mean_infinite`; EngineError `row_accounting` when the engine's answer lacks a (x, γ)
 */
export async function fitSpendInDatabase(engine: Engine, summaryTable: string): Promise<DatabaseSpendFit> {
  const { fit, zeros, zeroIds, ...reads } = await fitGammaGammaOnShards(engine, summaryTable);
  return { spend: gammaGammaPatternSpend(fit, zeros, zeroIds), ...reads };
}

/**
 * {@link fitSpendInDatabase} without its spend model: the fit as `fitGammaGamma` returns it (for
 * `cvm fit`, which reports a q ≤ 1 fit instead of refusing it), the zero-spend customers apart.
 * @throws as {@link fitSpendInDatabase}, except `spend_population_mean_infinite`
 */
export async function fitGammaGammaOnShards(engine: Engine, summaryTable: string): Promise<GammaGammaShardFit> {
  const d = engine.dialect;
  const f64 = { x: 'f64', n: 'f64', lnm: 'f64', m1: 'f64', m2: 'f64', zeros: 'f64', bad: 'f64' } as const;
  const b = await engine.columns(spendXStatsSql(d, summaryTable), f64);
  let queries = 1,
    rows = b.length;
  const c = (k: keyof typeof f64): Float64Array => b.f64[k]!;
  let zeros = 0,
    bad = 0,
    used = 0;
  const keep: number[] = [];
  for (let i = 0; i < b.length; i++) {
    zeros += c('zeros')[i]!;
    bad += c('bad')[i]!;
    used += c('n')[i]!;
    if (c('n')[i]! > 0) keep.push(i);
  }
  if (bad > 0)
    throw new InputError(
      'spend_invalid_value',
      `the Gamma-Gamma spend model: ${bad.toLocaleString('en-US')} repeat buyers have a negative or non-finite mean repeat spend. Need a finite mean value ≥ 0.`,
      { invalidCustomers: bad },
    );
  if (used < 2) {
    const [all] = await engine.rows<{ n: number }>(stagedCustomerCountSql(d, summaryTable));
    const n = Number(all!.n);
    throw new InputError(
      'no_repeat_purchases',
      `fitGammaGamma needs at least 2 customers with a repeat purchase (x > 0) to fit spend; got ${used} of ${n.toLocaleString('en-US')}.`,
      { customers: n, repeaters: used },
    );
  }
  const pick = (k: keyof typeof f64): Float64Array => Float64Array.from(keep, (i) => c(k)[i]!);
  const stats: GammaGammaXStats = { x: pick('x'), n: pick('n'), lnM: pick('lnm'), m1: pick('m1'), m2: pick('m2') };
  const ux = stats.x.length;
  const at = new Map<number, number>();
  stats.x.forEach((x, u) => at.set(x, u));

  const centers: GammaSumsCenter[] = [];
  const fetch = async (gammas: number[]): Promise<void> => {
    const kinds: Record<string, 'f64'> = { x: 'f64', g: 'f64', a: 'f64', b: 'f64' };
    for (let k = 1; k <= SERIES_TERMS; k++) kinds[`s${k}`] = kinds[`t${k}`] = 'f64';
    const s = await engine.columns(spendGammaSumsSql(d, summaryTable, gammas), kinds);
    queries++;
    rows += s.length;
    const z = (): Float64Array => new Float64Array(ux);
    const zs = (): Float64Array[] => Array.from({ length: SERIES_TERMS }, z);
    const got = new Map(gammas.map((g) => [g, { c: { gamma: g, a: z(), b: z(), s: zs(), t: zs() } as GammaSumsCenter, seen: 0 }]));
    for (let i = 0; i < s.length; i++) {
      const r = got.get(s.f64.g![i]!),
        u = at.get(s.f64.x![i]!);
      if (!r || u === undefined) continue;
      r.c.a[u] = s.f64.a![i]!;
      r.c.b[u] = s.f64.b![i]!;
      for (let k = 1; k <= SERIES_TERMS; k++) {
        r.c.s[k - 1]![u] = s.f64[`s${k}`]![i]!;
        r.c.t[k - 1]![u] = s.f64[`t${k}`]![i]!;
      }
      r.seen++;
    }
    for (const [g, r] of got) {
      if (r.seen !== ux)
        throw new EngineError('row_accounting', `the Gamma-Gamma sums at γ = ${g} came back for ${r.seen} of ${ux} distinct x`, {
          gamma: g,
        });
      centers.push(r.c);
    }
  };
  await fetch([...new Set(gammaGammaStarts(gammaGammaMoments(stats).meanM).map((t) => Math.exp(t[2]!)))]);
  // the sums handed to the optimiser, by γ: a γ asked again gets the same doubles in every run
  const cache = new Map<number, GammaGammaGammaSums>();
  const sumsAt = (g: number): GammaGammaGammaSums => {
    let s = cache.get(g);
    if (s) return s;
    const near = [...centers].sort((c1, c2) => Math.abs(c1.gamma - g) / c1.gamma - Math.abs(c2.gamma - g) / c2.gamma)[0]!;
    s = gammaSumsNear(near, g, stats.n) ?? undefined;
    if (!s) throw new SumsNeeded(g);
    cache.set(g, s);
    return s;
  };
  for (;;) {
    try {
      const fit = fitGammaGammaOnSums(stats, sumsAt, used);
      const zeroIds =
        zeros > 0
          ? (await engine.rows<{ customer_id: string }>(zeroSpendCustomersSql(d, summaryTable))).map((z) => String(z.customer_id))
          : [];
      return { fit, zeros, zeroIds, distinctX: ux, queries, rows, gammas: centers.length };
    } catch (error) {
      if (!(error instanceof SumsNeeded)) throw error;
      await fetch([error.gamma]);
    }
  }
}
