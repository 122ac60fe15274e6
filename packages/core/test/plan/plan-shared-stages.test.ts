// The plan's stages share one summary, one P&L and one index of the summary's ids (issue 15's 1M
// benchmark). Each shared path is compared here with the path it replaced, which the code keeps for
// other callers: the segmentation on the overview's summary (weeks, scores by position) against the
// one on its own summary in days with the scores looked up by id; acquisition on the analysis's P&L
// against acquisition computing its own; unit economics against a brute-force search by id; the
// look-alike stage's section (built on first read) against lookalikeSection of its report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Analysis } from '../../src/analysis/analysis.js';
import { acquisitionStage, lookalikeStage } from '../../src/analysis/growth-stages.js';
import { acquisitionReport } from '../../src/acquisition/acquisition.js';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { lookalikeSection } from '../../src/lookalikes/lookalike-section.js';
import { segmentWithScores } from '../../src/pipeline-segments.js';
import { loadCostModel } from '../../src/profitability/cost-model.js';
import { unitEconomicsFor } from '../../src/profitability/profit-clv.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { openWorkspace } from '../../src/workspace.js';
import { tempDir } from '../helpers/temp-dir.js';

/** JSON of a value with typed arrays as plain arrays and the computation times left out. */
const json = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v, (k, x) =>
      k === 'computedAt' ? undefined : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x,
    ),
  );

test('the demo business: shared summary, P&L and id index give the same stages as the paths they replace', async () => {
  const dir = tempDir();
  generateDemoBusiness(dir, { customers: 1500, seed: 5 });
  const e = await openWorkspace({});
  try {
    await ingestFile(e, join(dir, 'transactions.csv'));
    for (const [kind, file] of [
      ['customers', 'customers.csv'],
      ['spend', 'marketing-spend.csv'],
    ] as const)
      await ingestInputFile(e, kind, join(dir, file));
    await ingestInputFile(e, 'prospects', join(dir, 'prospects.csv'));
    const costModel = await loadCostModel(join(dir, 'cost-model.yaml'));
    const a = new Analysis(e, { costModel });
    const { summary } = await a.overview();
    const models = await a.models();
    assert.equal(models.status, 'ok', 'the demo is scored');
    if (models.status !== 'ok') return;

    // segmentation: the analysis's (overview summary in weeks, scores by position) against a summary in
    // days of its own with the scores looked up by id (a copy of the id array forces the lookup)
    const seg = await a.segmentation();
    assert.equal(seg.customerId, summary.customerId, 'the segmentation is on the overview summary');
    const own = await segmentWithScores(e, {
      asOf: summary.calibrationEnd,
      scores: { ...models.scores, customerId: [...models.scores.customerId] },
    });
    assert.notEqual(own.customerId, summary.customerId);
    assert.deepEqual(json({ ...seg, history: null }), json({ ...own, history: null }));
    assert.deepEqual(json(seg.history.prevPurchase), json(own.history.prevPurchase));

    // unit economics in a shuffled order with unknown ids, against a search by id
    const profit = (await a.profitability())!.result;
    const ids = [...summary.customerId].reverse().concat(['no-such-customer']);
    const ue = unitEconomicsFor(profit, ids);
    const c = profit.customers;
    ids.forEach((id, j) => {
      const i = c.customerId.indexOf(id);
      const ok = i >= 0 && c.orders[i]! > 0 && c.netRevenue[i]! > 0;
      assert.equal(ue.marginRate[j], ok ? c.grossMargin[i]! / c.netRevenue[i]! : ue.overall.marginRate, `margin rate of ${id}`);
      assert.equal(
        ue.costPerTransaction[j],
        ok ? c.costToServe[i]! / c.orders[i]! : ue.overall.costPerTransaction,
        `cost per order of ${id}`,
      );
    });

    // acquisition on the analysis's P&L against acquisition computing the P&L itself
    const options = { cohort: 'month', by: 'channel', attribution: 'file-then-first-order', bootstrap: 200 } as const;
    const shared = await acquisitionStage(a, options);
    assert.equal(shared.status, 'ok');
    if (shared.status !== 'ok') return;
    const alone = await acquisitionReport(e, { ...options, summary, models, costModel });
    assert.deepEqual(json(shared.report), json(alone));

    // look-alikes: the section built on first read is the section of the report
    const look = await lookalikeStage(a, {});
    assert.equal(look.status, 'ok');
    if (look.status !== 'ok') return;
    assert.deepEqual(json(look.section), json(lookalikeSection(look.report)));
    assert.equal(look.section, look.section, 'built once');
    const limited = await lookalikeStage(a, { limit: 5 });
    assert.ok(limited.status === 'ok' && limited.section.tables.some((t) => t.rows.length <= 5));
  } finally {
    await e.close();
  }
});
