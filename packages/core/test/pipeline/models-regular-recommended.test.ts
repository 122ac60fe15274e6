// When the holdout validation ranks the regular-timing MBG/CNBD-k best, the main job scores with the
// next model in the ranking and says so. Before, it crashed ("Cannot read properties of undefined
// (reading 'label')"): MBG/CNBD-k is validated on the holdout but has no per-customer scoring here.
// The synthetic log of seed 18 (1,000 customers, 30,000 rows, 2021–2023) has regular enough
// purchase timing for the validation to prefer MBG/CNBD-k with the calibration ending 2022-06-30.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ensureWorkspace, ingestFile } from '../../src/transactions/ingest.js';
import { summarize } from '../../src/summary/summary.js';
import { runModelsWithScores } from '../../src/pipeline-models.js';
import { generateSyntheticLog } from '../../bench/synthetic-log.js';
import { tempDir } from '../helpers/temp-dir.js';

test('MBG/CNBD-k ranked best on the holdout: the next model in the ranking scores, with a note saying why', {
  timeout: 180_000,
}, async () => {
  const file = join(tempDir('cvm-regular-'), 'log.csv');
  await generateSyntheticLog(file, { rows: 30_000, customers: 1_000, seed: 18 });
  const engine = createDuckDbEngine();
  try {
    await ensureWorkspace(engine);
    await ingestFile(engine, file, { mapping: { order: 'order_id', customer: 'customer_id', date: 'date', amount: 'amount' } });
    const summary = await summarize(engine, { period: 'week' });
    const { report, scores } = await runModelsWithScores(engine, summary, { period: 'week', validateAt: '2022-06-30' });
    const ranking = report.validation!.comparison;
    assert.equal(ranking.recommended, 'mbg-cnbd-k', 'the case under test: the validation prefers the regular-timing model');
    assert.notEqual(report.model, null, 'a model scored the customers');
    assert.notEqual(report.model, 'mbg-cnbd-k');
    assert.equal(scores!.model, report.model);
    assert.equal(scores!.clv.length, summary.length);
    // the model used is the best-ranked acceptable one after MBG/CNBD-k
    const acceptable = report
      .validation!.models.filter(
        (v) => v.model !== 'mbg-cnbd-k' && v.fit.converged && v.verdict !== 'poor' && v.assessment.trust !== 'unreliable',
      )
      .sort((a, b) => a.mae - b.mae);
    assert.equal(report.model, acceptable[0]!.model);
    assert.ok(
      report.notes.some((n) => /ranked MBG\/CNBD-k best, but cvm cannot yet score every customer with it/.test(n)),
      report.notes.join(' | '),
    );
  } finally {
    await engine.close();
  }
});
