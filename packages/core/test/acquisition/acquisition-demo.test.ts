// Acquisition economics on the demo business (5,000 customers, seed 11): CAC per channel and month
// equals spend / new customers to the cent, recounted here from the CSV files themselves (customers
// file channel and signup month, else the first order's channel and month); the true channel order of
// value (truth.json, Monte Carlo) is recovered; the flags name the channels the generator made bad.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquisitionReport, requireAcquisitionInputs } from '../../src/acquisition/acquisition.js';
import { loadCostModel } from '../../src/profitability/cost-model.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { InputError } from '../../src/errors.js';
import { demoWorkspace, type DemoWorkspace } from '../helpers/demo-workspace.js';
import { dataPath } from '../helpers/read-csv.js';

let ws: DemoWorkspace;
const ready = demoWorkspace(5000, 11).then((w) => (ws = w));
after(async () => ws?.engine.close());

const lines = (path: string): string[][] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

/** New customers and spend per "channel|YYYY-MM", counted from the files. */
function recount(dir: string): { customers: Map<string, number>; spend: Map<string, number> } {
  const profile = new Map<string, { month: string; channel: string }>();
  for (const [id, signup, channel] of lines(join(dir, 'customers.csv')))
    profile.set(id!, { month: signup!.slice(0, 7), channel: channel!.toLowerCase() });
  const first = new Map<string, { day: string; channels: string[] }>();
  for (const [, date, id, , , quantity, , , channel] of lines(join(dir, 'transactions.csv'))) {
    if (Number(quantity) < 0) continue;
    const day = date!.slice(0, 10),
      f = first.get(id!);
    if (!f || day < f.day) first.set(id!, { day, channels: [channel!.toLowerCase()] });
    else if (day === f.day) f.channels.push(channel!.toLowerCase());
  }
  const customers = new Map<string, number>();
  for (const [id, f] of first) {
    const p = profile.get(id);
    const key = `${p?.channel || f.channels.sort()[0]}|${p?.month ?? f.day.slice(0, 7)}`;
    customers.set(key, (customers.get(key) ?? 0) + 1);
  }
  const spend = new Map<string, number>();
  for (const [month, channel, amount] of lines(join(dir, 'marketing-spend.csv'))) spend.set(`${channel}|${month}`, Number(amount));
  return { customers, spend };
}

test('CAC per channel and month = spend / new customers to the cent (recounted from the files)', async () => {
  await ready;
  const r = await acquisitionReport(ws.engine, { summary: ws.summary, models: ws.models, margin: 0.45, bootstrap: 200 });
  const { customers, spend } = recount(ws.dir);
  let checked = 0;
  for (const row of r.cohorts) {
    const key = `${row.level}|${row.cohort}`;
    assert.equal(row.newCustomers, customers.get(key) ?? 0, `new customers ${key}`);
    assert.equal(row.spend ?? 0, spend.get(key) ?? 0, `spend ${key}`);
    if (row.cac !== null) {
      assert.equal(Math.round(row.cac * 100), Math.round((spend.get(key)! / customers.get(key)!) * 100), `CAC ${key} to the cent`);
      checked++;
    }
  }
  assert.ok(checked > 150, `${checked} cells checked`);
  const totalSpend = [...spend.values()].reduce((a, b) => a + b, 0);
  const paidCustomers = [...customers].filter(([k]) => !k.startsWith('direct|')).reduce((a, [, n]) => a + n, 0);
  assert.ok(
    Math.abs(r.levels.filter((l) => l.spend !== null).reduce((a, l) => a + l.spend!, 0) - totalSpend) < 0.01,
    'channel rows add up to the spend file',
  );
  assert.equal(
    r.levels.filter((l) => l.cac !== null).reduce((a, l) => a + l.newCustomers, 0),
    paidCustomers,
  );
});

