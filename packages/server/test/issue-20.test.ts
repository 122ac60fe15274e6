// Issue #20 on the server side: a tiny log (3 rows) serves every report it can with a clear state
// instead of a 500; `cvm serve` on an all-rejected log keeps serving; short tokens are refused on a
// public bind; the migration's downgrade counts agree with its matrix; tiers come in tier order.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, ingestFile, openWorkspace } from '@cvm/core';
import { checkBinding, createApp } from '../src/index.js';
import { getJson, ROOT, sampleApp, tempDir } from './helpers.js';
import type { ApiDataSources, ApiGroupProfit, ApiMigration, ApiOk, ApiValue } from '@cvm/core/api';

type Downgrade = ApiOk<ApiMigration>['downgrades']['rows'][number];

const TINY = 'customer_id,date,amount\nA,2024-01-01,10\nA,2024-02-01,20\nB,2024-01-05,5\n';

const tinyEngine = await openWorkspace();
const tinyFile = join(tempDir(), 'tiny.csv');
writeFileSync(tinyFile, TINY);
await ingestFile(tinyEngine, tinyFile);
const tiny = createApp(tinyEngine, { webDir: null, uploadDir: tempDir() });
const sample = await sampleApp({ validateAt: '1997-09-30', costs: join(ROOT, 'data/cdnow/cost-model.example.yaml') });
after(async () => {
  await tinyEngine.close();
  await sample.engine.close();
});

test('a 3-row log: the drill-down and its segment history answer (no 500), the Lorenz curve starts at (0, 0)', async () => {
  const c = await getJson(tiny, '/api/customers/A');
  assert.equal(c.status, 200, JSON.stringify(c.body));
  const s = await getJson(tiny, '/api/customers/A/segments');
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.ok(Array.isArray(s.body.history));
  const v = await getJson(tiny, '/api/value');
  assert.equal(v.status, 200);
  assert.deepEqual(v.body.lorenz[0], { customerShare: 0, valueShare: 0 });
  // independent: A holds 30 of 35, so the top half of the customers holds 30/35
  assert.deepEqual(
    v.body.lorenz.map((p: ApiValue['lorenz'][number]) => [p.customerShare, p.valueShare]),
    [
      [0, 0],
      [0.5, 30 / 35],
      [1, 1],
    ],
  );
  // the models cannot be fitted on two customers: a not-computed state, not a crash
  const m = await getJson(tiny, '/api/models');
  assert.ok(m.status < 500, JSON.stringify(m.body));
});

test('tokens shorter than 16 characters are refused on a public bind; loopback needs none', () => {
  assert.throws(
    () => checkBinding('0.0.0.0', 'short-token'),
    (e: unknown) => e instanceof InputError && e.code === 'token_too_short' && /at least 16/.test(e.message),
  );
  assert.equal(checkBinding('0.0.0.0', 'a'.repeat(16)), '0.0.0.0');
  assert.equal(checkBinding('127.0.0.1', 'x'), '127.0.0.1');
});

test('migration: tier downs and "into at risk, same tier" are counted apart; tier downs are moves in the matrix', async () => {
  const { status, body } = await getJson(sample.app, '/api/migration?from=1997-12-31&to=1998-03-31&by=tier');
  assert.equal(status, 200, JSON.stringify(body));
  const d = body.downgrades;
  // the two lists partition the downgrades: a tier down (possibly also into at risk) or only into at risk
  assert.equal(d.tierDown + d.intoAtRiskOnly, d.count);
  // recomputed from the rows (all listed: fewer than 200 on the sample)
  assert.ok(d.count <= d.shown || d.shown === 200);
  if (d.shown === d.count) {
    assert.equal(d.tierDown, d.rows.filter((r: Downgrade) => r.fromTier !== r.toTier).length);
    assert.equal(d.intoAtRiskOnly, d.rows.filter((r: Downgrade) => r.fromTier === r.toTier).length);
  }
  // every tier down is an off-diagonal cell of the tier matrix, so it cannot exceed "changed state"
  assert.ok(d.tierDown <= body.moved, `${d.tierDown} tier downs > ${body.moved} moved`);
  const order = ['Platinum', 'Gold', 'Silver', 'Bronze'];
  for (const r of d.rows.filter((x: Downgrade) => x.reason.startsWith('tier down')))
    assert.ok(order.indexOf(r.toTier) > order.indexOf(r.fromTier), JSON.stringify(r));
});

test("profitability by tier in tier order; cohorts say the log's first day", async () => {
  const p = await getJson(sample.app, '/api/profitability');
  assert.deepEqual(
    p.body.byTier.map((g: ApiGroupProfit) => g.group),
    ['Platinum', 'Gold', 'Silver', 'Bronze'],
  );
  const w = await getJson(sample.app, '/api/cohorts?by=week');
  assert.equal(w.body.firstDate, '1997-01-01');
  assert.equal(w.body.overall.rows[0].start, '1996-12-30', 'the ISO week of 1997-01-01 starts on Monday 1996-12-30');
});

test('cvm serve on a log whose every row is rejected prints why and serves the dashboard (Data page explains)', {
  timeout: 120_000,
}, async () => {
  const bad = join(tempDir(), 'bad.csv');
  writeFileSync(bad, 'customer_id,date,amount\n,2024-01-01,10\nA,notadate,20\n');
  const child = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/cvm.js'), 'serve', bad, '--port', '0', '--format', 'table'], {
    env: { ...process.env, TZ: 'UTC', CVM_TOKEN: '', CVM_NO_SERVE: '' },
  });
  let out = '',
    err = '';
  child.stderr.on('data', (b) => {
    err += b;
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b) => {
        out += b;
        const m = /cvm dashboard: (http:\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    assert.match(err, /All 2 rows .* were rejected/);
    assert.match(err, /serving the dashboard anyway/);
    const sources = (await (await fetch(`${url}api/data/sources`)).json()) as ApiDataSources;
    assert.equal(sources.sources[0].rows_accepted, 0);
    assert.deepEqual(sources.quarantineByReason.map((r) => r.reason).sort(), ['missing_customer_id', 'unparseable_date']);
    const overview = await fetch(`${url}api/overview`);
    assert.ok(overview.status < 500, `overview answered ${overview.status}`);
  } finally {
    child.kill('SIGTERM');
  }
});

test("the currency of amounts: --currency, else the cost model's, else null", async () => {
  assert.deepEqual((await getJson(sample.app, '/api/settings')).body, { status: 'ok', currency: 'USD', source: 'cost model' });
  assert.equal((await getJson(tiny, '/api/settings')).body.currency, null);
  const euro = createApp(tinyEngine, { webDir: null, uploadDir: tempDir(), currency: '€' });
  assert.deepEqual((await getJson(euro, '/api/settings')).body, { status: 'ok', currency: '€', source: 'option' });
});
