import {
  fitGammaGammaInDatabase,
  InputError,
  isClickHouseEngine,
  openWorkspace,
  readSummaryFile,
  summarize,
  summarizePatterns,
  type DatabaseGammaGammaFit,
  type Engine,
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
  /**
   * The Gamma-Gamma fit already made where the data lives (ClickHouse, `fitGammaGammaInDatabase`); the
   * columns are then empty.
   */
  spendFit?: DatabaseGammaGammaFit;
}

export const MODEL_INPUT_OPTIONS = {
  summary: { type: 'boolean' as const },
  'weight-col': { type: 'string' as const },
};

/**
 * The model input a command needs. With `patterns` (a fit, which needs no customer ids) on a
 * ClickHouse workspace, the count models' sufficient statistics come grouped from the cluster
 * (distinct (x, t_x, T) with customer counts as weights) instead of one row per customer, and the
 * spend model (`needs` mx) is fitted on the shards (`spendFit`: sums per distinct x, no row per
 * customer or per (x, m_x) read).
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
      if (needs.includes('mx')) {
        progress.stage('fitting gamma-gamma on the shards');
        const spendFit = await fitGammaGammaInDatabase(engine, summaryOptions);
        const none = new Float64Array(0);
        return { ids: [], x: none, tx: none, T: none, mx: none, n: null, weights: undefined, period: spendFit.period, source, spendFit };
      }
      progress.stage('grouping (x, t_x, T) patterns on the cluster');
      const p = await summarizePatterns(engine, summaryOptions);
      return { ids: [], x: p.x, tx: p.tx, T: p.T, mx: null, n: null, weights: p.weights, period: p.period, source };
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
