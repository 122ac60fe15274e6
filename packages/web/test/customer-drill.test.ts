// Issue 19 in a real browser: the customer drill-down draws its tables from the core specs the API
// serves (profile record, purchases per day, segment history), with every spec column; and the
// new migration tables (row %, value moved) and segment tables (RFM cut points, tier × lifecycle)
// are drawn from theirs. The API's copies are checked against the core declarations themselves, so a
// column dropped anywhere between core and the page fails here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { customerPurchasesTable, customerSegmentHistorySpec, rfmCutPointsSpec } from '@cvm/core';
import { SKIP, sampleDashboard, type SampleDashboard } from './browser.js';
import { assertSpecHeaders } from './spec-headers.js';
import type { ApiCustomer, ApiCustomerSegments, ApiCustomersPage, ApiMigration, ApiSegments } from '@cvm/core/api';

let dashboard: SampleDashboard | undefined;
before(async () => {
  if (SKIP) return;
  dashboard = await sampleDashboard();
});
after(async () => {
  await dashboard?.close();
});

const apiJson = async <T>(path: string): Promise<T> => (await fetch(`${dashboard!.server.url}${path.slice(1)}`)).json() as Promise<T>;
const keys = (columns: readonly { key: string }[]): string[] => columns.map((c) => c.key);

test('customer drill-down: profile, purchases and segment history headed by the core specs, every column drawn', {
  skip: SKIP,
  timeout: 300_000,
}, async () => {
  const id = '1';
  const c = await apiJson<ApiCustomer>(`/api/customers/${id}`);
  const s = await apiJson<ApiCustomerSegments>(`/api/customers/${id}/segments`);
  const list = await apiJson<ApiCustomersPage>('/api/customers?pageSize=1');
  assert.ok(c.status === 'ok' && s.status === 'ok');
  // the API's copies carry every column the core declares
  assert.deepEqual(keys(c.tables.purchases.columns), keys(customerPurchasesTable.columns));
  assert.deepEqual(keys(s.tables.history.columns), keys(customerSegmentHistorySpec.columns));
  assert.deepEqual(keys(c.tables.profile.columns), keys(list.columns));
  const page = await dashboard!.browser.newPage();
  await page.goto(`${dashboard!.server.url}#/customer/${id}`);
  await page.waitForSelector('[data-role=segment-history][data-status=ok]', { timeout: 180_000 });
  await assertSpecHeaders(page, 'segment-history', s.tables.history);
  await assertSpecHeaders(page, 'purchases', c.tables.purchases);
  // the record: one row per column of the customer table, labelled by the spec, each cell keyed by the column
  const record = await page.$$eval('table[data-table=customer] tbody tr', (trs) =>
    trs.map((tr) => ({
      label: tr.querySelector('th')?.firstChild?.textContent ?? '',
      col: tr.querySelector('td')?.getAttribute('data-col'),
    })),
  );
  assert.deepEqual(
    record,
    list.columns.map((col) => ({ label: col.label, col: col.key })),
  );
  // each history row's cells are the spec's columns, the raw values of the API's table
  const cells = await page.$$eval('table[data-table=segment-history] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-col'))),
  );
  assert.equal(cells.length, s.history.length);
  for (const row of cells) assert.deepEqual(row, keys(customerSegmentHistorySpec.columns));
  assert.equal(await page.textContent('[data-role=segment-history] p.rule'), s.rule.replace(/\bcurrency\b/g, 'USD'));
  await page.close();
});

test('migration and segments pages draw row %, value moved, RFM cut points and tier × lifecycle from the core tables', {
  skip: SKIP,
  timeout: 300_000,
}, async () => {
  const m = await apiJson<ApiMigration>('/api/migration');
  const seg = await apiJson<ApiSegments>('/api/segments');
  assert.ok(m.status === 'ok' && seg.status === 'ok');
  assert.deepEqual(keys(seg.tables.rfmCutPoints.columns), keys(rfmCutPointsSpec.columns));
  const page = await dashboard!.browser.newPage();
  await page.goto(`${dashboard!.server.url}#/migration`);
  await page.waitForSelector('main[data-ready] table[data-table=row-share]', { timeout: 180_000 });
  await assertSpecHeaders(page, 'row-share', m.tables.rowShare);
  await assertSpecHeaders(page, 'value-moved', m.tables.valueMoved);
  await page.goto(`${dashboard!.server.url}#/segments`);
  await page.waitForSelector('main[data-ready] table[data-table=rfm-cut-points]', { timeout: 180_000 });
  await assertSpecHeaders(page, 'rfm-cut-points', seg.tables.rfmCutPoints);
  await assertSpecHeaders(page, 'tier-lifecycle', seg.tables.tierLifecycle);
  await page.close();
});
