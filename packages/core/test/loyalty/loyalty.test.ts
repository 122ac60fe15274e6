// Loyalty tiers over time against a brute-force recomputation from transactions.csv on a sample of
// customers (spend of every purchase in the 365 days up to each month end, summed in day order);
// retention, spend and programme cost by tier recounted the same way; programme files with
// overlapping or gapped tiers refused naming the tiers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { loadLoyaltyProgram, parseLoyaltyProgram } from '../../src/loyalty/loyalty-program.js';
import { loadPurchaseDays, loyaltyReport } from '../../src/loyalty/loyalty.js';
import { monthEndReviews, NOT_YET, tiersOverTime } from '../../src/loyalty/loyalty-tiers.js';
import { programTotals } from '../../src/loyalty/loyalty-tables.js';
import { InputError } from '../../src/errors.js';
import { assertClose } from '../helpers/assert-close.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const dayOf = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000;

test('tiers at every month end equal a brute-force recomputation on a sample of 60 customers; outcomes by tier recounted', async () => {
  const dir = tempDir();
  generateDemoBusiness(dir, { customers: 1500, seed: 21 });
  const e = await openWorkspace({});
  await ingestFile(e, join(dir, 'transactions.csv'));
  const asOf = '2024-12-31';
  const purchases = await loadPurchaseDays(e, asOf);
  await e.close();
  const program = await loadLoyaltyProgram(join(ROOT, 'data/loyalty/three-tiers.yaml'));
  const reviews = monthEndReviews(dayOf('2022-01-01'), dayOf(asOf));
  assert.equal(reviews.length, 36);
  assert.equal(new Date(reviews[1]! * 86_400_000).toISOString().slice(0, 10), '2022-02-28');
  const { tier } = tiersOverTime(purchases, reviews, program);
  // brute force: every positive order line of the sample's customers, straight from the CSV
  const [head, ...lines] = readFileSync(join(dir, 'transactions.csv'), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  const ci = cols.indexOf('customer_id'),
    di = cols.indexOf('order_date'),
    ai = cols.indexOf('amount');
  const sample = purchases.customerId.filter((_, k) => k % 25 === 0);
  assert.equal(sample.length, 60);
  const want = new Set(sample);
  const rows = new Map<string, { day: number; amount: number }[]>();
  for (const l of lines) {
    const f = l.split(',');
    if (!want.has(f[ci]!) || !(Number(f[ai]) > 0)) continue;
    rows.set(f[ci]!, [...(rows.get(f[ci]!) ?? []), { day: dayOf(f[di]!), amount: Number(f[ai]) }]);
  }
  let checked = 0;
  for (const id of sample) {
    const k = purchases.customerId.indexOf(id);
    const mine = rows.get(id)!.sort((a, b) => a.day - b.day);
    // merge same-day lines in order, as the log's purchase days do
    const days = new Map<number, number>();
    for (const r of mine) days.set(r.day, (days.get(r.day) ?? 0) + r.amount);
    reviews.forEach((R, r) => {
      const firstDay = mine[0]!.day;
      let expected: number;
      if (firstDay > R) expected = NOT_YET;
      else {
        let s = 0;
        for (const [d, a] of days) if (d > R - 365 && d <= R) s += a;
        expected = -1;
        program.tiers.forEach((t, j) => {
          if (s >= t.min) expected = j;
        });
      }
      assert.equal(tier[k * reviews.length + r], expected, `${id} at review ${r}`);
      checked++;
    });
  }
  assert.equal(checked, 60 * 36);
  // outcomes after the last month end with 180 days after it (2024-06-30)
  const report = loyaltyReport(purchases, program, { asOf, horizonDays: 180 });
  assert.equal(report.outcomeReview, '2024-06-30');
  const rs = reviews.indexOf(dayOf('2024-06-30'));
  for (let t = 0; t < program.tiers.length; t++) {
    let n = 0,
      retained = 0,
      spend = 0;
    for (let k = 0; k < purchases.customerId.length; k++) {
      if (tier[k * reviews.length + rs] !== t) continue;
      n++;
      let s = 0,
        any = false;
      for (let i = purchases.start[k]!; i < purchases.start[k + 1]!; i++) {
        const d = purchases.day[i]!;
        if (d > reviews[rs]! && d <= reviews[rs]! + 180) {
          s += purchases.amount[i]!;
          any = true;
        }
      }
      if (any) retained++;
      spend += s;
    }
    const row = report.byTier[t]!;
    assert.equal(row.members, n, `${row.tier} members`);
    assertClose(row.retained, retained / n, 1e-12, `${row.tier} retained (recount)`);
    assertClose(row.spend, spend / n, 1e-9, `${row.tier} spend per member (recount)`);
    const cost =
      (program.tiers[t]!.benefitCostPerYear * 180) / 365 + (spend / n) * program.pointsPerUnit * program.redemptionRate * program.pointCost;
    assertClose(row.netMargin, (spend / n) * program.margin - cost, 1e-9, `${row.tier} net margin per member (recount)`);
  }
  // moves: members at a review = kept + joined + moved up + moved down into the tier
  for (const row of report.overTime) assert.equal(row.members, row.joined + row.movedUp + row.movedDown + row.kept);
  // a lower Gold threshold: more Gold members now, and the difference is counted
  const lower = loyaltyReport(purchases, await loadLoyaltyProgram(join(ROOT, 'data/loyalty/three-tiers-lower-gold.yaml')), {
    asOf,
    horizonDays: 180,
  });
  const [a, b] = programTotals([report, lower]);
  const gold = (r: typeof report) => r.byTier.find((x) => x.tier === 'Gold')!.currentMembers;
  assert.ok(gold(lower) > gold(report));
  let differs = 0;
  report.current.tier.forEach((t, i) => {
    if (t !== lower.current.tier[i]) differs++;
  });
  assert.equal(a!.changedTier, 0);
  assert.equal(b!.changedTier, differs);
  assert.ok(b!.programCost > a!.programCost);
});

test('programme files: overlapping and gapped tiers are refused naming the tiers; a top tier with a max too', () => {
  const base = { margin: 0.3 };
  const check = (tiers: unknown[], pattern: RegExp) =>
    assert.throws(
      () => parseLoyaltyProgram({ ...base, tiers }, 'p.yaml'),
      (err: unknown) => {
        assert.ok(err instanceof InputError);
        assert.equal(err.code, 'bad_loyalty_program');
        assert.match(err.message, pattern);
        return true;
      },
    );
  check(
    [
      { name: 'Bronze', min: 0, max: 600 },
      { name: 'Silver', min: 500, max: 1500 },
      { name: 'Gold', min: 1500 },
    ],
    /tiers Bronze \(0–600\) and Silver \(500–1,500\) overlap/,
  );
  check(
    [
      { name: 'Bronze', min: 0, max: 400 },
      { name: 'Silver', min: 500 },
    ],
    /between tiers Bronze \(0–400\) and Silver \(500–…\) there is a gap/,
  );
  check(
    [
      { name: 'Bronze', min: 0, max: 400 },
      { name: 'Silver', min: 400, max: 900 },
    ],
    /the top tier Silver has a max/,
  );
  check(
    [
      { name: 'A', min: 0, max: 10 },
      { name: 'A', min: 10 },
    ],
    /two tiers are named "A"/,
  );
  check([{ name: 'A', min: -5 }], /tiers\.0\.min/);
  assert.throws(() => parseLoyaltyProgram({ tiers: [{ name: 'A', min: 0 }] }, 'p.yaml'), /margin/);
  const ok = parseLoyaltyProgram(
    {
      ...base,
      tiers: [
        { name: 'Gold', min: 1000 },
        { name: 'Member', min: 0, max: 1000 },
      ],
    },
    'p.yaml',
  );
  assert.deepEqual(
    ok.tiers.map((t) => t.name),
    ['Member', 'Gold'],
    'tiers sorted by min',
  );
});
