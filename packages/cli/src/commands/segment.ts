import {
  checkNumber,
  InputError,
  LIFECYCLE_STAGES,
  segmentsBy,
  segmentTablesByName,
  SEGMENT_TABLE_NAMES,
  valueBasisText,
  microTable,
  type MicroResult,
  microSegmentsOf,
  saveSnapshot,
  segmentAsOf,
  type Segmentation,
  segmentationRules,
  type TierSpec,
} from '@cvm/core';
import {
  ENGINE_OPTION,
  formatOf,
  ingestOptionsOf,
  LOG_OPTIONS,
  parse,
  stringOf,
  WORKSPACE_OPTION,
  type OptionSpecs,
  type Values,
} from '../args.js';
import type { Context } from '../context.js';
import { fromReportTable, type Cell, type Output, type Table } from '../output.js';
import { openSource } from '../source.js';
import { BY_OPTIONS, breakdownOutput, byInputs, dimensionOptionsOf, hasInputFiles } from '../breakdown-cli.js';

export const SEGMENT_OPTIONS: OptionSpecs = {
  'as-of': { type: 'string' },
  bins: { type: 'string' },
  tiers: { type: 'string' },
  seed: { type: 'string' },
  'no-micro': { type: 'boolean' },
  'no-save': { type: 'boolean' },
  view: { type: 'string' },
};

/** `--tiers "Platinum:0.01,Gold:0.05,Silver:0.2,Bronze"` (top shares) or `"A:>=1000,B:>=100,C"` (value cut-offs). */
export function tiersOf(spec: string | undefined): TierSpec[] | undefined {
  if (spec === undefined) return undefined;
  const parts = spec.split(',').map((p) => p.trim());
  return parts.map((p, i) => {
    const [name, cut] = p.split(':');
    if (!name || (i < parts.length - 1 && cut === undefined))
      throw new InputError('bad_usage', `--tiers: "${p}" needs NAME:SHARE or NAME:>=VALUE (the last tier only a name)`, { spec });
    if (cut === undefined) return { name };
    const v = Number(cut.replace(/^>=/, ''));
    if (!Number.isFinite(v)) throw new InputError('bad_usage', `--tiers: "${cut}" is not a number`, { spec });
    return cut.startsWith('>=') ? { name, minValue: v } : { name, topShare: v };
  });
}

/** Runs a segmentation with the command's options (RangeErrors from bad rules become usage errors). */
export async function runSegmentation(
  engine: Parameters<typeof segmentAsOf>[0],
  values: Values,
): Promise<{ seg: Segmentation; micro: MicroResult | null }> {
  try {
    const seg = await segmentAsOf(engine, {
      asOf: stringOf(values['as-of']),
      rfm: { bins: checkNumber('bins', stringOf(values.bins), '--bins', 5) },
      tiers: tiersOf(stringOf(values.tiers)),
    });
    const micro = values['no-micro'] ? null : microSegmentsOf(seg, { seed: checkNumber('seed', stringOf(values.seed), '--seed', 42) });
    return { seg, micro };
  } catch (error) {
    if (error instanceof RangeError) throw new InputError('bad_usage', error.message, {});
    throw error;
  }
}

export const SEGMENT_CSV_COLUMNS = [
  'customer_id',
  'r_score',
  'f_score',
  'm_score',
  'rfm_segment',
  'value_tier',
  'lifecycle_stage',
  'micro_segment',
] as const;

/** The per-customer table (CSV payload). */
export function customerTable(seg: Segmentation, micro: MicroResult | null): Table {
  const rows: Cell[][] = new Array(seg.length);
  for (let i = 0; i < seg.length; i++) {
    const s = seg.rfm.segment[i]!;
    rows[i] = [
      seg.customerId[i]!,
      seg.rfm.r[i]!,
      seg.rfm.f[i]!,
      seg.rfm.m[i]!,
      s < 0 ? null : seg.rfm.segmentNames[s]!,
      seg.tiers.names[seg.tiers.tier[i]!]!,
      LIFECYCLE_STAGES[seg.lifecycle.stage[i]!]!,
      micro ? micro.segments[micro.segment[i]!]!.label : null,
    ];
  }
  return { title: `Customers as of ${seg.asOf}`, columns: [...SEGMENT_CSV_COLUMNS], rows };
}

/** The core's tables of a segmentation by `--view` name (the per-customer table aside). */
function segmentTables(seg: Segmentation, micro: MicroResult | null) {
  const t = segmentTablesByName(seg);
  // the rules indented under the stages
  return { ...t, lifecycle: { ...t.lifecycle, notes: t.lifecycle.notes.map((r) => `  ${r}`) }, micro: micro ? microTable(micro) : null };
}

