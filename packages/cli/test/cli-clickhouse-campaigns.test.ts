// cvm audience and cvm campaign with --engine clickhouse://… (the local 2-shard ClickHouse 18.16
// cluster) against the same commands on a DuckDB workspace, both holding the CDNOW sample: saved
// audiences list, show and export the same customers; a campaign over a saved audience gets the same
// groups (read back through the core from both stores), the same power and the same results (counts
// exact, every number to 1e-9 relative), from the window's transactions and from a response file.
// chDB, which has no URL, is covered by core/test/engine/clickhouse/clickhouse-campaigns.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadAssignments, openClickHouseWorkspace, openWorkspace } from '@cvm/core';
import { testClusterUrl } from '../../core/test/helpers/clickhouse.js';
import { assertDeepClose } from '../../core/test/helpers/assert-deep-close.js';
import { cvm, SAMPLE, tempDir, tempFile } from './run-cli.js';

const MAP = ['--customer-col', 'sampleid', '--quantity-col', 'cds'];

/** Times differ between runs and engines: left out of the comparison. */
const TIMES = new Set(['createdAt', 'updatedAt', 'assignedAt', 'computedAt']);
function withoutTimes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutTimes);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (TIMES.has(k) ? [] : [[k, withoutTimes(x)]])));
  return v;
}

test('cvm audience and cvm campaign --engine clickhouse://… give the DuckDB workspace answers', { timeout: 900_000 }, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_cli');
  if (cluster === null) return;
  const { url } = cluster;
  const ws = join(tempDir(), 'ws');
  /** Runs a command on ClickHouse and on the DuckDB workspace; both must exit with `code`. */
  const onBoth = (args: string[], code = 0): [string, string] => {
    const a = cvm([...args, '--engine', url]);
    const b = cvm([...args, '--workspace', ws]);
    assert.equal(b.code, code, `DuckDB: cvm ${args.join(' ')}: ${b.stderr}`);
    assert.equal(a.code, code, `ClickHouse: cvm ${args.join(' ')}: ${a.stderr}`);
    return [a.code === 0 ? a.stdout : a.stderr, b.code === 0 ? b.stdout : b.stderr];
  };
  const json = (args: string[]): [unknown, unknown] => {
    const [a, b] = onBoth([...args, '--format', 'json']);
    return [withoutTimes(JSON.parse(a)), withoutTimes(JSON.parse(b))];
  };
  try {
    onBoth(['ingest', SAMPLE, ...MAP]);

    // saved audiences
    const [sa, sb] = json(['audience', 'save', 'low tiers', '--filter', 'value_tier:in:Bronze|Silver', '--description', "it's low"]);
    assert.deepEqual(sa, sb);
    assert.ok((sa as { members: number }).members > 500, 'the audience has members');
    json(['audience', 'save', 'frequent', '--filter', 'frequency:gte:3']);
    const [la, lb] = json(['audience', 'list']);
    assert.deepEqual(la, lb);
    assert.equal((la as { audiences: unknown[] }).audiences.length, 2);
    const [ha, hb] = json(['audience', 'show', 'low tiers', '--limit', '1000']);
    assertDeepClose(ha, hb);
    const [ea, eb] = onBoth(['audience', 'export', 'frequent']);
    assert.equal(ea, eb, 'every member with every column');
    assert.ok(ea.split('\n').length > 100);
    const [da, db2] = json(['audience', 'delete', 'frequent']);
    assert.deepEqual(da, db2);
    const [ma, mb] = onBoth(['audience', 'delete', 'frequent'], 2);
    assert.equal(ma.replace(/--engine \S+/, ''), mb.replace(/--workspace \S+/, ''));

    // a campaign over the saved audience
    const form = ['--name', 'Win back', '--saved-audience', 'low tiers', '--action', 'voucher', '--send-date', '1998-01-01'];
    const more = ['--window', '30', '--control-share', '0.3', '--holdout-share', '0.05', '--seed', 'wb', '--margin-pct', '35'];
    const [pa, pb] = json(['campaign', 'create', ...form, ...more, '--dry-run', '--effect-rate', '0.05']);
    assertDeepClose(pa, pb);
    const [ca, cb] = json(['campaign', 'create', ...form, ...more, '--effect-rate', '0.05']);
    assertDeepClose(ca, cb);
    const counts = (ca as { counts: Record<string, number> }).counts;
    assert.ok(counts.target! > 0 && counts.control! > 0 && counts.holdout! > 0, JSON.stringify(counts));
    onBoth(['campaign', 'create', ...form, ...more], 2);
    const [li, lj] = json(['campaign', 'list']);
    assert.deepEqual(li, lj);
    assert.deepEqual(
      (li as { id: string; status: string }[]).map((r) => [r.id, r.status]),
      [['win-back', 'complete']],
    );

    // the same customers in the same arms, read back from both stores
    const ch = await openClickHouseWorkspace(url, { mustExist: true });
    const duck = await openWorkspace({ dir: ws, mustExist: true });
    try {
      const [xa, xb] = [await loadAssignments(ch, 'win-back'), await loadAssignments(duck, 'win-back')];
      assert.deepEqual(xa.ids, xb.ids);
      assert.deepEqual([...xa.arm], [...xb.arm]);
      assert.deepEqual(xa.counts, counts);
    } finally {
      await ch.close();
      await duck.close();
    }

    const [ra, rb] = json(['campaign', 'results', 'win-back', '--by', 'value_tier', '--bootstrap', '300', '--seed', '4', '--uplift']);
    assertDeepClose(ra, rb);
    const [ta, tb] = onBoth([
      'campaign',
      'results',
      'win-back',
      '--bootstrap',
      '300',
      '--format',
      'csv',
      '--table',
      'experiment.uplift_means',
    ]);
    assert.equal(ta, tb, 'the CSV of the uplift in revenue and margin');

    const resp = tempFile('responses.csv', 'customer_id,revenue\n1,10\n2,abc\n3,7.69\n4,\n99999,1\n');
    const [fa, fb] = json(['campaign', 'results', 'win-back', '--bootstrap', '200', '--responses', resp, '--revenue-col', 'revenue']);
    assertDeepClose(fa, fb);
    assert.equal((fa as { source: string }).source, 'response file');
    assert.equal((fa as { responseFile: { unknownCustomers: number } }).responseFile.unknownCustomers, 1);
  } finally {
    await cluster.drop();
  }
});
