// `cvm predict --into TABLE` (issue 16): scores written into a workspace table by the database give
// the answers of `cvm predict` without it: the fits, their notes (a customer whose repeat purchases
// average 0, named), the units, the total CLV and the top customers. On DuckDB (--workspace) and on
// the 2-shard ClickHouse cluster (--engine), where the fits come from grouped patterns (1e-6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testClusterUrl } from '../../core/test/helpers/clickhouse.js';
import { cvm, SAMPLE, tempDir, tempFile } from './run-cli.js';

const MAP = ['--customer-col', 'sampleid', '--quantity-col', 'cds'];
const CAL = ['--calibration-end', '1997-09-30'];

/** CDNOW with customer 1's repeat purchases at 0 (a zero-spend repeat buyer for Gamma-Gamma). */
function zeroSpendLog(): string {
  const [head, ...lines] = readFileSync(SAMPLE, 'utf8').trim().split('\n');
  let seen = 0;
  const out = lines.map((l) => {
    const f = l.split(',');
    if (f[1] === '1' && seen++ > 0) f[4] = '0';
    return f.join(',');
  });
  return tempFile('cdnow-zero.csv', `${[head, ...out].join('\n')}\n`);
}

function close(a: number, b: number, rel: number, what: string): void {
  assert.ok(a === b || Math.abs(a - b) <= rel * Math.abs(b), `${what}: ${a} vs ${b} (rel ${rel})`);
}

/** `--into` JSON against the plain command's JSON: fits to `rel`, words exactly, the top 20 by CLV. */
function sameAnswers(into: Record<string, unknown>, plain: Record<string, unknown>, rel: number): void {
  for (const k of ['params', 'spendParams'] as const)
    for (const [p, v] of Object.entries(plain[k] as Record<string, number>))
      close((into[k] as Record<string, number>)[p]!, v, rel, `${k}.${p}`);
  assert.deepEqual(into.zeroSpend, plain.zeroSpend);
  assert.deepEqual(into.units, plain.units);
  assert.equal((into.warnings as string[]).length, (plain.warnings as string[]).length);
  close(into.totalClv as number, plain.totalClv as number, Math.max(rel, 1e-9), 'total CLV');
  const customers = plain.customers as Record<string, number | string>[];
  assert.equal(into.customers, customers.length);
  const top = [...customers].sort((a, b) => (b.clv as number) - (a.clv as number)).slice(0, 20);
  const got = into.top as Record<string, number | string>[];
  assert.equal(got.length, 20);
  for (let i = 0; i < 20; i++) {
    assert.equal(String(got[i]!.customer_id), top[i]!.customer_id, `top ${i}`);
    for (const c of ['p_alive', 'expected_purchases', 'expected_spend', 'clv', 'frequency', 'recency', 'T', 'monetary_value'])
      close(got[i]![c] as number, top[i]![c] as number, Math.max(rel, 1e-9), `top ${i} ${c}`);
  }
}

test('cvm predict --workspace DIR --into TABLE: the answers of cvm predict, zero-spend note included; bad uses refused', () => {
  const log = zeroSpendLog();
  const ws = join(tempDir(), 'ws');
  assert.equal(cvm(['ingest', log, '--workspace', ws, ...MAP]).code, 0);
  const a = cvm(['predict', '--workspace', ws, ...CAL, '--into', 'scores_cdnow', '--format', 'json']);
  assert.equal(a.code, 0, a.stderr);
  const b = cvm(['predict', log, ...MAP, ...CAL, '--no-intervals', '--format', 'json']);
  const into = JSON.parse(a.stdout),
    plain = JSON.parse(b.stdout);
  assert.deepEqual(into.notes, plain.notes);
  assert.match(into.notes[0], /customer 1\)/);
  // the fit on grouped patterns adds the likelihood in another order than the per-customer fit: parameters agree to ~1e-15
  sameAnswers(into, plain, 1e-9);
  // scoring again replaces the table; a workspace table is never replaced; flags that do not apply are refused
  assert.equal(cvm(['predict', '--workspace', ws, ...CAL, '--into', 'scores_cdnow', '--format', 'json']).code, 0);
  const t = cvm(['predict', '--workspace', ws, ...CAL, '--into', 'transactions']);
  assert.equal(t.code, 2);
  assert.match(t.stderr, /not a scores table/);
  assert.match(cvm(['predict', '--workspace', ws, '--into', 'bad name']).stderr, /plain identifier/);
  assert.match(cvm(['predict', '--workspace', ws, '--into', 's', '--by', 'channel']).stderr, /takes no --by/);
  assert.match(cvm(['predict', log, ...MAP, '--into', 's']).stderr, /give --workspace DIR or --engine URL/);
});

test('cvm predict --engine clickhouse://… --into TABLE: the answers of cvm predict on DuckDB', async (t) => {
  const cluster = testClusterUrl(t, 'cvm_cli_into');
  if (cluster === null) return;
  try {
    const log = zeroSpendLog();
    assert.equal(cvm(['ingest', log, '--engine', cluster.url, ...MAP]).code, 0);
    const a = cvm(['predict', '--engine', cluster.url, ...CAL, '--into', 'scores_cdnow', '--format', 'json']);
    assert.equal(a.code, 0, a.stderr);
    const b = cvm(['predict', log, ...MAP, ...CAL, '--no-intervals', '--format', 'json']);
    const into = JSON.parse(a.stdout),
      plain = JSON.parse(b.stdout);
    assert.equal(into.notes.length, 1);
    assert.match(into.notes[0], /customer 1\)/);
    sameAnswers(into, plain, 1e-6);
  } finally {
    await cluster.drop();
  }
});
