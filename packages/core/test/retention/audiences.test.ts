// Saved audiences (audiences/audiences.ts): stored in the workspace file, listed, replaced, deleted;
// members are the customer table filtered by the audience's rule, checked against a direct query,
// and re-evaluated when new data arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Analysis,
  openWorkspace,
  saveAudience,
  listAudiences,
  getAudience,
  deleteAudience,
  audienceMembers,
  tablePage,
  tableQuerySchema,
  type Engine,
} from '../../src/index.js';
import { dataPath } from '../helpers/read-csv.js';
import { tempDir } from '../helpers/temp-dir.js';

const MAPPING = { mapping: { customer: 'sampleid', quantity: 'cds' } } as const;
let dir: string;
let engine: Engine;
let analysis: Analysis;

before(async () => {
  dir = tempDir('cvm-aud-');
  engine = await openWorkspace({ dir });
  analysis = new Analysis(engine, { validateAt: '1997-09-30' });
  await analysis.ingest(dataPath('cdnow/cdnow_sample_elog.csv'), MAPPING);
});
after(async () => engine?.close());

test('save, list, replace and delete an audience; it survives reopening the workspace', async () => {
  const columns = (await analysis.customerTable()).columns;
  const a = await saveAudience(
    analysis.engine,
    { name: 'gold at risk', filters: ['value_tier:eq:Gold', 'churn_risk:in:medium|high'], description: 'weekly call list' },
    { columns, now: '2026-01-01T00:00:00.000Z' },
  );
  assert.equal(a.replaced, false);
  const b = await saveAudience(
    analysis.engine,
    { name: 'gold at risk', filters: ['value_tier:in:Gold|Silver', 'churn_risk:in:medium|high'] },
    { columns, now: '2026-02-01T00:00:00.000Z' },
  );
  assert.equal(b.replaced, true);
  assert.equal(b.createdAt, '2026-01-01T00:00:00.000Z', 'replacing keeps the creation time');
  await saveAudience(analysis.engine, { name: 'big spenders', filters: ['net_revenue:gte:500'] }, { columns });
  assert.deepEqual(
    (await listAudiences(analysis.engine)).map((x) => x.name),
    ['big spenders', 'gold at risk'],
  );
  assert.deepEqual((await getAudience(analysis.engine, 'gold at risk'))!.filters, [
    'value_tier:in:Gold|Silver',
    'churn_risk:in:medium|high',
  ]);
  assert.equal(await deleteAudience(analysis.engine, 'big spenders'), true);
  assert.equal(await deleteAudience(analysis.engine, 'big spenders'), false);
  // the audiences table lives in the workspace file, not in the connection's temporary tables
  const [t] = await analysis.engine.rows<{ n: number }>(
    "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'audiences' AND NOT temporary",
  );
  assert.equal(Number(t!.n), 1);
});

test('members are the customer table filtered by the rule (checked by a direct query)', async () => {
  const { ids, filter, table } = await audienceMembers(analysis, 'gold at risk');
  const direct = await analysis.engine.rows<{ id: string }>(
    "SELECT customer_id AS id FROM cvm_customers WHERE value_tier IN ('Gold', 'Silver') AND churn_risk IN ('medium', 'high') ORDER BY id",
  );
  assert.ok(ids.length > 0);
  assert.deepEqual([...ids].sort(), direct.map((r) => r.id).sort());
  const page = await tablePage(analysis.engine, table, tableQuerySchema.parse({ filter }));
  assert.equal(page.total, ids.length);
});

test('an audience is a rule: re-evaluated on the current data after an ingest', async () => {
  const columns = (await analysis.customerTable()).columns;
  await saveAudience(analysis.engine, { name: 'new customers', filters: ['lifecycle_stage:eq:new'] }, { columns });
  const before = (await audienceMembers(analysis, 'new customers')).ids;
  const extra = join(dir, 'late.csv');
  writeFileSync(extra, 'masterid,sampleid,date,cds,sales\n0,9101,19980620,1,20.00\n0,9102,19980625,1,30.00\n');
  await analysis.ingest(extra, MAPPING);
  const after = (await audienceMembers(analysis, 'new customers')).ids;
  assert.deepEqual(after.filter((id) => !before.includes(id)).sort(), ['9101', '9102']);
});

test('bad audiences are refused with a typed error that says what to do', async () => {
  const columns = (await analysis.customerTable()).columns;
  await assert.rejects(saveAudience(analysis.engine, { name: '', filters: ['value_tier:eq:Gold'] }), { code: 'bad_audience' });
  await assert.rejects(saveAudience(analysis.engine, { name: 'x', filters: [] }), { code: 'bad_audience' });
  await assert.rejects(saveAudience(analysis.engine, { name: 'x', filters: ['value_tier=Gold'] }), { code: 'bad_audience' });
  await assert.rejects(saveAudience(analysis.engine, { name: 'x', filters: ['no_such_column:eq:1'] }, { columns }), { code: 'bad_filter' });
  await assert.rejects(saveAudience(analysis.engine, { name: 'x', filters: ['net_revenue:gte:lots'] }, { columns }), {
    code: 'bad_filter',
  });
  await assert.rejects(
    audienceMembers(analysis, 'nobody'),
    (e: Error & { code?: string }) => e.code === 'audience_not_found' && /saved: gold at risk, new customers/.test(e.message),
  );
  // a hostile name is data, never SQL
  const odd = await saveAudience(analysis.engine, { name: "x'); DROP TABLE audiences; --", filters: ['value_tier:eq:Gold'] }).catch(
    (e: Error & { code?: string }) => e,
  );
  assert.equal((odd as { code?: string }).code, 'bad_audience');
  assert.ok((await listAudiences(analysis.engine)).length >= 2);
});
