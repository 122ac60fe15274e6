// The ingest report's returns total and a customer's purchases and returns per day are exact money
// sums (issue 18), on DuckDB, the 2-shard ClickHouse cluster and chDB. Ten rows of 0.10 on one day
// add up to 0.9999999999999999 as doubles in any order, so a float sum cannot pass; the exact sum
// (`SqlDialect.moneySum`) gives 1. Expected values are written by hand from the file below.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createDuckDbEngine } from '../../../src/engine/duckdb/duckdb-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import { ensureWorkspace } from '../../../src/transactions/ingest.js';
import { ingestLogFile } from '../../../src/engine/clickhouse/clickhouse-workspace.js';
import { customerDays } from '../../../src/customers/customer-detail.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempFile } from '../../transactions/ingest-helpers.js';

const rows = [
  'order_id,customer_id,date,amount',
  // c1: ten purchases of 0.10 on one day, ten returns of 0.10 the next, one purchase of 5 on a third day
  ...Array.from({ length: 10 }, (_, k) => `p${k},c1,2024-01-05,0.10`),
  ...Array.from({ length: 10 }, (_, k) => `r${k},c1,2024-01-06,-0.10`),
  'q1,c1,2024-01-07,5.00',
  // c2: returns of 0.10 and 0.20 on one day (0.30000000000000004 as doubles), nothing bought that day
  'r10,c2,2024-02-01,-0.10',
  'r11,c2,2024-02-01,-0.20',
];

async function check(engine: Engine): Promise<void> {
  const report = await ingestLogFile(engine, tempFile('log.csv', `${rows.join('\n')}\n`));
  assert.equal(report.rowsAccepted, 23);
  assert.deepEqual(report.returns, { rows: 12, amount: -1.3 });
  assert.deepEqual(await customerDays(engine, 'c1'), [
    { date: '2024-01-05', amount: 1, rows: 10, returned: 0 },
    { date: '2024-01-06', amount: 0, rows: 0, returned: 1 },
    { date: '2024-01-07', amount: 5, rows: 1, returned: 0 },
  ]);
  assert.deepEqual(await customerDays(engine, 'c2'), [{ date: '2024-02-01', amount: 0, rows: 0, returned: 0.3 }]);
}

test('DuckDB: the returns total and the per-day sums are exact', async () => {
  const engine = createDuckDbEngine();
  try {
    await ensureWorkspace(engine);
    await check(engine);
  } finally {
    await engine.close();
  }
});

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`ClickHouse (${backend}): the returns total and the per-day sums are exact`, async (t: TestContext) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    try {
      await check(ch.engine);
    } finally {
      await ch.drop();
    }
  });
}
