import type { ReportSection } from '../report/report-section.js';
import { acquisitionChannelsTable, acquisitionCohortsTable } from './acquisition-tables.js';
import type { AcquisitionReport } from './acquisition-types.js';

/**
 * The acquisition report as a section every surface renders: the findings in words first (LTV:CAC
 * below 1, payback beyond the horizon, spend without customers), then the table by channel (with the
 * overall row) and the table by channel and cohort.
 * @example
 * acquisitionSection(r).tables.map((t) => t.id); // → ['acquisition.channels', 'acquisition.cohorts']
 */
export function acquisitionSection(r: AcquisitionReport): ReportSection {
  return {
    id: 'acquisition',
    title: `Acquisition economics by ${r.by} (as of ${r.asOf})`,
    lines: [
      ...(r.flags.length ? r.flags : ['Every channel with spend has LTV:CAC ≥ 1 and pays back within the horizon.']),
      `Attribution: ${r.attribution}. Margin basis: ${r.basis}. Cohorts by ${r.cohort}; predicted CLV over ${r.horizonMonths} months at ${(100 * r.annualDiscountRate).toFixed(0)}% a year; payback flagged beyond ${r.paybackHorizonMonths} months.`,
    ],
    warnings: [...r.warnings],
    tables: [acquisitionChannelsTable([...r.levels, r.overall], { notes: r.notes }), acquisitionCohortsTable(r.cohorts)],
  };
}
