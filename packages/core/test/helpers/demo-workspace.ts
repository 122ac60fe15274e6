import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoBusiness, type DemoReport } from '../../src/demo/demo.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { summarize, type CustomerSummary } from '../../src/summary/summary.js';
import { runModelsWithScores, type ModelScores, type ModelsReport } from '../../src/pipeline.js';
import type { Engine } from '../../src/engine/engine.js';
import { tempDir } from './temp-dir.js';

/** The part of truth.json (see core/src/demo/demo-truth-doc.ts) the tests read through this helper. */
export interface DemoTruth {
  channelValue: { orderByGrossMargin: string[] };
  [key: string]: unknown;
}

export interface DemoWorkspace {
  demo: DemoReport;
  dir: string;
  engine: Engine;
  summary: CustomerSummary;
  models: { report: ModelsReport; scores: ModelScores | null };
  /** truth.json: the generator's true parameters. */
  truth: DemoTruth;
}

/** Generates a demo business in a temp dir and loads it (log, customers, spend, prospects) with its summary and fitted models. */
export async function demoWorkspace(customers: number, seed: number, signal = true): Promise<DemoWorkspace> {
  const dir = tempDir('cvm-demo-');
  const demo = generateDemoBusiness(dir, { customers, seed, signal });
  const engine = await openWorkspace({});
  await ingestFile(engine, join(dir, 'transactions.csv'));
  await ingestInputFile(engine, 'customers', join(dir, 'customers.csv'));
  await ingestInputFile(engine, 'spend', join(dir, 'marketing-spend.csv'));
  await ingestInputFile(engine, 'prospects', join(dir, 'prospects.csv'));
  const summary = await summarize(engine, {});
  const models = await runModelsWithScores(engine, summary, { period: 'week' });
  return { demo, dir, engine, summary, models, truth: JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as DemoTruth };
}
