// `cvm fit`, `cvm predict`, `cvm validate` and `cvm migrate` with --engine clickhouse://… (the local
// 2-shard cluster) against the same commands on DuckDB, on the CDNOW sample: fitted parameters and
// log-likelihoods to 1e-6 relative (the cluster sends grouped (x, t_x, T) patterns, DuckDB's fit
// compresses per-customer rows: the same sums in another order), customer counts exact, money to the
// cent. Only computation times and the source name differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClickHouseEngine } from '../../core/src/engine/clickhouse/clickhouse-engine.js';
import { parseClickHouseUrl } from '../../core/src/engine/clickhouse/clickhouse-url.js';
import { tablesOnEveryNode, testClusterUrl } from '../../core/test/helpers/clickhouse.js';
import { cvm, SAMPLE, tempDir } from './run-cli.js';

const MAP = ['--customer-col', 'sampleid', '--quantity-col', 'cds'];
const CAL = ['--calibration-end', '1997-09-30'];

/** Numbers within `rel` relative (integers exact), everything else exactly; keys matching `skip` left out. */
function assertSame(a: unknown, b: unknown, rel: number, skip: RegExp, path = ''): void {
  if (skip.test(path)) return;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b) && Math.abs(b) < 2 ** 31) assert.equal(a, b, path);
    else assert.ok(a === b || Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${path}: ${a} vs ${b} (rel ${rel})`);
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) assertSame((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], rel, skip, `${path}.${k}`);
    return;
  }
  assert.deepEqual(a, b, path);
}

function csvRows(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

test('cvm fit/predict/validate/migrate --engine clickhouse://… give the DuckDB answers', async (t) => {
  const cluster = testClusterUrl(t, 'cvm_cli_models');
  if (cluster === null) return;
  const { url } = cluster;
  try {
    const ing = cvm(['ingest', SAMPLE, '--engine', url, ...MAP, '--format', 'json']);
    assert.equal(ing.code, 0, ing.stderr);

    await t.test('fit: every count model and Gamma-Gamma, parameters to 1e-6 relative', () => {
      for (const model of ['bg-nbd', 'pareto-nbd', 'mbg-nbd', 'gamma-gamma']) {
        const a = cvm(['fit', '--engine', url, '--model', model, ...CAL, '--format', 'json']);
        const b = cvm(['fit', SAMPLE, ...MAP, '--model', model, ...CAL, '--format', 'json']);
        assert.equal(a.code, 0, a.stderr);
        assert.equal(b.code, 0, b.stderr);
        const fa = JSON.parse(a.stdout),
          fb = JSON.parse(b.stdout);
        // 2,357 customers (946 repeat buyers for Gamma-Gamma) on both, exactly
        assert.equal(fa.nObs, fb.nObs, `${model} nObs`);
        assert.equal(fa.nObs, model === 'gamma-gamma' ? 946 : 2357);
        assert.match(fa.source, /^clickhouse:\/\//);
        assertSame(fa, fb, 1e-6, /(timeMs|source|gradientNorm|covariance|standardErrors|confidenceIntervals)$/, model);
        // standard errors come from the Hessian at the optimum: looser, but still the same numbers
        assertSame(fa.standardErrors, fb.standardErrors, 1e-4, /^$/, `${model}.se`);
      }
    });

    await t.test('fit gamma-gamma: fitted on the shards, the fit of a DuckDB --workspace (params 1e-6, the same warnings)', async () => {
      // on ClickHouse the summary is staged on the shards and the fit reads sums per distinct x
      // (fitGammaGammaInDatabase); a DuckDB workspace fits estimateSpend on the per-customer summary
      const ws = tempDir('cvm-gg-ws-');
      const ing = cvm(['ingest', SAMPLE, ...MAP, '--workspace', ws, '--format', 'json']);
      assert.equal(ing.code, 0, ing.stderr);
      const a = cvm(['fit', '--engine', url, '--model', 'gamma-gamma', ...CAL, '--format', 'json']);
      const b = cvm(['fit', '--workspace', ws, '--model', 'gamma-gamma', ...CAL, '--format', 'json']);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const fa = JSON.parse(a.stdout),
        fb = JSON.parse(b.stdout);
      assert.equal(fa.nObs, 946);
      assert.deepEqual(Object.keys(fa).sort(), Object.keys(fb).sort(), 'the same fields');
      assert.deepEqual(fa.warnings, fb.warnings);
      assertSame(fa, fb, 1e-6, /(timeMs|source|gradientNorm|covariance|standardErrors|confidenceIntervals)$/, 'gamma-gamma');
      assertSame(fa.standardErrors, fb.standardErrors, 1e-4, /^$/, 'gamma-gamma.se');
      // the table output has the same lines: the header numbers, verdict and warnings
      const ta = cvm(['fit', '--engine', url, '--model', 'gamma-gamma', ...CAL, '--format', 'table']);
      const tb = cvm(['fit', '--workspace', ws, '--model', 'gamma-gamma', ...CAL, '--format', 'table']);
      const strip = (text: string): string => text.replace(/, \d+ ms\)/, ')').replace(/gradient norm [^,]+,/, '');
      assert.equal(strip(ta.stdout).split('\n')[0], strip(tb.stdout).split('\n')[0]);
      assert.equal(ta.stdout.split('\n').length, tb.stdout.split('\n').length);
      // the staged summary is dropped afterwards, on every shard
      const ch = createClickHouseEngine(parseClickHouseUrl(url));
      try {
        assert.deepEqual(await tablesOnEveryNode(ch, 'cluster', ['cvm_summary_', 'cvm_pattern_scores_']), []);
      } finally {
        await ch.close();
      }
    });

    await t.test('predict: every customer, P(alive) and purchases to 1e-6, CLV to the cent', () => {
      const a = cvm(['predict', '--engine', url, ...CAL, '--no-intervals', '--format', 'csv']);
      const b = cvm(['predict', SAMPLE, ...MAP, ...CAL, '--no-intervals', '--format', 'csv']);
      assert.equal(a.code, 0, a.stderr);
      const ra = csvRows(a.stdout),
        rb = csvRows(b.stdout);
      assert.equal(ra.length, 2358);
      assert.deepEqual(ra[0], rb[0]);
      const col = (name: string): number => rb[0]!.indexOf(name);
      for (let i = 1; i < rb.length; i++) {
        assert.equal(ra[i]![0], rb[i]![0], `row ${i} customer`);
        for (const c of ['p_alive', 'expected_purchases', 'frequency', 'recency', 'T'])
          assertSame(Number(ra[i]![col(c)]), Number(rb[i]![col(c)]), 1e-6, /^$/, `${rb[i]![0]}.${c}`);
        for (const c of ['clv', 'expected_spend', 'monetary_value'])
          assert.ok(Math.abs(Number(ra[i]![col(c)]) - Number(rb[i]![col(c)])) < 0.005, `${rb[i]![0]}.${c}`);
      }
    });

    await t.test('validate: the holdout comparison of every model', () => {
      const a = cvm(['validate', '--engine', url, ...CAL, '--format', 'json']);
      const b = cvm(['validate', SAMPLE, ...MAP, ...CAL, '--format', 'json']);
      assert.equal(a.code, 0, a.stderr);
      assertSame(JSON.parse(a.stdout), JSON.parse(b.stdout), 1e-6, /(computedAt|timeMs|gradientNorm)$/);
    });

    await t.test('migrate: transition counts exact, value moved to the cent', () => {
      const args = ['--from', '1997-06-30', '--to', '1997-12-31', '--format', 'json'];
      const a = cvm(['migrate', '--engine', url, ...args]);
      const b = cvm(['migrate', SAMPLE, ...MAP, ...args]);
      assert.equal(a.code, 0, a.stderr);
      const ma = JSON.parse(a.stdout),
        mb = JSON.parse(b.stdout);
      assert.deepEqual(ma.matrix.counts, mb.matrix.counts);
      assert.ok(mb.matrix.rowTotals.reduce((s: number, n: number) => s + n, 0) > 0);
      // money (sums over shards in another order) far inside a cent; counts and labels exact
      assertSame(ma, mb, 1e-9, /(ComputedAt)$/);
    });

    await t.test('usage: --engine with --workspace is refused on the new commands too', () => {
      for (const cmd of [
        ['fit', '--model', 'bg-nbd'],
        ['predict'],
        ['validate', ...CAL],
        ['migrate', '--from', '1997-06-30', '--to', '1997-12-31'],
      ]) {
        const r = cvm([...cmd, '--engine', url, '--workspace', '/tmp/x']);
        assert.equal(r.code, 2, cmd[0]);
        assert.match(r.stderr, /either --workspace DIR or --engine URL/);
      }
    });
  } finally {
    await cluster.drop();
  }
});
