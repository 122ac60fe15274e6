// What a served workspace does when another writer ingests into it (issue 16), on any engine: the
// writer is a callback (on the 2-shard cluster the real `cvm ingest` binary in a second process; on
// chDB and DuckDB the core's ingest on the same database, bypassing the server). Checked against a
// full recompute of the same engine's data: the new customer appears, counts and scores match.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreWithFit, summarize, type Engine } from '@cvm/core';
import { assertClose } from '../../core/test/helpers/assert-close.js';
import { noticeOtherIngests, type createApp } from '../src/index.js';
import { tempDir } from './helpers.js';

/** Another process's writes: a log file (same path again replaces it) and an input file. */
export interface OtherWriter {
  log(path: string): Promise<void>;
  surveys(path: string): Promise<void>;
}

/** 99999 is new (two purchases), 5 buys again, 1 returns its 1997-12-12 purchase. */
const BATCH = 'customer,date,amount\n99999,1998-07-05,20\n99999,1998-07-12,31.25\n5,1998-07-11,14.99\n1,1998-07-10,-26.48\n';
/** The same path with different content: customer 99999 gone again, 77777 new. */
const REPLACED = 'customer,date,amount\n77777,1998-07-05,42\n5,1998-07-11,14.99\n';

/**
 * Runs the check on a warmed app over `engine` (holding the CDNOW sample, nothing else; on DuckDB
 * the app's own serial engine, so that the fresh computations queue behind the background warm-up):
 * returns the log lines the look for other ingests wrote.
 */
export async function checkNoticedIngests(app: ReturnType<typeof createApp>, engine: Engine, writer: OtherWriter): Promise<string[]> {
  const logged: string[] = [];
  const log = (l: string): number => logged.push(l);
  const request = async (url: string) => {
    const res = await app.request(url);
    // biome-ignore lint/suspicious/noExplicitAny: the customer, overview, health and feedback answers read field by field, as getJson does
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };
  await app.warm();
  const fit = await app.state.scoringFit();
  assert.ok(fit);
  const v0 = (await request('/api/health')).body.dataVersion as number;
  assert.equal(await noticeOtherIngests(app, log), null, 'nothing changed yet');
  assert.equal((await request('/api/customers/99999')).status, 404);

  const dir = tempDir();
  const batch = join(dir, 'batch.csv');
  writeFileSync(batch, BATCH);
  await writer.log(batch);
  // the server has not looked yet: still the old data (the gap the look closes)
  assert.equal((await request('/api/customers/99999')).status, 404, 'not seen before the look');
  assert.equal((await request('/api/health')).body.dataVersion, v0);

  const r = await noticeOtherIngests(app, log);
  assert.equal(r?.mode, 'incremental', JSON.stringify(r));
  const v1 = (await request('/api/health')).body.dataVersion as number;
  assert.ok(v1 > v0, `data version moved from ${v0} to ${v1}`);
  const full = await summarize(engine, {});
  const scores = scoreWithFit(fit, full);
  for (const id of ['99999', '5', '1', '7']) {
    const a = await request(`/api/customers/${id}`);
    assert.equal(a.status, 200, `${id}: ${JSON.stringify(a.body)}`);
    const i = full.customerId.indexOf(id);
    assert.ok(i >= 0, `${id} in the full summary`);
    assert.equal(a.body.customer.frequency, full.frequency[i], `frequency of ${id}`);
    assert.equal(a.body.customer.T, full.T[i], `T of ${id}`);
    assert.equal(a.body.customer.transactions, full.transactions[i], `transactions of ${id}`);
    assertClose(a.body.customer.net_revenue, full.netRevenue[i]!, 0.005, `net revenue of ${id}`);
    assertClose(a.body.customer.clv, scores.clv[i]!, 1e-9, `CLV of ${id}`, true);
    assert.equal(a.headers.get('X-Cvm-Data-Version'), String(v1));
    assert.equal(a.headers.get('X-Cvm-Reflects-Version'), String(fit.dataVersion), 'the rest of the table is the older version');
  }
  const overview = (await request('/api/overview')).body.overview;
  assert.equal(overview.customers, full.length, 'customers in the overview = a fresh count');
  assert.equal(await noticeOtherIngests(app, log), null, 'seen once only');

  // the same path with new content: rows removed too, so every stage is recomputed
  writeFileSync(batch, REPLACED);
  await writer.log(batch);
  const replaced = await noticeOtherIngests(app, log);
  assert.equal(replaced?.mode, 'full', JSON.stringify(replaced));
  assert.match(replaced.mode === 'full' ? replaced.reason : '', /replaced/);
  const again = await summarize(engine, {});
  assert.equal((await request('/api/overview')).body.overview.customers, again.length);
  assert.equal((await request('/api/customers/99999')).status, 404, 'the replaced file took 99999 away');
  const c = await request('/api/customers/77777');
  assert.equal(c.status, 200);
  const v2 = (await request('/api/health')).body.dataVersion as number;
  assert.ok(v2 > v1);
  assert.equal(c.headers.get('X-Cvm-Reflects-Version'), String(v2), 'recomputed on the current data');

  // a survey file stored by the other process: every stage recomputed, the feedback reads it
  assert.equal((await request('/api/feedback')).body.status, 'not_computed');
  const surveys = join(dir, 'surveys.csv');
  const rows = Array.from({ length: 40 }, (_, k) => `${k + 1},1998-01-15,${k % 11},${(k % 5) + 1}`);
  writeFileSync(surveys, `customer_id,response_date,nps,csat\n${rows.join('\n')}\n`);
  await writer.surveys(surveys);
  const input = await noticeOtherIngests(app, log);
  assert.equal(input?.mode, 'full');
  assert.match(input.mode === 'full' ? input.reason : '', /input file/);
  const feedback = (await request('/api/feedback')).body;
  assert.equal(feedback.status, 'ok', JSON.stringify(feedback).slice(0, 300));
  assert.equal(feedback.report.responses.total, 40);
  assert.equal(await noticeOtherIngests(app, log), null);
  await app.warm(); // the look's background warm-up, finished before the caller closes the engine
  return logged;
}
