import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { probeFile } from '../transactions/file-probe.js';
import { analyzeExperiment, type ExperimentAnalysis } from './analyze-experiment.js';
import { outcomeKind } from './arm-moments.js';
import {
  describeSql,
  dropExperimentStageSql,
  EXPERIMENT_QUARANTINE_REASONS,
  experimentQuarantineSql,
  experimentReaderSql,
  experimentRowsSql,
  featureKindsSql,
  stagedRowsSql,
  stageExperimentSql,
  type ExperimentQuarantineReason,
} from './experiment-file-sql.js';
import type { AnalysisOptions, ExperimentData } from './experiment-types.js';
import { upliftBySegment, type SegmentUplift } from './segment-uplift.js';
import type { FeatureColumn } from './uplift-features.js';
import { fitUpliftModel, type UpliftModelOptions, type UpliftModelResult } from './uplift-model.js';

/** Options of {@link analyzeExperimentFile}. */
export interface ExperimentFileOptions extends Omit<AnalysisOptions, 'plannedShares'> {
  /** Column holding each row's arm. */
  armColumn: string;
  /** The arm value of the control group. */
  control: string;
  /** Outcome columns (numbers, or true/false). */
  outcomes: readonly string[];
  /** Columns to break the uplift down by. */
  by?: readonly string[];
  /** Planned share of each arm value, for the sample-ratio check (e.g. { 'No E-Mail': 1, … }). */
  plannedShares?: Record<string, number>;
  /** Fit an uplift model on these feature columns (numeric when every value is a number, else categorical). */
  uplift?: UpliftModelOptions & { features: readonly string[]; arm?: string; outcome?: string };
}

/** A row of an experiment file left out, with why. */
export interface QuarantinedExperimentRow {
  line: number;
  reason: ExperimentQuarantineReason;
  column: string | null;
  raw: string | null;
}

/** The analysis of a flat experiment file. */
export interface ExperimentFileResult {
  file: string;
  armColumn: string;
  rowsRead: number;
  rowsUsed: number;
  quarantine: QuarantinedExperimentRow[];
  /** Quarantined rows by reason. */
  quarantineCounts: Partial<Record<ExperimentQuarantineReason, number>>;
  data: ExperimentData;
  analysis: ExperimentAnalysis;
  segments: SegmentUplift | null;
  uplift: UpliftModelResult | null;
}

/**
 * Analyses a flat experiment file (CSV, Parquet or NDJSON, read by DuckDB): one row per customer
 * with an arm column and outcome columns. Rows with an empty arm, or an outcome that is empty, not
 * a number (true/false count as 1/0) or not finite, are quarantined with their line and reason and
 * left out of every outcome. Then the same analysis as a campaign ({@link analyzeExperiment}), the
 * uplift by the `by` columns, and optionally an uplift model.
 *
 * @throws InputError `unknown_column` (listing the file's columns), `control_not_found` (listing the
 *   arm values), `single_arm` (the arm column has one value), `no_rows` (every row quarantined), and
 *   the errors of `probeFile` and {@link analyzeExperiment}.
 * @example
 * const r = await analyzeExperimentFile(engine, 'data/hillstrom/hillstrom_email.csv', { armColumn: 'segment', control: 'No E-Mail', outcomes: ['visit', 'conversion', 'spend'] });
 * r.analysis.verdicts[0].text; // => 'a lift of 4.5 points (95% CI 3.9 to 5.2) in visit; …'
 */
