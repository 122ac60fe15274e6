import { CvmError, headroomReport, headroomSection, loadSegments, predictCustomers, summarize } from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import { sectionCliOutput, tableJson } from '../report-table-output.js';
import { openSource } from '../source.js';
import { catalogOf, numberFlag } from './expansion-flags.js';

const HEADROOM_OPTIONS: OptionSpecs = {
  'as-of': { type: 'string' },
  'window-days': { type: 'string' },
  products: { type: 'string' },
  'category-col': { type: 'string' },
  segments: { type: 'string' },
  'segment-col': { type: 'string' },
  'no-models': { type: 'boolean' },
  'min-p-alive': { type: 'string' },
  top: { type: 'string' },
};

/** `cvm headroom LOG|--workspace DIR`: up-sell headroom against the segment's upper quartile. */
export async function headroomCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, HEADROOM_OPTIONS);
  if (values.help) return ctx.help('headroom');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const progress = ctx.progress(format === 'table');
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    const segmentsFile = stringOf(values.segments);
    // breadth in categories: --products, else the log file's own category column when it has one
    const catalog = await catalogOf(engine, values, positionals, true);
    const groups = segmentsFile === undefined ? undefined : await loadSegments(engine, segmentsFile, stringOf(values['segment-col']));
    const notes: string[] = [];
    let pAlive: Map<string, number> | undefined;
    if (values['no-models'] !== true) {
      progress.stage('P(alive) (BG/NBD)');
      try {
        const s = await summarize(engine, { period: 'week', calibrationEnd: stringOf(values['as-of']) });
        const p = predictCustomers(
          { x: s.frequency, tx: s.recency, T: s.T, mx: s.monetaryValue },
          { model: 'bg-nbd', period: 'week', horizon: 52, annualDiscountRate: 0.1, margin: 1 },
        );
        pAlive = new Map(s.customerId.map((id, i) => [id, p.pAlive[i]!]));
        notes.push('P(alive) from BG/NBD (Fader, Hardie & Lee 2005) fitted on the log up to the as-of date');
        // a flagged fit carries its warning beside the P(alive) it gave
        notes.push(...p.warnings.map((w) => `P(alive) warning: ${w}`));
      } catch (error) {
        if (!(error instanceof CvmError)) throw error;
        notes.push(`P(alive) not available (${error.message}); customers ranked by headroom alone`);
      }
    }
    progress.stage('headroom');
    const r = await headroomReport(engine, {
      asOf: stringOf(values['as-of']),
      windowDays: numberFlag(values, 'window-days', 1, 100_000, true),
      catalog,
      groups,
      pAlive,
      minPAlive: numberFlag(values, 'min-p-alive', 0, 1),
      top: numberFlag(values, 'top', 0, 1e6, true),
    });
    progress.done();
    const section = headroomSection(r, notes);
    ctx.print(
      {
        ...sectionCliOutput(section, format),
        json: {
          asOf: r.asOf,
          from: r.from,
          breadthBasis: r.breadthBasis,
          customers: r.customers.length,
          total: r.result.total,
          notes,
          warnings: r.warnings,
          groups: tableJson(r.groupsTable),
          top: tableJson(r.customersTable),
          section: { ...section, tables: section.tables.map(tableJson) },
        },
        maxTableRows: 40,
      },
      format,
    );
  } finally {
    await engine.close();
  }
  return 0;
}
