// cvm fit / predict / validate through the real binary, against published values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cvm, ROOT, SAMPLE, tempFile } from './run-cli.js';

const LOG = [SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds'];
const close = (actual: number, expected: number, tol: number, label: string): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${label}: actual ${actual}, expected ${expected}, tolerance ${tol}`);

test('fit --format json: the contract keys and FHL 2005 BG/NBD values from the raw log', () => {
  const r = cvm(['fit', ...LOG, '--model', 'bg-nbd', '--calibration-end', '1997-09-30', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  for (const k of ['model', 'params', 'logLikelihood', 'aic', 'bic', 'standardErrors', 'converged']) assert.ok(k in j, k);
  assert.deepEqual(Object.keys(j.params), ['r', 'alpha', 'a', 'b']);
  // Fader, Hardie & Lee (2005): r 0.2426, α 4.4135, a 0.7929, b 2.4258, LL −9582.43 (printed digits).
  close(j.params.r, 0.2426, 5e-5, 'r');
  close(j.params.alpha, 4.4135, 5e-4, 'alpha');
  close(j.params.a, 0.7929, 5e-5, 'a');
  close(j.params.b, 2.4258, 5e-4, 'b');
  close(j.logLikelihood, -9582.43, 0.01, 'LL');
  assert.equal(j.converged, true);
  assert.equal(j.timeUnit, 'weeks');
});

test('fit from summary files: Gamma-Gamma (Hardie naming), BG/BB (weighted), sBG (retention table)', () => {
  const gg = JSON.parse(
    cvm(['fit', join(ROOT, 'data/cdnow/cdnow_sample_rfm_summary.csv'), '--summary', '--model', 'gamma-gamma', '--format', 'json']).stdout,
  );
  // Fader & Hardie (2013): p 6.249, q 3.745, γ 15.448, LL −4055.92 on 946 repeat buyers.
  close(gg.params.p, 6.249, 5e-4, 'p');
  close(gg.params.q, 3.745, 5e-4, 'q');
  close(gg.params.gamma, 15.448, 5e-4, 'gamma');
  close(gg.logLikelihood, -4055.92, 0.01, 'GG LL');
  assert.equal(gg.nObs, 946);
  const bb = JSON.parse(
    cvm(['fit', join(ROOT, 'data/donations/donations_bgbb_rf_matrix.csv'), '--model', 'bg-bb', '--format', 'json']).stdout,
  );
  // Fader, Hardie & Shang (2010): α 1.2035, β 0.7497, γ 0.6567, δ 2.7834, LL −33225.58.
  assert.deepEqual(Object.keys(bb.params), ['alpha', 'beta', 'gamma', 'delta']);
  close(bb.params.alpha, 1.2035, 5e-5, 'alpha');
  close(bb.params.beta, 0.7497, 5e-5, 'beta');
  close(bb.params.gamma, 0.6567, 5e-5, 'gamma');
  close(bb.params.delta, 2.7834, 5e-4, 'delta');
  close(bb.logLikelihood, -33225.58, 0.01, 'BG/BB LL');
  const sbg = JSON.parse(
    cvm([
      'fit',
      join(ROOT, 'data/retention/sbg_retention_fader_hardie_2007.csv'),
      '--model',
      'sbg',
      '--active-col',
      'regular_active',
      '--fit-periods',
      '7',
      '--format',
      'json',
    ]).stdout,
  );
  // Fader & Hardie (2007), Regular: α 0.704, β 1.182.
  close(sbg.params.alpha, 0.704, 5e-4, 'sBG alpha');
  close(sbg.params.beta, 1.182, 5e-4, 'sBG beta');
  assert.equal(sbg.periodsFitted, 7);
});

test('predict --format csv: documented columns, one row per customer, CLV consistent with its parts', () => {
  const r = cvm([
    'predict',
    ...LOG,
    '--calibration-end',
    '1997-09-30',
    '--model',
    'bg-nbd',
    '--horizon',
    '39',
    '--discount-rate',
    '0',
    '--margin',
    '0.5',
    '--format',
    'csv',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(
    lines[0],
    'customer_id,p_alive,expected_purchases,expected_spend,clv,p_alive_lo,p_alive_hi,expected_purchases_lo,expected_purchases_hi,clv_lo,clv_hi,frequency,recency,T,monetary_value',
  );
  assert.equal(lines.length, 2358);
  // interval columns (issue 17): each band holds its point value for nearly every customer
  let inside = 0;
  for (const l of lines.slice(1)) {
    const v = l.split(',').map(Number);
    if (v[9]! <= v[4]! && v[4]! <= v[10]!) inside++;
  }
  assert.ok(inside > 0.97 * 2357, `CLV inside [clv_lo, clv_hi] for ${inside}`);
  // Customer 1 (x = 2, tₓ = 30.43, T = 38.86): E[X(39)] ≈ 1.226 (FHL 2005); with no discounting CLV = 0.5 · spend · E[X].
  const [id, pAlive, ex, spend, clv] = lines[1]!.split(',').map(Number);
  assert.equal(id, 1);
  close(ex!, 1.226, 0.001, 'E[X(39)] customer 1');
  close(clv!, 0.5 * spend! * ex!, 1e-9 * clv!, 'CLV = margin · spend · E[X]');
  assert.ok(pAlive! > 0 && pAlive! < 1);
});

test('predict --margin-file: per-customer margins, the rest at --margin; bad values are errors naming the line', () => {
  const margins = tempFile('margins.csv', 'customer_id,margin\n1,0.2\n2,-0.1\nnobody,0.9\n');
  const args = [
    'predict',
    ...LOG,
    '--calibration-end',
    '1997-09-30',
    '--model',
    'bg-nbd',
    '--horizon',
    '39',
    '--discount-rate',
    '0',
    '--margin',
    '0.5',
    '--format',
    'json',
  ];
  const r = cvm([...args, '--margin-file', margins]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    units: { margin: string };
    customers: { customer_id: string; expected_purchases: number; expected_spend: number; clv: number }[];
  };
  assert.match(out.units.margin, /2,355 customers without a row use 0\.5; 1 rows for other customers ignored/);
  const want: Record<string, number> = { '1': 0.2, '2': -0.1, '3': 0.5 };
  for (const c of out.customers.filter((c) => c.customer_id in want)) {
    close(
      c.clv,
      want[c.customer_id]! * c.expected_spend * c.expected_purchases,
      1e-9 * Math.abs(c.clv) + 1e-12,
      `CLV of ${c.customer_id} at margin ${want[c.customer_id]}`,
    );
  }
  const bad = cvm([...args, '--margin-file', tempFile('m.csv', 'customer_id,margin\n1,0.2\n2,lots\n')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /data line 2 of m\.csv: margin "lots" for customer 2 is not a number in \[-1, 1\]/);
  const noCol = cvm([...args, '--margin-file', tempFile('n.csv', 'customer_id,markup\n1,0.2\n')]);
  assert.equal(noCol.code, 2);
  assert.match(noCol.stderr, /needs a customer_id and a margin column; columns present: customer_id, markup/);
});

test('validate: actual CDNOW tracking (2,457 at week 39, 4,339 at week 78) and a recommendation', () => {
  const r = cvm(['validate', ...LOG, '--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.models.length, 4, 'bg-nbd, pareto-nbd, mbg-nbd and the regular-timing mbg-cnbd-k');
  assert.ok(j.regularity && j.regularity.k > 0, 'Wheat–Morrison regularity reported');
  for (const m of j.models) {
    assert.equal(m.tracking.actualCumulative[38], 2457, `${m.model} week 39`);
    assert.equal(m.tracking.actualCumulative[77], 4339, `${m.model} week 78`);
    assert.equal(m.aggregate.actual, 1882, 'Σ x* (BTYD cdnowSummary)');
    assert.deepEqual(
      m.byFrequency.map((b: { customers: number }) => b.customers).reduce((a: number, b: number) => a + b, 0),
      2357,
    );
  }
  assert.ok(['bg-nbd', 'pareto-nbd', 'mbg-nbd', 'mbg-cnbd-k'].includes(j.comparison.recommended));
  assert.match(j.comparison.reason, /predicts the holdout best/);
  const bad = cvm(['validate', ...LOG]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /needs --calibration-end/);
});

test('model CLI errors: unknown model, missing summary columns', () => {
  const r = cvm(['fit', ...LOG, '--model', 'nope']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--model must be one of bg-nbd, pareto-nbd, mbg-nbd, gamma-gamma, bg-bb, sbg/);
  const s = cvm(['fit', SAMPLE, '--summary', '--model', 'bg-nbd']);
  assert.equal(s.code, 2);
  assert.match(
    s.stderr,
    /has no frequency\/x, recency\/t_x\/t.x\/tx, T\/T.cal\/t_cal\/age column; columns present: masterid, sampleid, date, cds, sales/,
  );
});
