import type { Analysis } from './analysis.js';
import type { ReportSection } from '../report/report-section.js';
import type { HeadroomGrouping } from '../expansion/expansion-stage.js';
import { headroomSection, notComputedSection, offersBacktestSection, offersSection } from '../expansion/expansion-sections.js';
import { offerCustomerOrder } from '../expansion/offers-page.js';
import { offerRows } from '../expansion/offers-report.js';
import { OFFERS_TABLE } from '../expansion/offers-table.js';

/** What the expansion report lists: the customers with the best offers, the headroom grouping, the backtest's windows. */
export interface ExpansionReportOptions {
  /** Customers listed in the offers table, best offer first (default 20). */
  customers?: number;
  /** The segments headroom is compared within (default value tiers). */
  headroomBy?: HeadroomGrouping;
  /** The backtest's calibration end, holdout end and k (defaults as `Analysis.offerBacktest`). */
  backtest?: { calibrationEnd?: string; holdoutEnd?: string; k?: number };
}

/**
 * The expansion report as sections, in reading order: the offers' backtest against the popularity
 * baseline (the verdict first, so that no one reads the offers without it), the next best offers
 * of the customers with the most valuable offer, and the up-sell headroom by segment. Each stage
 * is the analysis's (computed once, shared with the API routes and the customer table); a stage
 * that cannot run on this data (no product ids) is a section with the reason.
 * @throws InputError `bad_date`, `bad_holdout`, `empty_holdout` from the backtest's windows
 * @example
 * const sections = await expansionSections(analysis, { customers: 10 });
 * sections.map((s) => s.id); // ['expansion.backtest', 'expansion.offers', 'expansion.headroom']
 */
export async function expansionSections(a: Analysis, o: ExpansionReportOptions = {}): Promise<ReportSection[]> {
  const out: ReportSection[] = [];
  const bt = await a.offerBacktest(o.backtest ?? {});
  out.push(
    bt.status === 'ok'
      ? offersBacktestSection(bt.backtest)
      : notComputedSection('expansion.backtest', 'Next best offer backtest against the popularity baseline', bt),
  );
  const offers = await a.offers();
  if (offers.status === 'ok') {
    const listed = offerCustomerOrder(offers, { sort: 'score' }).subarray(0, o.customers ?? 20);
    const table = OFFERS_TABLE(offerRows(offers.fit, offers.offers, listed), {
      title: 'Next best offers: the customers with the most valuable offer',
      notes: offers.notes,
    });
    out.push(offersSection({ asOf: offers.asOf, fit: offers.fit, offers: offers.offers, table, warnings: offers.warnings }));
  } else out.push(notComputedSection('expansion.offers', 'Next best offers', offers));
  const headroom = await a.headroom(o.headroomBy ?? 'value_tier');
  out.push(
    headroom.status === 'ok' ? headroomSection(headroom.report) : notComputedSection('expansion.headroom', 'Up-sell headroom', headroom),
  );
  return out;
}