/** What `--view` may name: the per-customer table (default) or one of the core's tables. */
export const SEGMENT_VIEWS = ['customers', ...SEGMENT_TABLE_NAMES, 'micro'] as const;

/** The rules, cut points and counts as tables for people (the core's declarations; GET /api/segments serves the same). */
export function ruleTables(seg: Segmentation, micro: MicroResult | null): Table[] {
  return Object.values(segmentTables(seg, micro))
    .filter((t) => t !== null)
    .map(fromReportTable);
}

export async function segmentCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, SEGMENT_OPTIONS, BY_OPTIONS);
  if (values.help) return ctx.help('segment');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const view = stringOf(values.view) ?? 'customers';
  if (!(SEGMENT_VIEWS as readonly string[]).includes(view))
    throw new InputError('bad_usage', `--view must be one of ${SEGMENT_VIEWS.join(', ')}; got "${view}"`, { view });
  if (view === 'micro' && values['no-micro'])
    throw new InputError('bad_usage', '--view micro needs the micro-segments (drop --no-micro)', {});
  const progress = ctx.progress(format === 'table');
  const by = stringOf(values.by);
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    if (by !== undefined) {
      if (values.view !== undefined) throw new InputError('bad_usage', '--view is not read with --by (see --help)', {});
      // issue 11: tiers, stages and value by channel or attribute instead of the per-customer rows
      const dimension = dimensionOptionsOf(values);
      const inputs = await byInputs(engine, values, progress);
      progress.stage('segmenting');
      const { seg } = await runSegmentation(engine, { ...values, 'no-micro': true });
      const section = await segmentsBy(engine, seg, by, dimension);
      progress.done();
      ctx.print(
        breakdownOutput(section, format, [
          `cvm segments by ${by} as of ${seg.asOf} (computed ${seg.computedAt}); not saved as a snapshot`,
          ...inputs,
        ]),
        format,
      );
      return 0;
    }
    if (hasInputFiles(values)) throw new InputError('bad_usage', '--customers/--spend are read only with --by (see --help)', {});
    progress.stage('segmenting');
    const { seg, micro } = await runSegmentation(engine, values);
    const saved = stringOf(values.workspace) !== undefined && !values['no-save'];
    if (saved) {
      progress.stage('saving the snapshot');
      await saveSnapshot(
        engine,
        seg,
        micro ? Array.from(micro.segment, (j) => micro.segments[j]!.label) : undefined,
        micro ? { micro: { seed: micro.seed, features: micro.features, choices: micro.choices, segments: micro.segments } } : {},
      );
    }
    progress.done();
    const customers = customerTable(seg, micro);
    const payload = view === 'customers' ? customers : viewTable(seg, micro, view);
    const head = [
      `cvm segments as of ${seg.asOf} (only transactions up to that day), computed ${seg.computedAt}${saved ? '; saved as a snapshot in the workspace' : ''}`,
      `${seg.length.toLocaleString('en-US')} customers; value = ${valueBasisText(seg.valueKind)}`,
    ];
    const out: Output =
      format === 'table'
        ? { text: head, tables: [...ruleTables(seg, micro), customers], json: null, maxTableRows: 20 }
        : { tables: [payload], json: format === 'json' ? jsonOf(seg, micro, customers) : null };
    ctx.print(out, format);
  } finally {
    await engine.close();
  }
  return 0;
}

/** One of the core's tables as the CSV/NDJSON payload (`--view`). */
function viewTable(seg: Segmentation, micro: MicroResult | null, view: string): Table {
  const t = segmentTables(seg, micro)[view as Exclude<(typeof SEGMENT_VIEWS)[number], 'customers'>];
  return fromReportTable(t!);
}

function jsonOf(seg: Segmentation, micro: MicroResult | null, customers: Table): unknown {
  const counts = (names: readonly string[], idx: ArrayLike<number>): Record<string, number> => {
    const c: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
    for (let i = 0; i < idx.length; i++) if (idx[i]! >= 0) c[names[idx[i]!]!]!++;
    return c;
  };
  return {
    ...segmentationRules(seg),
    customers: seg.length,
    rfmSegments: counts(seg.rfm.segmentNames, seg.rfm.segment),
    lifecycleStages: counts(LIFECYCLE_STAGES, seg.lifecycle.stage),
    grid: seg.grid,
    micro: micro ? { seed: micro.seed, features: micro.features, choices: micro.choices, segments: micro.segments } : null,
    rows: customers.rows.slice().map((r) => Object.fromEntries(customers.columns.map((c, j) => [c, r[j]]))),
  };
}
