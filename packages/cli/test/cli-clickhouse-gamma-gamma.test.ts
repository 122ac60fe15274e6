// `cvm fit --model gamma-gamma --engine clickhouse://…` (the local 2-shard cluster) when some repeat
// buyers' repeat purchases average 0: fitted on the shards (issue 16), they are left out of the fit
// and named in its warning, as on a DuckDB --workspace (which fits the per-customer summary):
// parameters to 1e-6 relative, the same warnings word for word, the same count in the diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testClusterUrl } from '../../core/test/helpers/clickhouse.js';
import { cvm, SAMPLE, tempDir, tempFile } from './run-cli.js';

const MAP = ['--customer-col', 'sampleid', '--quantity-col', 'cds'];
const CAL = ['--calibration-end', '1997-09-30'];
/** Customers whose every purchase after the first is free (CDNOW sample ids; 1, 2, 7 and 9 repeat before the calibration end). */
const FREE_REPEATS = new Set(['1', '2', '3', '7', '9']);

/** The CDNOW sample with the repeat purchases of {@link FREE_REPEATS} at 0. */
function zeroRepeatLog(): string {
  const [head, ...lines] = readFileSync(SAMPLE, 'utf8').trim().split('\n');
  const seen = new Set<string>();
  const out = lines.map((line) => {
    const f = line.split(',');
    if (!FREE_REPEATS.has(f[1]!)) return line;
    if (!seen.has(f[1]!)) {
      seen.add(f[1]!);
      return line;
    }
    f[4] = '0';
    return f.join(',');
  });
  return tempFile('cdnow-free-repeats.csv', `${[head, ...out].join('\n')}\n`);
}

test('cvm fit --model gamma-gamma --engine: repeat buyers spending 0 are left out and named, as on DuckDB', async (t) => {
  const cluster = testClusterUrl(t, 'cvm_cli_gg_zero');
  if (cluster === null) return;
  const { url } = cluster;
  try {
    const log = zeroRepeatLog();
    assert.equal(cvm(['ingest', log, '--engine', url, ...MAP, '--format', 'json']).code, 0);
    const ws = tempDir('cvm-gg-zero-');
    assert.equal(cvm(['ingest', log, '--workspace', ws, ...MAP, '--format', 'json']).code, 0);
    const a = cvm(['fit', '--engine', url, '--model', 'gamma-gamma', ...CAL, '--format', 'json']);
    const b = cvm(['fit', '--workspace', ws, '--model', 'gamma-gamma', ...CAL, '--format', 'json']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const fa = JSON.parse(a.stdout),
      fb = JSON.parse(b.stdout);
    assert.deepEqual(fa.warnings, fb.warnings);
    const note = (fa.warnings as string[]).find((w) => w.includes('average 0'));
    assert.ok(note, `no zero-spend warning in ${JSON.stringify(fa.warnings)}`);
    assert.match(
      note,
      /^gamma-gamma: 4 customers whose repeat purchases average 0 were left out of the spend fit \(customers 1, 2, 7, 9\)/,
    );
    assert.equal(fa.diagnostics.zeroSpendCustomers, 4);
    assert.equal(fa.nObs, fb.nObs);
    assert.equal(fa.nObs, 946 - 4);
    for (const k of ['p', 'q', 'gamma'])
      assert.ok(Math.abs(fa.params[k] - fb.params[k]) <= 1e-6 * Math.abs(fb.params[k]), `${k}: ${fa.params[k]} vs ${fb.params[k]}`);
    assert.ok(Math.abs(fa.logLikelihood - fb.logLikelihood) <= 1e-9 * Math.abs(fb.logLikelihood), 'log-likelihood');
  } finally {
    await cluster.drop();
  }
});
