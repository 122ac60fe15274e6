// The synthetic demo business: same seed → same bytes; every file reads into cvm without a rejected
// row; truth.json holds the parameters; the no-signal flag zeroes every effect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { DEMO_CHANNELS } from '../../src/demo/demo-params.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { loadCostModel } from '../../src/profitability/cost-model.js';
import { computeProfitability } from '../../src/profitability/profitability.js';
import type { InputError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );

test('same seed, same bytes; another seed, another business', () => {
  const a = tempDir(),
    b = tempDir(),
    c = tempDir();
  generateDemoBusiness(a, { customers: 1500, seed: 4 });
  generateDemoBusiness(b, { customers: 1500, seed: 4 });
  generateDemoBusiness(c, { customers: 1500, seed: 5 });
  assert.deepEqual(hashes(a), hashes(b));
  assert.notEqual(hashes(a)['transactions.csv'], hashes(c)['transactions.csv']);
  assert.deepEqual(Object.keys(hashes(a)), [
    'README.md',
    'cost-model.yaml',
    'customers.csv',
    'marketing-spend.csv',
    'products.csv',
    'prospects.csv',
    'support-contacts.csv',
    'surveys.csv',
    'transactions.csv',
    'truth.json',
  ]);
  assert.match(readFileSync(join(a, 'README.md'), 'utf8'), /SYNTHETIC/);
});

test('every file reads without a rejected row; the cost model reconciles; truth.json counts what was written', async () => {
  const dir = tempDir();
  const r = generateDemoBusiness(dir, { customers: 2000, seed: 8 });
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  const e = await openWorkspace({});
  const log = await ingestFile(e, join(dir, 'transactions.csv'));
  assert.equal(log.rowsQuarantined, 0);
  assert.equal(log.rowsRead, r.files.transactions!.rows);
  assert.deepEqual(
    log.mapping!.mapping,
    {
      customer: 'customer_id',
      date: 'order_date',
      amount: 'amount',
      order: 'order_id',
      product: 'product_id',
      quantity: 'quantity',
      price: 'unit_price',
      channel: 'channel',
    },
    'every column auto-detected',
  );
  assert.ok(log.returns.rows > 0, 'returns present');
  for (const [kind, f] of [
    ['customers', 'customers.csv'],
    ['spend', 'marketing-spend.csv'],
    ['prospects', 'prospects.csv'],
  ] as const) {
    const x = await ingestInputFile(e, kind, join(dir, f));
    assert.equal(x.rowsQuarantined, 0, f);
  }
  const [c] = await e.rows<{ n: number; customers: number }>(
    'SELECT count(DISTINCT customer_id) AS customers, (SELECT count(*) FROM customer_profiles) AS n FROM transactions',
  );
  assert.equal(c!.customers, 2000, 'every customer has an order');
  assert.ok(c!.n >= 1940 && c!.n < 2000, `about 1% of the customers lack a customers.csv row (CRM gap): ${c!.n}`);
  assert.equal(truth.rows.transactions, r.files.transactions!.rows);
  assert.equal(truth.generator.seed, 8);
  assert.deepEqual(
    truth.channels.map((x: { name: string }) => x.name),
    DEMO_CHANNELS.map((x) => x.name),
  );
  const [o] = await e.rows<{ orders: number }>('SELECT count(DISTINCT order_id) AS orders FROM transactions WHERE NOT is_return');
  assert.equal(truth.costModel.volumes.orders, o!.orders);
  const model = await loadCostModel(join(dir, 'cost-model.yaml'));
  assert.equal(
    model.activitiesFile,
    join(dir, 'support-contacts.csv'),
    'the cost model names its activity file, resolved against its folder',
  );
  const p = await computeProfitability(e, model);
  assert.equal(p.activities?.rowsAccepted, r.files.supportContacts!.rows);
  assert.ok(p.reconciliation.balanced, 'pools reconcile to the cent');
  assert.equal(p.totals.unassignedCost, 0, 'every pool has driver volume');
  const rate = (name: string): number => p.pools.find((x) => x.name === name)!.rate;
  assert.ok(
    Math.abs(rate('order processing') - 2.5) < 0.001 && Math.abs(rate('customer service') - 8) < 0.01,
    "the pools' rates are the round figures of the generator",
  );
  await e.close();
});

test('no-signal mode: every effect is zero and the channels are worth the same (within Monte Carlo error)', () => {
  const dir = tempDir();
  generateDemoBusiness(dir, { customers: 300, seed: 2, signal: false });
  const t = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  assert.equal(t.generator.signal, false);
  for (const ch of t.channels) assert.deepEqual(ch.effects, { lambda: 0, mu: 0, spend: 0 });
  for (const a of Object.values(t.attributes) as { effects: Record<string, number[]> }[])
    for (const v of Object.values(a.effects).flat()) assert.equal(v, 0);
  const values = t.channelValue.byChannel.map((x: { grossMargin: number }) => x.grossMargin);
  const se = Math.max(...t.channelValue.byChannel.map((x: { grossMarginSe: number }) => x.grossMarginSe));
  assert.ok(Math.max(...values) - Math.min(...values) < 6 * se, `channel values ${values.join(', ')} differ by less than 6 SE (${se})`);
});

test('bad options are refused with a message', () => {
  assert.throws(
    () => generateDemoBusiness(tempDir(), { customers: 0 }),
    (e: InputError) => e.code === 'bad_demo_options' && /--customers/.test(e.message),
  );
  assert.throws(
    () => generateDemoBusiness(tempDir(), { customers: 10, seed: -1 }),
    (e: InputError) => e.code === 'bad_demo_options',
  );
});
