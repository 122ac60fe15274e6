/**
 * The expansion stages of an {@link Analysis} (issue 13): baskets, association rules, next best
 * offers, their backtest and up-sell headroom. A log without product ids answers not_computed with
 * the reason (headroom then runs on spend alone). The `Analysis` methods of the same names call these.
 */
import type { Analysis } from './analysis.js';
import type { CustomerColumn } from '../customers/customer-table.js';
import { headroomColumns, offerColumns } from '../customers/expansion-columns.js';
import {
  computeBacktest,
  computeHeadroom,
  computeOffers,
  computeRules,
  middleDay,
  readBasketsStage,
  ruleThresholds,
} from '../expansion/expansion-run.js';
import type {
  BasketsStage,
  HeadroomGrouping,
  HeadroomStage,
  OfferBacktestStage,
  OffersStage,
  RuleThresholds,
  RulesStage,
} from '../expansion/expansion-stage.js';
import { RecentMemo } from '../expansion/recent-memo.js';

/** Each analysis's four most recently asked rule threshold sets (keyed by data version and thresholds). */
const recentRules = new WeakMap<Analysis, RecentMemo<RulesStage>>();
function recentRulesOf(analysis: Analysis): RecentMemo<RulesStage> {
  let memo = recentRules.get(analysis);
  if (!memo) {
    memo = new RecentMemo<RulesStage>(4);
    recentRules.set(analysis, memo);
  }
  return memo;
}

/** The baskets of {@link Analysis.baskets}. */
export function basketsStage(analysis: Analysis): Promise<BasketsStage> {
  return analysis.cached('expansion:baskets', async () =>
    readBasketsStage(analysis.engine, (await analysis.overview()).summary.calibrationEnd),
  );
}

/** The association rules of {@link Analysis.rules} (the four most recent threshold sets kept per analysis). */
export function rulesStage(analysis: Analysis, thresholds: RuleThresholds = {}): Promise<RulesStage> {
  const given = Object.fromEntries(Object.entries(thresholds).filter(([, v]) => v !== undefined)) as RuleThresholds;
  const t = ruleThresholds({ ...analysis.options.expansion?.rules, ...given });
  return recentRulesOf(analysis).get(`${analysis.dataVersion}:${JSON.stringify(t)}`, async () => {
    const b = await analysis.baskets();
    return b.status === 'ok' ? computeRules(analysis.engine, b, t, await analysis.costModel()) : b;
  });
}

/** The next best offers of {@link Analysis.offers}. */
export function offersStage(analysis: Analysis): Promise<OffersStage> {
  return analysis.cached('expansion:offers', async () => {
    const b = await analysis.baskets();
    return b.status === 'ok' ? computeOffers(analysis.engine, b, analysis.options.expansion?.offers ?? {}, await analysis.costModel()) : b;
  });
}

/** The offers backtest of {@link Analysis.offerBacktest}. */
export function offerBacktestStage(
  analysis: Analysis,
  o: { calibrationEnd?: string; holdoutEnd?: string; k?: number } = {},
): Promise<OfferBacktestStage> {
  return analysis.cached(`expansion:backtest:${o.calibrationEnd}:${o.holdoutEnd}:${o.k}`, async () => {
    const b = await analysis.baskets();
    if (b.status !== 'ok') return b;
    const { report } = await analysis.overview();
    const calibrationEnd = o.calibrationEnd ?? analysis.options.validateAt ?? middleDay(report.dateRange.first!, report.dateRange.last!);
    const offers = analysis.options.expansion?.offers ?? {};
    return computeBacktest(
      analysis.engine,
      { ...offers, k: o.k ?? offers.k, calibrationEnd, holdoutEnd: o.holdoutEnd ?? b.asOf },
      await analysis.costModel(),
    );
  });
}

/** The up-sell headroom of {@link Analysis.headroom}. */
export function headroomStage(analysis: Analysis, groupBy: HeadroomGrouping = 'value_tier'): Promise<HeadroomStage> {
  return analysis.cached(`expansion:headroom:${groupBy}`, async () => {
    const { summary } = await analysis.overview();
    const e = analysis.options.expansion;
    return computeHeadroom(analysis.engine, {
      asOf: summary.calibrationEnd,
      segmentation: await analysis.segmentation(),
      scores: await analysis.scores(),
      groupBy,
      options: e?.headroom,
      catalog: e?.catalog,
    });
  });
}

/** The customer table's expansion columns (next offer, its probability and score; headroom, breadth); none without product ids. */
export async function expansionColumns(analysis: Analysis, ids: readonly string[]): Promise<CustomerColumn[]> {
  const offers = await analysis.offers();
  if (offers.status !== 'ok') return [];
  const headroom = await analysis.headroom();
  return [...offerColumns(offers, ids), ...(headroom.status === 'ok' ? headroomColumns(headroom, ids) : [])];
}
