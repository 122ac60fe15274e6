// ClickHouse users with a read-only settings profile (src/engine/clickhouse/clickhouse-readonly.ts).
// On the 2-shard 18.16 cluster (users of scripts/clickhouse-cluster.sh): a statement over 192 KiB on a
// readonly=1 profile fails with `readonly_profile` naming the profile's readonly setting, the
// statement's size and the way out, instead of ClickHouse's "Cannot override setting
// (max_query_size) in readonly mode"; on a readonly=1 profile whose administrator raised the parse
// limits it runs (the limits are sent only where the profile falls short; before, they were always
// sent and refused); readonly=2 runs it. A readonly=1 profile without cvm's own settings, and writes
// (the per-shard views of a cluster), get the same clear error. chDB (a current ClickHouse) in
// readonly mode gives the current message, mapped the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClickHouseEngine, type ClickHouseEngine } from '../../../src/engine/clickhouse/clickhouse-engine.js';
import { clickhouseDialect } from '../../../src/engine/clickhouse/clickhouse-dialect.js';
import { engineFailure, limitsToSend } from '../../../src/engine/clickhouse/clickhouse-readonly.js';
import { PARSE_LIMIT_DEFAULTS, parseLimitSettings } from '../../../src/engine/clickhouse/clickhouse-transport.js';
import { parseClickHouseUrl } from '../../../src/engine/clickhouse/clickhouse-url.js';
import { openClickHouseWorkspace } from '../../../src/engine/clickhouse/clickhouse-workspace.js';
import { EngineError } from '../../../src/errors.js';
import { openTestClickHouse, testClusterUrl } from '../../helpers/clickhouse.js';

/** A statement of about 250 KB (past the 192 KiB at which cvm sends parse limits) and its answer. */
const N = 40_000;
const LONG = `SELECT length([${Array.from({ length: N }, (_, i) => 100_000 + i).join(',')}]) AS n`;

/** The error a promise rejects with (fails when it resolves). */
async function refusal(p: Promise<unknown>): Promise<EngineError> {
  const e = await p.then(
    () => assert.fail('expected a refusal'),
    (x: unknown) => x,
  );
  assert.ok(e instanceof EngineError, `an EngineError, got ${String(e)}`);
  return e;
}

test('the readonly refusals of 18.16 and of current releases become readonly_profile; other failures stay query_failed', () => {
  const old = engineFailure(
    LONG,
    new Error('Code: 164, e.displayText() = DB::Exception: Cannot override setting (max_query_size) in readonly mode'),
  );
  const current = engineFailure(
    LONG,
    new Error("Code: 164. DB::Exception: Cannot modify 'max_query_size' setting in readonly mode. (READONLY)"),
  );
  for (const e of [old, current]) {
    assert.equal(e.code, 'readonly_profile');
    assert.match(e.message, new RegExp(`This statement is ${Buffer.byteLength(LONG)} bytes`));
    assert.match(e.message, /readonly=1.*readonly=2/);
    assert.match(e.message, /max_query_size ≥ \d+/);
    assert.match(e.message, /fewer products/);
  }
  const join = engineFailure('SELECT 1', new Error('Cannot override setting (join_use_nulls) in readonly mode'));
  assert.equal(join.code, 'readonly_profile');
  assert.match(join.message, /join_use_nulls=1.*forbids changing join_use_nulls.*readonly=2/);
  const write = engineFailure(
    'CREATE VIEW v AS SELECT 1',
    new Error('Code: 164. DB::Exception: default: Cannot execute query in readonly mode. (READONLY)'),
  );
  assert.equal(write.code, 'readonly_profile');
  assert.match(write.message, /readonly=0/);
  assert.equal(engineFailure('SELECT x', new Error("Missing columns: 'x'")).code, 'query_failed');
});

