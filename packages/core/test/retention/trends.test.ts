// Monthly lifecycle flows and revenue (retention/trends.ts) against a brute-force recomputation from
// the CDNOW sample's CSV in plain JavaScript (no SQL), with a second lapse window and an earlier as-of day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openWorkspace, ingestFile, lifecycleTrends, type Engine } from '../../src/index.js';
import { dataPath } from '../helpers/read-csv.js';
import { assertClose } from '../helpers/assert-close.js';

let engine: Engine;
before(async () => {
  engine = await openWorkspace();
  await ingestFile(engine, dataPath('cdnow/cdnow_sample_elog.csv'), { mapping: { customer: 'sampleid', quantity: 'cds' } });
});
after(async () => engine?.close());

function brute(asOf: string, L: number) {
  const lines = readFileSync(dataPath('cdnow/cdnow_sample_elog.csv'), 'utf8').trim().split('\n').slice(1);
  const day = (ymd: string) => Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8)) / 86_400_000;
  const month = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 7);
  const end = Date.parse(asOf) / 86_400_000;
  const days = new Map<string, Set<number>>();
  const revenue = new Map<string, number>();
  for (const l of lines) {
    const [, id, date, , sales] = l.split(',');
    const d = day(date!);
    if (d > end) continue;
    if (!days.has(id!)) days.set(id!, new Set());
    days.get(id!)!.add(d);
    revenue.set(month(d), (revenue.get(month(d)) ?? 0) + Number(sales));
  }
  const count = new Map<string, { new: number; returning: number; reactivated: number; lapsed: number }>();
  const at = (m: string) => {
    if (!count.has(m)) count.set(m, { new: 0, returning: 0, reactivated: 0, lapsed: 0 });
    return count.get(m)!;
  };
  for (const set of days.values()) {
    const ds = [...set].sort((a, b) => a - b);
    const seen = new Set<string>();
    ds.forEach((d, k) => {
      const m = month(d);
      if (!seen.has(m)) {
        seen.add(m);
        at(m)[k === 0 ? 'new' : d - ds[k - 1]! <= L ? 'returning' : 'reactivated']++;
      }
      const next = ds[k + 1];
      if ((next === undefined || next - d > L) && d + L <= end) at(month(d + L)).lapsed++;
    });
  }
  return { count, revenue };
}

for (const [asOf, L] of [
  ['1998-06-30', 120],
  ['1997-12-31', 60],
] as const) {
  test(`lifecycle trends to ${asOf} with a ${L}-day lapse window equal the brute force`, async () => {
    const t = await lifecycleTrends(engine, { asOf, lapseDays: L });
    const b = brute(asOf, L);
    assert.equal(t.months[0]!.month, '1997-01');
    assert.equal(t.months[t.months.length - 1]!.month, asOf.slice(0, 7));
    for (const m of t.months) {
      const c = b.count.get(m.month) ?? { new: 0, returning: 0, reactivated: 0, lapsed: 0 };
      assert.deepEqual({ new: m.new, returning: m.returning, reactivated: m.reactivated, lapsed: m.lapsed }, c, m.month);
      assert.equal(m.active, c.new + c.returning + c.reactivated);
      assertClose(m.gross, b.revenue.get(m.month) ?? 0, 1e-6, `${m.month} revenue`);
    }
    // every customer is new exactly once: the CDNOW cohort was acquired in 1997-Q1
    assert.equal(
      t.months.reduce((s, m) => s + m.new, 0),
      2357,
    );
    assert.match(t.rule, new RegExp(`${L} days`));
  });
}
