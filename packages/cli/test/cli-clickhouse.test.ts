// The cvm command on a ClickHouse workspace (--engine clickhouse://…, the local 2-shard cluster):
// ingest, summary, quarantine, cohorts and segment give DuckDB's answers; usage errors exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testClusterUrl } from '../../core/test/helpers/clickhouse.js';
import { assertDeepClose } from '../../core/test/helpers/assert-deep-close.js';
import { cvm, SAMPLE } from './run-cli.js';

const MAP = ['--customer-col', 'sampleid', '--quantity-col', 'cds'];

function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [cols[j]!, v])));
}

test('cvm ingest/summary/quarantine/cohorts/segment --engine clickhouse://… equal the DuckDB results', async (t) => {
  const cluster = testClusterUrl(t, 'cvm_cli');
  if (cluster === null) return;
  const { url } = cluster;
  try {
    const ing = cvm(['ingest', SAMPLE, '--engine', url, ...MAP, '--format', 'json']);
    assert.equal(ing.code, 0, ing.stderr);
    assert.equal(JSON.parse(ing.stdout).files[0].rowsAccepted, 6919);
    const again = cvm(['ingest', SAMPLE, '--engine', url, ...MAP, '--format', 'json']);
    assert.equal(JSON.parse(again.stdout).files[0].status, 'unchanged');

    const period = ['--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30'];
    const a = cvm(['summary', '--engine', url, ...period, '--format', 'csv']);
    const b = cvm(['summary', SAMPLE, ...MAP, ...period, '--format', 'csv']);
    assert.equal(a.code, 0, a.stderr);
    const ra = csvRows(a.stdout),
      rb = csvRows(b.stdout);
    assert.equal(ra.length, 2357);
    assertDeepClose(
      ra.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'customer_id' || k.endsWith('purchase') ? v : Number(v)])),
      ),
      rb.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'customer_id' || k.endsWith('purchase') ? v : Number(v)])),
      ),
    );

    const q = cvm(['quarantine', '--engine', url, '--format', 'json']);
    assert.equal(q.code, 0, q.stderr);
    assert.deepEqual(JSON.parse(q.stdout).rows, []);

    const ca = JSON.parse(cvm(['cohorts', '--engine', url, '--by', 'quarter', '--format', 'json']).stdout);
    const cb = JSON.parse(cvm(['cohorts', SAMPLE, ...MAP, '--by', 'quarter', '--format', 'json']).stdout);
    delete ca.computedAt;
    delete cb.computedAt;
    assertDeepClose(ca, cb);

    const sa = cvm(['segment', '--engine', url, '--as-of', '1997-12-31', '--format', 'csv']);
    const sb = cvm(['segment', SAMPLE, ...MAP, '--as-of', '1997-12-31', '--format', 'csv']);
    assert.equal(sa.code, 0, sa.stderr);
    assert.equal(csvRows(sa.stdout).length, csvRows(sb.stdout).length);
    // every column (RFM scores and segment, tier, lifecycle stage, micro-segment) for every customer
    assert.deepEqual(csvRows(sa.stdout), csvRows(sb.stdout));
    assert.ok(csvRows(sb.stdout)[0]!.rfm_segment, 'rfm_segment column present');

    const costs = new URL('../../../data/cdnow/cost-model.example.yaml', import.meta.url).pathname;
    const pa = cvm(['profit', '--engine', url, '--costs', costs, '--format', 'csv']);
    const pb = cvm(['profit', SAMPLE, ...MAP, '--costs', costs, '--format', 'csv']);
    assert.equal(pa.code, 0, pa.stderr);
    // every P&L line of every customer, to the cent (the CSV prints cents)
    assert.equal(csvRows(pa.stdout).length, 2357);
    assert.deepEqual(csvRows(pa.stdout), csvRows(pb.stdout));

    const both = cvm(['summary', '--engine', url, '--workspace', '/tmp/x']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /either --workspace DIR or --engine URL/);
    const bad = cvm(['summary', '--engine', 'postgres://x:1/db']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown scheme postgres/);
    const missing = cvm(['summary', '--engine', `${process.env.CVM_TEST_CLICKHOUSE}/no_such_cvm_db`]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No cvm workspace in ClickHouse database no_such_cvm_db/);
  } finally {
    await cluster.drop();
  }
});