test('a long statement sends only the parse limits its profile does not grant; readonly=1 refuses before sending', () => {
  const needed = parseLimitSettings(LONG);
  const bytes = Buffer.byteLength(LONG);
  assert.deepEqual(limitsToSend(bytes, needed, { readonly: 0, ...PARSE_LIMIT_DEFAULTS }), {
    max_query_size: needed.max_query_size,
    max_ast_elements: needed.max_ast_elements,
  });
  const large = { max_query_size: 8_388_608, max_ast_elements: 8_388_608, max_expanded_ast_elements: 8_388_608 };
  assert.deepEqual(limitsToSend(bytes, needed, { readonly: 1, ...large }), {});
  assert.deepEqual(limitsToSend(bytes, needed, { readonly: 2, ...PARSE_LIMIT_DEFAULTS }), {
    max_query_size: needed.max_query_size,
    max_ast_elements: needed.max_ast_elements,
  });
  assert.throws(
    () => limitsToSend(bytes, needed, { readonly: 1, ...PARSE_LIMIT_DEFAULTS }),
    (e: unknown) => e instanceof EngineError && e.code === 'readonly_profile' && /\(the profile: 262144\)/.test(e.message),
  );
});

test('cluster: read-only profiles and long statements (18.16)', { timeout: 120_000 }, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_readonly');
  if (cluster === null) return;
  const base = process.env.CVM_TEST_CLICKHOUSE!;
  const as = (user: string, url = `${base}/default`): ClickHouseEngine => createClickHouseEngine(parseClickHouseUrl(url, { user }));
  const engines: ClickHouseEngine[] = [];
  const open = (user: string): ClickHouseEngine => {
    const e = as(user);
    engines.push(e);
    return e;
  };
  try {
    assert.deepEqual(await open('default').rows(LONG), [{ n: N }]);

    const ro = open('cvm_readonly');
    assert.deepEqual(await ro.rows('SELECT 1 AS x'), [{ x: 1 }], 'readonly=1 with cvm’s settings in the profile reads');
    const e = await refusal(ro.rows(LONG));
    assert.equal(e.code, 'readonly_profile', e.message);
    // the statement as sent: the query and its FORMAT clause
    assert.match(
      e.message,
      new RegExp(`This statement is ${Buffer.byteLength(`${LONG}\nFORMAT JSONCompact`)} bytes .* readonly=1, .* readonly=2`),
    );
    assert.match(e.message, /max_query_size ≥ \d+ \(the profile: 262144\)/);

    assert.deepEqual(await open('cvm_readonly_large').rows(LONG), [{ n: N }], 'readonly=1 with the limits raised in the profile');
    assert.deepEqual(await open('cvm_readonly2').rows(LONG), [{ n: N }], 'readonly=2');

    const bare = await refusal(open('cvm_readonly_bare').rows('SELECT 1 AS x'));
    assert.equal(bare.code, 'readonly_profile');
    assert.match(bare.message, /forbids changing \w+/);
    const opening = await refusal(openClickHouseWorkspace(`${base}/default`, { user: 'cvm_readonly_bare', mustExist: true }));
    assert.equal(opening.code, 'readonly_profile', opening.message);

    // a workspace on the cluster, read by the readonly=1 user: the per-shard view is a write
    await openClickHouseWorkspace(cluster.url).then((w) => w.close());
    const reader = as('cvm_readonly', cluster.url);
    engines.push(reader);
    const view = await refusal(
      reader.rows(`SELECT count() AS n FROM ${clickhouseDialect.perShard('SELECT customer_id FROM transactions')}`),
    );
    assert.equal(view.code, 'readonly_profile', view.message);
    assert.match(view.message, /readonly=0/);
  } finally {
    await Promise.all(engines.map((e) => e.close()));
    await cluster.drop();
  }
});

test('chdb: a long statement in a readonly session is refused with readonly_profile (the current message)', async (t) => {
  const opened = await openTestClickHouse(t, 'chdb');
  if (!opened) return;
  try {
    await opened.engine.exec('SET readonly = 1');
    const e = await refusal(opened.engine.rows(LONG));
    assert.equal(e.code, 'readonly_profile', e.message);
    assert.match(e.message, /This statement is \d+ bytes .* readonly=1/);
  } finally {
    // a readonly session cannot drop its database; closing removes the session's directory with it
    await opened.engine.close();
  }
});