export async function analyzeExperimentFile(engine: Engine, path: string, options: ExperimentFileOptions): Promise<ExperimentFileResult> {
  const probe = await probeFile(path);
  const reader = experimentReaderSql(path, probe.format);
  let available: string[];
  try {
    available = (await engine.rows<{ column_name: string }>(describeSql(reader))).map((r) => r.column_name);
  } catch (error) {
    throw new InputError(
      'unreadable_file',
      `${probe.fileName} could not be read as ${probe.format.toUpperCase()}: ${String((error as Error).message).split('\n')[0]}`,
      { path },
    );
  }
  const by = options.by ?? [];
  const features = options.uplift?.features ?? [];
  const wanted = [...new Set([options.armColumn, ...options.outcomes, ...by, ...features])];
  if (options.outcomes.length === 0) throw new InputError('no_outcome', 'Name at least one outcome column (e.g. --outcome visit)', {});
  for (const c of wanted) {
    if (!available.includes(c))
      throw new InputError('unknown_column', `${probe.fileName} has no column "${c}"; its columns are ${available.join(', ')}`, {
        column: c,
        columns: available,
      });
  }
  const idx = (c: string): number => wanted.indexOf(c);
  const outcomeIdx = options.outcomes.map((c) => [idx(c), c] as [number, string]);
  try {
    await engine.exec(stageExperimentSql(reader, probe.format, wanted));
    const [{ n: rowsRead }] = (await engine.rows<{ n: number }>(stagedRowsSql())) as [{ n: number }];
    const quarantine = (
      await engine.rows<{ line: number; reason: ExperimentQuarantineReason; column: string | null; raw: string | null }>(
        experimentQuarantineSql(idx(options.armColumn), outcomeIdx),
      )
    ).map((r) => ({ line: Number(r.line), reason: r.reason, column: r.column, raw: r.raw }));
    const kinds: Record<string, 'f64' | 'string'> = { arm: 'string' };
    options.outcomes.forEach((_, k) => {
      kinds[`o${k}`] = 'f64';
    });
    by.forEach((_, k) => {
      kinds[`b${k}`] = 'string';
    });
    features.forEach((_, k) => {
      kinds[`f${k}`] = 'string';
    });
    const b = await engine.columns(experimentRowsSql(idx(options.armColumn), outcomeIdx, by.map(idx), features.map(idx)), kinds);
    const featureText = features.length > 0 ? (await engine.rows<Record<string, number>>(featureKindsSql(features.map(idx))))[0]! : {};
    if (b.length === 0) {
      throw new InputError(
        'no_rows',
        `${probe.fileName}: none of its ${rowsRead.toLocaleString('en-US')} rows has an arm and numeric outcomes (${quarantine.length.toLocaleString('en-US')} quarantined; first: line ${quarantine[0]?.line}, ${EXPERIMENT_QUARANTINE_REASONS[quarantine[0]?.reason ?? 'missing_arm']})`,
        { path },
      );
    }
    const arms = b.strings.arm!;
    const values = [...new Set(arms)].sort();
    if (!values.includes(options.control)) {
      throw new InputError(
        'control_not_found',
        `The control "${options.control}" is not a value of ${options.armColumn}; its values are ${values.map((v) => JSON.stringify(v)).join(', ')}`,
        { control: options.control, values },
      );
    }
    if (values.length === 1) {
      throw new InputError(
        'single_arm',
        `${options.armColumn} has one value ("${values[0]}") in all ${b.length.toLocaleString('en-US')} rows: there is nothing to compare the control with`,
        { column: options.armColumn, value: values[0] },
      );
    }
    const armNames = [options.control, ...values.filter((v) => v !== options.control)];
    const code = new Map(armNames.map((v, i) => [v, i]));
    const data: ExperimentData = {
      arm: Uint32Array.from(arms, (v) => code.get(v)!),
      armNames,
      control: 0,
      outcomes: options.outcomes.map((name, k) => {
        const values = b.f64[`o${k}`]!;
        return { name, label: outcomeKind(values) === 'mean' ? `${name} per customer` : name, values };
      }),
      segments: by.map((name, k) => ({ name, values: b.strings[`b${k}`]! })),
    };
    const plannedShares = options.plannedShares ? armNames.map((a) => options.plannedShares![a] ?? 0) : undefined;
    const analysis = analyzeExperiment(data, {
      level: options.level,
      bootstrap: options.bootstrap,
      srmThreshold: options.srmThreshold,
      plannedShares,
    });
    const segments = by.length > 0 ? upliftBySegment(data, by, { level: options.level }) : null;
    let uplift: UpliftModelResult | null = null;
    if (options.uplift) {
      const u = options.uplift;
      const armName = u.arm ?? armNames[1]!;
      const arm = code.get(armName);
      if (arm === undefined || arm === 0)
        throw new InputError(
          'bad_uplift_arm',
          `The uplift model compares a test arm with the control; "${armName}" is not a test arm (${armNames.slice(1).join(', ')})`,
          { arm: armName },
        );
      const outcome = u.outcome ?? options.outcomes[0]!;
      const o = options.outcomes.indexOf(outcome);
      if (o < 0)
        throw new InputError(
          'bad_uplift_outcome',
          `The uplift outcome "${outcome}" is not one of the outcomes (${options.outcomes.join(', ')})`,
          { outcome },
        );
      const cols: FeatureColumn[] = features.map((name, k) => {
        const text = b.strings[`f${k}`]!;
        return featureText[`f${k}`] === 0
          ? { name, numeric: Float64Array.from(text, (v) => (v === '' ? NaN : Number(v))) }
          : { name, categorical: text };
      });
      const rows = Uint32Array.from(data.arm.reduce<number[]>((acc, a, i) => (a === 0 || a === arm ? (acc.push(i), acc) : acc), []));
      uplift = fitUpliftModel(
        { treated: Uint8Array.from(data.arm, (a) => (a === arm ? 1 : 0)), outcome: data.outcomes[o]!.values, features: cols, rows },
        u,
      );
    }
    const quarantineCounts: Partial<Record<ExperimentQuarantineReason, number>> = {};
    for (const q of quarantine) quarantineCounts[q.reason] = (quarantineCounts[q.reason] ?? 0) + 1;
    if (quarantine.length > 0)
      analysis.warnings.unshift(
        `${quarantine.length.toLocaleString('en-US')} of ${rowsRead.toLocaleString('en-US')} rows quarantined (${Object.entries(
          quarantineCounts,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}); they are left out of every outcome`,
      );
    return {
      file: path,
      armColumn: options.armColumn,
      rowsRead,
      rowsUsed: b.length,
      quarantine,
      quarantineCounts,
      data,
      analysis,
      segments,
      uplift,
    };
  } finally {
    await engine.exec(dropExperimentStageSql()).catch(() => {});
  }
}
