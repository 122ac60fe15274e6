// issue 16 in a real browser: after an events batch is refreshed incrementally, the footer says that
// some figures still reflect the previous data version and which version the model parameters were
// fitted at, as the API's X-Cvm-Reflects-Version and X-Cvm-Fit-Version headers say; after a re-fit
// on demand both sentences are gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingestFile, openWorkspace, type Engine } from '@cvm/core';
import { startServer } from '@cvm/server';
import type { BrowserContext } from 'playwright-core';
import { ROOT, SKIP, ensureBuilt, launch, tempDir } from './browser.js';

let engine: Engine;
let server: { url: string; close(): Promise<void> };
let browser: BrowserContext;

before(async () => {
  if (SKIP) return;
  ensureBuilt();
  engine = await openWorkspace();
  await ingestFile(engine, join(ROOT, 'data/cdnow/cdnow_sample_elog.csv'), { mapping: { customer: 'sampleid', quantity: 'cds' } });
  server = await startServer(engine, { port: 0, uploadDir: tempDir() });
  browser = await launch();
});
after(async () => {
  if (SKIP) return;
  await browser.close();
  await server.close();
  await engine.close();
});

const BATCH = [
  { customer: '5', date: '1998-07-11', amount: 14.99 },
  { customer: '99999', date: '1998-07-05', amount: 20 },
]
  .map((e) => JSON.stringify(e))
  .join('\n');

async function footerOf(path: string): Promise<string> {
  const page = await browser.newPage();
  await page.goto(`${server.url}#/${path}`);
  await page.waitForSelector('main[data-ready]', { timeout: 120_000 });
  await page.waitForSelector('[data-role=model][data-status=ok]', { timeout: 120_000 });
  const text = (await page.textContent('[data-role=data-stamp]')) ?? '';
  await page.close();
  return text;
}

test('the footer says what an incremental refresh carried over and which fit the scores use', {
  skip: SKIP,
  timeout: 300_000,
}, async () => {
  assert.doesNotMatch(await footerOf('customer/5'), /still reflect|fitted at/, 'nothing carried over before new data');
  const posted = await fetch(`${server.url}api/events?customer_col=customer&date_col=date&amount_col=amount`, {
    method: 'POST',
    body: BATCH,
    headers: { 'content-type': 'application/x-ndjson' },
  });
  const body = (await posted.json()) as { dataVersion: number; refresh: { mode: string } | null };
  assert.equal(body.refresh?.mode, 'incremental', JSON.stringify(body.refresh));
  // what the API says for the drill-down's own answers
  const model = await fetch(`${server.url}api/customers/5/model`);
  const fit = model.headers.get('x-cvm-fit-version');
  assert.ok(fit !== null && Number(fit) < body.dataVersion, `the model answer cites the earlier fit (${fit})`);
  const after = await footerOf('customer/5');
  assert.match(after, new RegExp(`^Data version ${body.dataVersion}, `));
  assert.match(after, new RegExp(`Model parameters fitted at data version ${fit}\\.`));
  const history = await fetch(`${server.url}api/customers/5/segments`);
  const reflects = history.headers.get('x-cvm-reflects-version');
  assert.ok(reflects !== null && Number(reflects) < body.dataVersion, `the segment history is carried over (${reflects})`);
  assert.match(after, new RegExp(`Some figures still reflect data version ${reflects} \\(carried over by an incremental refresh`));
  const refit = await fetch(`${server.url}api/refit`, { method: 'POST' });
  assert.equal(refit.status, 200);
  assert.doesNotMatch(await footerOf('customer/5'), /still reflect|fitted at/, 'a re-fit brings every figure to the data version');
});