test('the true channel order of value is recovered, on the margin and on the cost-model basis', async () => {
  await ready;
  const truth: string[] = ws.truth.channelValue.orderByGrossMargin;
  for (const basis of [
    { margin: 0.45 },
    { costModel: await loadCostModel(join(ws.dir, 'cost-model.yaml')), activitiesFile: join(ws.dir, 'support-contacts.csv') },
  ]) {
    const r = await acquisitionReport(ws.engine, { summary: ws.summary, models: ws.models, bootstrap: 200, ...basis });
    // every channel acquired customers here, so each has an LTV per customer
    const order = [...r.levels].sort((a, b) => b.ltvPerCustomer! - a.ltvPerCustomer!).map((l) => l.level);
    assert.deepEqual(
      order,
      truth,
      `LTV per customer by channel: ${r.levels.map((l) => `${l.level} ${l.ltvPerCustomer?.toFixed(0)}`).join(', ')}`,
    );
    for (const l of r.levels)
      if (l.ltvToCac !== null)
        assert.ok(l.ltvToCacLow! <= l.ltvToCac && l.ltvToCac <= l.ltvToCacHigh!, `${l.level}: interval holds the estimate`);
  }
});

test('flags: social loses money, offline pays back late, direct has no spend; seeded: the same report twice', async () => {
  await ready;
  const options = {
    summary: ws.summary,
    models: ws.models,
    costModel: await loadCostModel(join(ws.dir, 'cost-model.yaml')),
    activitiesFile: join(ws.dir, 'support-contacts.csv'),
    bootstrap: 200,
  };
  const r = await acquisitionReport(ws.engine, options);
  const social = r.levels.find((l) => l.level === 'social')!;
  assert.ok(social.ltvToCac! < 1, `social LTV:CAC ${social.ltvToCac}`);
  assert.ok(
    r.flags.some((f) => /^social: LTV:CAC 0\.\d\d .*loses money/.test(f)),
    r.flags.join('\n'),
  );
  assert.ok(
    r.flags.some((f) => /^offline: pays back after \d+ months.*beyond the 12-month payback horizon/.test(f)),
    r.flags.join('\n'),
  );
  assert.ok(r.flags.some((f) => /^direct: [\d,]+ new customers and no spend recorded/.test(f)));
  const direct = r.levels.find((l) => l.level === 'direct')!;
  assert.equal(direct.cac, null);
  assert.equal(direct.note, 'no spend recorded: CAC not computed');
  const again = await acquisitionReport(ws.engine, options);
  assert.deepEqual(again.levels, r.levels);
});

test('quarter cohorts add up the months; --by an attribute has no CAC', async () => {
  await ready;
  const m = await acquisitionReport(ws.engine, { summary: ws.summary, models: ws.models, margin: 0.45, bootstrap: 200 });
  const q = await acquisitionReport(ws.engine, { summary: ws.summary, models: ws.models, margin: 0.45, bootstrap: 200, cohort: 'quarter' });
  const row = q.cohorts.find((c) => c.level === 'search' && c.cohort === '2023-Q2')!;
  const months = m.cohorts.filter((c) => c.level === 'search' && ['2023-04', '2023-05', '2023-06'].includes(c.cohort!));
  const spend = months.reduce((a, c) => a + c.spend!, 0),
    n = months.reduce((a, c) => a + c.newCustomers, 0);
  assert.equal(row.newCustomers, n);
  assert.ok(Math.abs(row.cac! - spend / n) < 1e-9);
  const byRegion = await acquisitionReport(ws.engine, {
    summary: ws.summary,
    models: ws.models,
    margin: 0.45,
    bootstrap: 200,
    by: 'region',
  });
  assert.deepEqual(byRegion.levels.map((l) => l.level).sort(), ['central', 'east', 'north', 'south', 'unknown', 'west']);
  assert.ok(byRegion.levels.every((l) => l.cac === null && l.note === ''));
  assert.equal(
    byRegion.levels.reduce((a, l) => a + l.newCustomers, 0),
    5000,
    'nobody dropped: customers without a region are unknown',
  );
});

test('CDNOW has no spend and no channels: the message names both and how to add them', async () => {
  const e = await openWorkspace({});
  await ingestFile(e, dataPath('cdnow/cdnow_sample_elog.csv'), { mapping: { customer: 'sampleid', quantity: 'cds' } });
  await assert.rejects(
    requireAcquisitionInputs(e),
    (err: InputError) =>
      err instanceof InputError &&
      err.code === 'missing_spend' &&
      /no marketing spend \(give --spend FILE/.test(err.message) &&
      /no acquisition channels/.test(err.message),
  );
  await e.close();
});
