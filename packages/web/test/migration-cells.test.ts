// Issue 12 in a real browser: on the Migration page a heat-map cell (click) and its number in the
// table alternative (keyboard: Tab to the link, Enter) open the customer list of that move; the list
// holds exactly the customers an independent join of the two stored snapshots finds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, SKIP, sampleDashboard, type SampleDashboard } from './browser.js';
import type { ApiMigration, ApiMigrationCustomers, ApiOk } from '@cvm/core/api';

let dashboard: SampleDashboard | undefined;
before(async () => {
  if (!SKIP) dashboard = await sampleDashboard();
});
after(async () => {
  await dashboard?.close();
});

/** Customer ids per "from → to" cell by joining the two snapshots in JavaScript. */
async function independentCells(from: string, to: string, column: string): Promise<Map<string, Set<string>>> {
  const side = async (day: string) =>
    new Map(
      (
        await dashboard!.engine.rows<{ customer_id: string; s: string }>(
          `SELECT customer_id, ${column} AS s FROM segment_snapshots WHERE as_of = CAST($d AS DATE)`,
          { d: day },
        )
      ).map((r) => [r.customer_id, r.s]),
    );
  const f = await side(from),
    t = await side(to);
  const out = new Map<string, Set<string>>();
  for (const id of new Set([...f.keys(), ...t.keys()])) {
    const k = `${f.get(id) ?? '(not yet a customer)'} → ${t.get(id) ?? '(not in snapshot)'}`;
    if (!out.has(k)) out.set(k, new Set());
    out.get(k)!.add(id);
  }
  return out;
}

/** Every customer id listed by the customers page (all its pages). */
async function listedIds(page: Page): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    await page.waitForSelector('table[data-table=customers] tbody tr');
    ids.push(
      ...(await page.$$eval('table[data-table=customers] td[data-col=customer_id]', (tds) =>
        tds.map((t) => t.getAttribute('data-value')!),
      )),
    );
    const next = page.locator('[data-role=next]');
    if (!(await next.count()) || (await next.isDisabled())) return ids;
    const first = await page.getAttribute('table[data-table=customers] td[data-col=customer_id]', 'data-value');
    await next.click();
    await page.waitForFunction(
      (id) => document.querySelector('table[data-table=customers] td[data-col=customer_id]')?.getAttribute('data-value') !== id,
      first,
    );
  }
}

test('migration: a heat-map cell and its table link list exactly the customers who made that move', {
  skip: SKIP,
  timeout: 300_000,
}, async () => {
  const { server, browser } = dashboard!;
  const errors: string[] = [];
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${server.url}#/migration?by=lifecycle`);
  const sel = '[data-chart=transitions][data-drawn]';
  await page.waitForSelector(`main[data-ready] ${sel}`, { timeout: 180_000 });
  const m = (await (await fetch(`${server.url}api/migration?by=lifecycle`)).json()) as ApiOk<ApiMigration>;
  assert.match(
    page.url(),
    new RegExp(`#/migration\\?from=${m.from}&to=${m.to}&by=lifecycle`),
    'the pair of days and the dimension are in the URL',
  );
  const cells = await independentCells(m.from, m.to, 'lifecycle_stage');
  // the largest real move (from ≠ to)
  let best = { i: -1, j: -1, n: 0 };
  m.matrix.fromStates.forEach((f: string, i: number) =>
    m.matrix.toStates.forEach((t: string, j: number) => {
      if (f !== t && m.matrix.counts[i][j] > best.n) best = { i, j, n: m.matrix.counts[i][j] };
    }),
  );
  const fromState = m.matrix.fromStates[best.i],
    toState = m.matrix.toStates[best.j];
  const truth = cells.get(`${fromState} → ${toState}`)!;
  assert.equal(truth.size, best.n, 'independent count = matrix count');

  // click the cell on the canvas
  const rows = m.matrix.fromStates.length;
  const { x, y } = await page.$eval(
    sel,
    (el, a) => {
      const c = (el as unknown as { chart: { convertToPixel(f: unknown, v: unknown): [number, number] } }).chart;
      const [px, py] = c.convertToPixel({ seriesIndex: 0 }, [a.j, a.rows - 1 - a.i]);
      return { x: px, y: py };
    },
    { i: best.i, j: best.j, rows },
  );
  const box = (await page.locator(sel).boundingBox())!;
  await page.mouse.click(box.x + x, box.y + y);
  await page.waitForSelector('main[data-page=customers] [data-role=migration-cell]', { timeout: 60_000 });
  await page.waitForSelector('[data-role=table-info][data-total]');
  assert.equal(Number(await page.getAttribute('[data-role=table-info]', 'data-total')), truth.size, 'customers listed');
  assert.match(
    (await page.textContent('[data-role=migration-cell]')) ?? '',
    new RegExp(`lifecycle stage was ${fromState} on ${m.from} and ${toState} on ${m.to}`),
  );
  const ids = await listedIds(page);
  assert.equal(ids.length, truth.size);
  assert.deepEqual(new Set(ids), truth, "the listed customers are the independent join's");
  assert.equal(await page.locator('[data-role=cell-no-audience]').count(), 1, 'no audience form for a past move');
  await page.screenshot({ path: join(ARTIFACTS, 'migration-cell-customers.png'), fullPage: true });
  // the CSV the list downloads: one line per customer of the cell
  const csv = await (
    await fetch(
      `${server.url}api/migration/customers?${new URLSearchParams({ from: m.from, to: m.to, by: 'lifecycle', fromState, toState, format: 'csv' })}`,
    )
  ).text();
  const lines = csv.trim().split('\n');
  assert.equal(lines.length, truth.size + 1, 'CSV header + one line per customer');
  assert.deepEqual(new Set(lines.slice(1).map((l) => l.split(',')[0]!.replace(/^"|"$/g, ''))), truth);

  // back to the migration, same view; then the keyboard: focus the table's link for the same cell, Enter
  await page.click('[data-role=migration-cell] a[href^="#/migration"]');
  await page.waitForSelector(`main[data-page=migration][data-ready] table[data-table=transitions]`);
  const link = page.locator(`table[data-table=transitions] a[data-cell="${fromState} → ${toState}"]`);
  assert.equal(await link.getAttribute('data-count'), String(truth.size));
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('main[data-page=customers] [data-role=migration-cell]');
  await page.waitForSelector('[data-role=table-info][data-total]');
  assert.equal(Number(await page.getAttribute('[data-role=table-info]', 'data-total')), truth.size, 'customers listed after Enter');
  // another cell through the API the page uses: a "(not yet a customer)" column when present, else any other
  for (const [k, set] of [...cells].slice(0, 3)) {
    const [f, t] = k.split(' → ');
    const r = (await (
      await fetch(
        `${server.url}api/migration/customers?${new URLSearchParams({ from: m.from, to: m.to, by: 'lifecycle', fromState: f!, toState: t!, pageSize: '1000' })}`,
      )
    ).json()) as ApiMigrationCustomers;
    assert.equal(r.total, set.size, `API total for ${k}`);
    assert.equal(r.cell.customers, set.size, `matrix count for ${k}`);
  }
  const bad = await fetch(
    `${server.url}api/migration/customers?${new URLSearchParams({ from: m.from, to: m.to, by: 'lifecycle', fromState: 'nope', toState: toState })}`,
  );
  assert.equal(bad.status, 400);
  assert.deepEqual(errors, []);
  await page.close();
});
