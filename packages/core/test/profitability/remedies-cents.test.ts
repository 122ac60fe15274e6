// Issue 21, "Also fix": a return-only customer gets a remedy about returns (not "re-price"), and
// per-unit money figures come in whole cents so the table, CSV and JSON show the same cents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { parseCostModel } from '../../src/profitability/cost-model.js';
import { computeProfitability } from '../../src/profitability/profitability.js';
import { unprofitableCustomers } from '../../src/profitability/unprofitable.js';
import { profitByGroup } from '../../src/profitability/profit-by-group.js';
import { centsPer } from '../../src/profitability/allocate-cents.js';
import { tempDir } from '../helpers/temp-dir.js';

test('a customer with only returns in the period is told to review the returns, not to re-price', async () => {
  const log = join(tempDir(), 'log.csv');
  writeFileSync(
    log,
    ['customer,date,amount,order', 'A,2024-01-10,100.00,A1', 'A,2024-02-10,50.00,A2', 'R,2024-02-01,-40.00,R1'].join('\n') + '\n',
  );
  const engine = createDuckDbEngine();
  await ingestFile(engine, log, { maxDate: '2030-01-01' });
  const r = await computeProfitability(
    engine,
    parseCostModel('currency: EUR\nproduct_cost: { margin_pct: 40 }\npools:\n  - { name: returns handling, cost: 5.00, driver: return }\n'),
  );
  await engine.close();
  const u = unprofitableCustomers(r);
  const c = u.customers.find((x) => x.customerId === 'R');
  assert.ok(c, JSON.stringify(u.customers));
  assert.equal(c.remedy, 'review_returns');
  // net −40.00, product cost given back −24.00 (40% margin), returns handling 5.00: profit −40 + 24 − 5 = −21.00
  assert.equal(c.profit, -21);
  assert.equal(
    c.detail,
    'no purchase in the period, 1 return worth 40.00 (bought before the period?); check why the goods came back and the return policy, not the prices',
  );
  assert.equal(u.byRemedy.review_returns, 1);
  assert.equal(u.byRemedy.re_pricing, 0);
});

test('profit per customer and average order value are whole cents, half away from zero (0.745 → 0.75, not a float that prints 0.74)', () => {
  const g = profitByGroup(['a', 'a'], Float64Array.of(1.49, 0), Float64Array.of(0, 0), Float64Array.of(0, 0));
  assert.equal(g[0]!.profit, 1.49);
  assert.equal(g[0]!.profitPerCustomer, 0.75, '149 cents / 2 = 74.5 cents → 75');
  assert.equal(centsPer(-149, 2), -0.75);
  assert.equal(centsPer(100, 3), 0.33);
  assert.ok(Number.isNaN(centsPer(5, 0)));
});
