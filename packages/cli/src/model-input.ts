import { InputError, openWorkspace, readSummaryFile, summarize, type Engine } from '@cvm/core';
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

export async function loadModelInput(
  values: Values,
  positionals: string[],
  needs: ('tx' | 'T' | 'mx' | 'n')[],
  progress: Progress,
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
      source: positionals[0] ?? stringOf(values.workspace)!,
    };
  } finally {
    await engine.close();
  }
}
