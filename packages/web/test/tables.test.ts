// Issue 19 in a real browser on the bundled sample: every table of the dashboard comes from one
// renderer (packages/web/src/table.ts), so every table on every page keeps the same contract:
// a name (data-table), a caption or a labelled scroll box, column headers with scope and the
// column key, every cell's data-col naming one of its table's columns, money units that name the
// server's currency, numbers right-aligned with their raw value, and core tables' text equal to
// core's formatValue of the raw value (what the CLI prints).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { SKIP, sampleDashboard, type SampleDashboard } from './browser.js';
import { assertSpecHeaders } from './spec-headers.js';
import type { ApiReportTable } from '@cvm/core/api';

let dashboard: SampleDashboard | undefined;
before(async () => {
  if (SKIP) return;
  dashboard = await sampleDashboard();
});
after(async () => {
  await dashboard?.close();
});

/** Pages with tables of every kind: paged (customers), core report tables (models, retention, plan), page tables (segments, profitability, migration, cohorts), a record (customer/1), data. */
const PAGES = ['plan', 'models', 'segments', 'migration', 'cohorts', 'profitability', 'retention', 'customers', 'customer/1', 'data'];

interface TableFacts {
  name: string | null;
  named: boolean;
  heads: { scope: string | null; col: string | null; unit: string }[];
  cellCols: string[];
  numWithoutValue: number;
}

async function tablesOf(page: Page): Promise<TableFacts[]> {
  return page.$$eval('main table', (tables) =>
    tables.map((t) => {
      const box = t.closest('[role=region]');
      return {
        name: t.getAttribute('data-table'),
        named: (t.querySelector('caption')?.textContent ?? '') !== '' || (box?.getAttribute('aria-label') ?? '') !== '',
        heads: [...t.querySelectorAll('th')].map((th) => ({
          scope: th.getAttribute('scope'),
          col: th.getAttribute('data-col'),
          unit: th.querySelector('.unit')?.textContent ?? '',
        })),
        cellCols: [...t.querySelectorAll('tbody td[data-col]')].map((td) => td.getAttribute('data-col')!),
        numWithoutValue: t.querySelectorAll('tbody td.num:not([data-value])').length,
      };
    }),
  );
}

test('every table on every page keeps the one renderer’s contract', { skip: SKIP, timeout: 900_000 }, async () => {
  const page = await dashboard!.browser.newPage();
  for (const path of PAGES) {
    await page.goto(`${dashboard!.server.url}#/${path}`);
    await page.waitForSelector('main[data-ready] table', { state: 'attached', timeout: 180_000 });
    await page.waitForLoadState('networkidle');
    const tables = await tablesOf(page);
    assert.ok(tables.length > 0, `${path}: no table`);
    for (const t of tables) {
      const where = `${path} table ${t.name}`;
      assert.ok(t.name, `${path}: a table without data-table`);
      assert.ok(t.named, `${where}: neither a caption nor a labelled scroll box`);
      for (const th of t.heads) {
        assert.ok(th.scope === 'col' || th.scope === 'row', `${where}: a header without scope`);
        if (th.scope === 'col') assert.ok(th.col, `${where}: a column header without data-col`);
        assert.doesNotMatch(th.unit, /currency of the log|the log's currency/, `${where}: a money unit that does not name USD`);
      }
      const cols = new Set(t.heads.map((x) => x.col));
      for (const c of new Set(t.cellCols))
        if (t.heads.some((x) => x.scope === 'col')) assert.ok(cols.has(c), `${where}: cell column ${c} has no header`);
      assert.equal(t.numWithoutValue, 0, `${where}: right-aligned numbers without data-value`);
    }
  }
  // a core report table's cells are core's formatValue of the raw value (the CLI's text): the model comparison
  const { formatValue } = await import('@cvm/core/report');
  await page.goto(`${dashboard!.server.url}#/models`);
  await page.waitForSelector('main[data-ready] table[data-table=comparison] tbody tr', { timeout: 180_000 });
  const kinds = await page.$$eval('table[data-table=comparison] th', (ths) => ths.map((th) => th.getAttribute('data-col')));
  const answer = (await (await fetch(`${dashboard!.server.url}api/models`)).json()) as {
    comparison: { columns: { key: string; kind: Parameters<typeof formatValue>[1] }[] };
  };
  const columns = answer.comparison.columns;
  assert.deepEqual(
    kinds,
    columns.map((c) => c.key),
  );
  const cells = await page.$$eval('table[data-table=comparison] tbody td', (tds) =>
    tds.map((td) => ({ col: td.getAttribute('data-col')!, value: td.getAttribute('data-value')!, text: td.textContent })),
  );
  for (const cell of cells) {
    const kind = columns.find((c) => c.key === cell.col)!.kind;
    const raw = cell.value === '' ? null : Number.isNaN(Number(cell.value)) ? cell.value : Number(cell.value);
    // a number left null shows as a dash (the CLI prints a blank there)
    const numeric = kind !== 'text' && kind !== 'id' && kind !== 'date';
    assert.equal(cell.text, raw === null && numeric ? '—' : formatValue(raw, kind), `comparison ${cell.col}`);
  }
  // the top list is the core's table (`cvm report` prints it): headers, units (horizon, discount) and tooltips from the spec
  const models = (await (await fetch(`${dashboard!.server.url}api/models`)).json()) as { top: ApiReportTable };
  await assertSpecHeaders(page, 'top-clv', models.top);
  await page.close();
});
