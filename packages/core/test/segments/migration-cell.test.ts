// Issue 12: the customers behind one transition-matrix cell. Checked on CDNOW snapshots (1997-06-30 →
// 1997-12-31) against an independent join of the two stored snapshots in JavaScript, cell by cell,
// and through the customer table (paging, filters and sort with the cell's bound parameters).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InputError } from '../../src/errors.js';
import { loadCustomerTable } from '../../src/customers/customer-table.js';
import { ensureSnapshot } from '../../src/segments/ensure-snapshot.js';
import { migrationCellSql, migrationCellTable } from '../../src/segments/migration-cell.js';
import { GONE, NOT_YET, type MigrationDimension } from '../../src/segments/migration-sql.js';
import { migrateSnapshots } from '../../src/segments/migration.js';
import { tablePage } from '../../src/tables/table-page.js';
import { dataPath } from '../helpers/read-csv.js';
import { logWorkspace } from '../cohorts/log-workspace.js';

const CDNOW = readFileSync(dataPath('cdnow/cdnow_sample_elog.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [, id, d, , sales] = l.split(',');
    return `${id},${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)},${sales}`;
  });
const FROM = '1997-06-30',
  TO = '1997-12-31';

test('every cell of the CDNOW transition matrices lists exactly the customers an independent join of the snapshots finds', async () => {
  const engine = await logWorkspace(CDNOW);
  try {
    await ensureSnapshot(engine, FROM);
    await ensureSnapshot(engine, TO);
    for (const dimension of ['value_tier', 'lifecycle_stage', 'rfm_segment'] as MigrationDimension[]) {
      const side = async (day: string) =>
        new Map(
          (
            await engine.rows<{ customer_id: string; s: string }>(
              `SELECT customer_id, ${dimension} AS s FROM segment_snapshots WHERE as_of = CAST($d AS DATE)`,
              { d: day },
            )
          ).map((r) => [r.customer_id, r.s]),
        );
      const f = await side(FROM),
        t = await side(TO);
      const expected = new Map<string, string[]>();
      for (const id of new Set([...f.keys(), ...t.keys()])) {
        const k = `${f.get(id) ?? NOT_YET}→${t.get(id) ?? GONE}`;
        expected.set(k, [...(expected.get(k) ?? []), id]);
      }
      const m = await migrateSnapshots(engine, { from: FROM, to: TO, dimension });
      let cells = 0;
      for (const [i, fromState] of m.matrix.fromStates.entries()) {
        for (const [j, toState] of m.matrix.toStates.entries()) {
          const q = migrationCellSql(engine.dialect, { from: FROM, to: TO, dimension, fromState, toState });
          const ids = (await engine.rows<{ customer_id: string }>(q.sql, q.params)).map((r) => r.customer_id).sort();
          assert.equal(ids.length, m.matrix.counts[i]![j]!, `${dimension} ${fromState} → ${toState}: matrix count`);
          assert.deepEqual(ids, (expected.get(`${fromState}→${toState}`) ?? []).sort(), `${dimension} ${fromState} → ${toState}: ids`);
          if (ids.length) cells++;
        }
      }
      assert.ok(cells >= 4, `${dimension}: ${cells} non-empty cells checked`);
    }
    // states are bound parameters: a quote is just text, no cell, no error
    const q = migrationCellSql(engine.dialect, {
      from: FROM,
      to: TO,
      dimension: 'value_tier',
      fromState: "Gold' OR '1'='1",
      toState: 'Silver',
    });
    assert.deepEqual(await engine.rows(q.sql, q.params), []);
    assert.throws(
      () => migrationCellSql(engine.dialect, { from: TO, to: FROM, dimension: 'value_tier', fromState: 'Gold', toState: 'Gold' }),
      (e: unknown) => e instanceof InputError && e.code === 'bad_period_order',
    );
    assert.throws(
      () =>
        migrationCellSql(engine.dialect, {
          from: FROM,
          to: TO,
          dimension: 'value; DROP TABLE x' as MigrationDimension,
          fromState: 'a',
          toState: 'b',
        }),
      (e: unknown) => e instanceof InputError && e.code === 'bad_dimension',
    );
  } finally {
    await engine.close();
  }
});

test("the customer table narrowed to a cell pages, filters and sorts with the cell's parameters", async () => {
  const engine = await logWorkspace(CDNOW);
  try {
    await ensureSnapshot(engine, FROM);
    await ensureSnapshot(engine, TO);
    const ids = await engine.rows<{ customer_id: string; n: number }>(
      'SELECT customer_id, CAST(count(*) AS DOUBLE) AS n FROM transactions GROUP BY 1 ORDER BY 1',
    );
    const base = await loadCustomerTable(
      engine,
      ids.map((r) => r.customer_id),
      [{ key: 'rows', label: 'Rows', kind: 'count', values: Float64Array.from(ids, (r) => r.n) }],
      { defaultSort: 'rows' },
    );
    const m = await migrateSnapshots(engine, { from: FROM, to: TO, dimension: 'lifecycle_stage' });
    // the largest cell that is a real move
    let best = { i: 0, j: 0, n: -1 };
    m.matrix.fromStates.forEach((f, i) =>
      m.matrix.toStates.forEach((t, j) => {
        if (f !== t && m.matrix.counts[i]![j]! > best.n) best = { i, j, n: m.matrix.counts[i]![j]! };
      }),
    );
    const cell = {
      from: FROM,
      to: TO,
      dimension: 'lifecycle_stage' as const,
      fromState: m.matrix.fromStates[best.i]!,
      toState: m.matrix.toStates[best.j]!,
    };
    const spec = migrationCellTable(base, engine.dialect, cell);
    const p1 = await tablePage(engine, spec, { page: 1, pageSize: 25, filter: [], format: 'json' });
    assert.equal(p1.total, best.n, `${cell.fromState} → ${cell.toState}`);
    const q = migrationCellSql(engine.dialect, cell);
    const members = new Set((await engine.rows<{ customer_id: string }>(q.sql, q.params)).map((r) => r.customer_id));
    const all = await tablePage(engine, spec, { page: 1, pageSize: 1000, filter: [], format: 'json' });
    assert.deepEqual(new Set(all.rows.map((r) => String(r[0]))), members);
    const filtered = await tablePage(engine, spec, {
      page: 1,
      pageSize: 1000,
      filter: ['rows:gte:3'],
      sort: 'rows',
      dir: 'desc',
      format: 'json',
    });
    const expected = ids.filter((r) => members.has(r.customer_id) && r.n >= 3).length;
    assert.equal(filtered.total, expected, 'cell ∩ rows ≥ 3');
    assert.ok(
      filtered.rows.every((r, k, a) => k === 0 || Number(a[k - 1]![1]) >= Number(r[1])),
      'sorted by rows, descending',
    );
  } finally {
    await engine.close();
  }
});
