// The parse limits sent with a long statement (src/engine/clickhouse/clickhouse-transport.ts): none
// up to 192 KiB, then max_query_size past the statement's bytes and AST limits of its bytes, never
// below ClickHouse's defaults. Whether ClickHouse accepts them is checked by the P&L tests on the
// 18.16 cluster and chDB (clickhouse-profitability.test.ts, 20,000 products).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PARSE_LIMIT_DEFAULTS, parseLimitSettings } from '../../../src/engine/clickhouse/clickhouse-transport.js';

test('a statement up to 192 KiB is sent without parse limits', () => {
  assert.deepEqual(parseLimitSettings('SELECT 1'), {});
  assert.deepEqual(parseLimitSettings(`SELECT '${'x'.repeat(192 * 1024 - 9)}'`), {});
});

test('a longer statement gets max_query_size past its bytes (UTF-8) and AST limits of its bytes, never below the defaults', () => {
  const sql = `SELECT '${'é'.repeat(100_000)}'`; // 200,009 bytes, 100,009 characters
  assert.deepEqual(parseLimitSettings(sql), {
    max_query_size: 200_009 + 65_536,
    max_ast_elements: 200_009,
    max_expanded_ast_elements: PARSE_LIMIT_DEFAULTS.max_expanded_ast_elements,
  });
  const big = `SELECT ${'1+'.repeat(300_000)}1`;
  assert.deepEqual(parseLimitSettings(big), {
    max_query_size: 600_008 + 65_536,
    max_ast_elements: 600_008,
    max_expanded_ast_elements: 600_008,
  });
  assert.ok(parseLimitSettings(big).max_query_size! > PARSE_LIMIT_DEFAULTS.max_query_size);
});
