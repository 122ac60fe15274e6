import {
  InputError,
  isClickHouseEngine,
  openWorkspace,
  readSummaryFile,
  summarize,
  summarizePatterns,
  summarizeSpendPatterns,
  type Engine,
  type SummaryOptions,
} from '@cvm/core';
import { ingestOptionsOf, stringOf, summaryOptionsOf, type Values } from './args.js';
import type { Progress } from './progress.js';
import { ONE_SHOT_MEMORY_LIMIT, openSource } from './source.js';

/** Per-customer model input: from a transaction log (summarised) or a summary file (`--summary`). */
export interface ModelInput {
  ids: string[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  mx: Float64Array | null;
  n: Float64Array | null;
  weights: Float64Array | undefined;
  /** Time unit of tx and T, when known. */
  period: 'day' | 'week' | 'as given';
  source: string;
}

export const MODEL_INPUT_OPTIONS = {
  summary: { type: 'boolean' as const },
  'weight-col': { type: 'string' as const },
};

/**
 * The model input a command needs. With `patterns` (a fit, which needs no customer ids) on a
 * ClickHouse workspace, the sufficient statistics come grouped from the cluster (distinct (x, t_x, T),
 * or (x, m_x) for the spend model, with customer counts as weights) instead of one row per customer.
 */
export async function loadModelInput(
  values: Values,
  positionals: string[],
  needs: ('tx' | 'T' | 'mx' | 'n')[],
  progress: Progress,
  options: { patterns?: boolean } = {},
): Promise<ModelInput> {
  if (values.summary === true) {
    if (positionals.length !== 1) throw new InputError('bad_usage', '--summary needs exactly one summary FILE', {});
    const engine: Engine = await openWorkspace();
    try {
      const s = await readSummaryFile(engine, positionals[0]!, ['x', ...needs], stringOf(values['weight-col']));
      const c = s.columns;
      return {
        ids: s.ids,
        x: c.x!,
        tx: c.tx ?? new Float64Array(s.length),
        T: c.T ?? new Float64Array(s.length),
        mx: c.mx ?? null,
        n: c.n ?? null,
        weights: c.weights,
        period: 'as given',
        source: positionals[0]!,
      };
    } finally {
      await engine.close();
    }
  }
  const summaryOptions = summaryOptionsOf(values);
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress, {
    readOnly: true,
    memoryLimit: ONE_SHOT_MEMORY_LIMIT,
  });
  try {
    const source = positionals[0] ?? stringOf(values.workspace) ?? stringOf(values.engine)!;
    if (options.patterns === true && isClickHouseEngine(engine)) {
      progress.stage('grouping (x, t_x, T) patterns on the cluster');
      const p = await patternInput(engine, summaryOptions, needs.includes('mx'), source);
      if (p !== null) return p;
    }
    progress.stage('summarising');
    const s = await summarize(engine, summaryOptions);
    return {
      ids: s.customerId,
      x: s.frequency,
      tx: s.recency,
      T: s.T,
      mx: s.monetaryValue,
      n: null,
      weights: undefined,
      period: s.period,
      source,
    };
  } finally {
    await engine.close();
  }
}

/**
 * Weighted patterns as model input (no ids), or null for a spend fit where a repeat buyer's repeat
 * purchases average 0: the spend fit names those customers, so the caller reads the summary then.
 */
async function patternInput(engine: Engine, o: SummaryOptions, spend: boolean, source: string): Promise<ModelInput | null> {
  if (spend) {
    const p = await summarizeSpendPatterns(engine, o);
    for (let i = 0; i < p.x.length; i++) if (p.x[i]! > 0 && p.mx[i] === 0) return null;
    const n = p.x.length;
    const zeros = new Float64Array(n);
    return { ids: [], x: p.x, tx: zeros, T: zeros, mx: p.mx, n: null, weights: p.weights, period: o.period ?? 'week', source };
  }
  const p = await summarizePatterns(engine, o);
  return { ids: [], x: p.x, tx: p.tx, T: p.T, mx: null, n: null, weights: p.weights, period: p.period, source };
}
