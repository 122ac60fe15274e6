// The drill-down's P(alive) over time (src/scores/p-alive-history.ts, moved from the server into core:
// issue 19) against the published CDNOW calibration summary (BTYD's cdnowSummary$cbs): on the
// calibration end each customer's last point has the published x, t.x and T.cal, and P(alive) is the
// model's at those values; earlier points never count purchases after their own day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pAliveHistory } from '../../src/scores/p-alive-history.js';
import { COUNT_MODEL_REGISTRY } from '../../src/models/count-models.js';

const ELOG = new URL('../../../../data/cdnow/cdnow_sample_elog.csv', import.meta.url).pathname;
const CBS = new URL('../../../../data/cdnow/cdnow_sample_cbs_with_holdout.csv', import.meta.url).pathname;
const END = '1997-09-30';
// BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005): r, α, a, b
const PARAMS = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

test('pAliveHistory on CDNOW: the last point is the published (x, t.x, T.cal) and the model P(alive) there; no point counts later purchases', () => {
  const days = new Map<string, string[]>();
  for (const line of readFileSync(ELOG, 'utf8').trim().split('\n').slice(1)) {
    const [, id, d] = line.split(',');
    const iso = `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`;
    if (iso <= END) days.set(id!, [...(days.get(id!) ?? []), iso]); // several lines on one day stay in: counted once
  }
  const cbs = readFileSync(CBS, 'utf8').trim().split('\n').slice(1);
  let checked = 0;
  for (const line of cbs) {
    const [id, x, tx, T] = line.split(',').map((v, k) => (k === 0 ? v : Number(v))) as [string, number, number, number];
    const h = pAliveHistory('bg-nbd', PARAMS, days.get(id)!, END, 'week');
    const last = h.at(-1)!;
    assert.equal(last.date, END, id);
    assert.equal(last.x, x, `${id}: x`);
    assert.ok(Math.abs(last.tx - tx) < 1e-9 && Math.abs(last.T - T) < 1e-9, `${id}: t.x ${last.tx} vs ${tx}, T ${last.T} vs ${T}`);
    const [expected] = COUNT_MODEL_REGISTRY['bg-nbd'].pAlive(PARAMS, {
      x: Float64Array.of(x),
      tx: Float64Array.of(tx),
      T: Float64Array.of(T),
    });
    assert.ok(Math.abs(last.pAlive - expected!) < 1e-12, `${id}: P(alive) ${last.pAlive} vs ${expected}`);
    const distinct = [...new Set(days.get(id)!)].sort();
    for (const p of h) {
      assert.equal(p.x, distinct.filter((d) => d <= p.date).length - 1, `${id} on ${p.date}: repeat days so far`);
      assert.ok(p.pAlive >= 0 && p.pAlive <= 1, `${id} on ${p.date}: a probability`);
    }
    assert.equal(h[0]!.pAlive, 1, `${id}: alive on the first purchase day by definition`);
    checked++;
  }
  assert.equal(checked, 2357);
});
