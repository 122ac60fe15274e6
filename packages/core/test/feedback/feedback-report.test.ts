// The feedback report on a small demo business, against independent recounts done here from the
// CSV files themselves: NPS and CSAT by value tier and by month (plain counting of the survey rows),
// the response rate, and the chain's per-respondent table (purchase days and spend before and after
// each answer, recounted from transactions.csv). Unknown customers and answers after the analysis
// day are counted and left out, with a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { Analysis } from '../../src/analysis/analysis.js';
import { feedbackReport } from '../../src/feedback/feedback.js';
import { loadChainData, isoMinusDays } from '../../src/feedback/chain-data.js';
import { feedbackSection } from '../../src/feedback/feedback-tables.js';
import { InputError } from '../../src/errors.js';
import { assertClose } from '../helpers/assert-close.js';
import { tempDir } from '../helpers/temp-dir.js';

const csv = (path: string): Record<string, string>[] => {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
};
const dayOf = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000;

const dir = tempDir();
generateDemoBusiness(dir, { customers: 2500, seed: 11 });
// one answer from an unknown customer, one after the last day of the log
appendFileSync(join(dir, 'surveys.csv'), 'ZZ404,2023-05-01,3,2\nC000001,2030-01-01,10,5\n');

const setup = (async () => {
  const e = await openWorkspace({});
  await ingestFile(e, join(dir, 'transactions.csv'));
  const ing = await ingestInputFile(e, 'surveys', join(dir, 'surveys.csv'));
  const a = new Analysis(e, { models: false });
  const { summary } = await a.overview();
  const segmentation = await a.segmentation();
  const { report } = await feedbackReport(e, { summary, segmentation, scores: null, clvUnit: null, acquisitionChannel: null });
  return { e, ing, summary, segmentation, report };
})();

test('NPS and CSAT by value tier and by month equal a plain count of the survey rows', async () => {
  const { ing, summary, segmentation: seg, report } = await setup;
  const rows = csv(join(dir, 'surveys.csv'));
  assert.equal(ing.rowsAccepted, rows.length, 'the demo survey file reads without a quarantined row');
  const tierOf = new Map(seg.customerId.map((id, j) => [id, seg.tiers.names[seg.tiers.tier[j]!]!]));
  const known = new Set(summary.customerId);
  const used = rows.filter((r) => known.has(r.customer_id!) && r.response_date! <= summary.calibrationEnd);
  assert.equal(report.responses.used, used.length);
  assert.equal(report.responses.unknown.responses, 1);
  assert.deepEqual(report.responses.unknown.examples, ['ZZ404']);
  assert.equal(report.responses.afterAsOf, 1);
  // customers whose every purchase was returned are in the log but not in the summary: counted apart
  assert.equal(
    report.responses.used + report.responses.unknown.responses + report.responses.noPurchaseDay.responses + report.responses.afterAsOf,
    rows.length,
  );
  assert.ok(report.warnings.some((w) => /ZZ404/.test(w)) && report.warnings.some((w) => /after the analysis day/.test(w)));
  for (const [dimension, levelOf] of [
    ['value_tier', (r: Record<string, string>) => tierOf.get(r.customer_id!)!],
    ['month', (r: Record<string, string>) => r.response_date!.slice(0, 7)],
  ] as const) {
    const count = new Map<string, { p: number; pa: number; d: number; cn: number; cs: number }>();
    for (const r of used) {
      const l = levelOf(r);
      const c = count.get(l) ?? { p: 0, pa: 0, d: 0, cn: 0, cs: 0 };
      count.set(l, c);
      if (r.nps !== '') {
        const v = Number(r.nps);
        if (v >= 9) c.p++;
        else if (v >= 7) c.pa++;
        else c.d++;
      }
      if (r.csat !== '' && r.csat !== undefined) {
        c.cn++;
        c.cs += Number(r.csat);
      }
    }
    const b = report.breakdowns.find((x) => x.dimension === dimension)!;
    assert.deepEqual(b.rows.map((x) => x.level).sort(), [...count.keys()].sort(), `${dimension} levels`);
    for (const g of b.rows) {
      const c = count.get(g.level)!;
      assert.deepEqual([g.promoters, g.passives, g.detractors, g.csatAnswers], [c.p, c.pa, c.d, c.cn], `${dimension} ${g.level} counts`);
      if (c.p + c.pa + c.d > 0)
        assertClose(g.nps, (100 * (c.p - c.d)) / (c.p + c.pa + c.d), 1e-9, `${dimension} ${g.level} NPS (plain count)`);
      if (c.cn > 0) assertClose(g.csatMean, c.cs / c.cn, 1e-9, `${dimension} ${g.level} CSAT mean (plain count)`);
      assert.ok(g.npsLower <= g.nps && g.nps <= g.npsUpper, `${dimension} ${g.level} NPS inside its interval`);
    }
  }
  // response rate: respondents / customers whose first purchase is on or before the last used answer
  const last = used.reduce((m, r) => (r.response_date! > m ? r.response_date! : m), '');
  const respondents = new Set(used.map((r) => r.customer_id));
  let base = 0;
  for (let c = 0; c < summary.length; c++) if (summary.firstPurchase[c]! <= dayOf(last)) base++;
  assert.equal(report.responseRate.respondents, respondents.size);
  assert.equal(report.responseRate.base, base);
  const section = feedbackSection(report);
  assert.match(section.lines[1]!, /^NPS -?\d+\.\d \(95% CI/);
  assert.ok(section.tables.some((t) => t.id === 'feedback.by_value_tier'));
});

test('the chain table: purchase days and spend before and after each answer equal a recount from transactions.csv', async () => {
  const { e, summary } = await setup;
  const asOf = summary.calibrationEnd;
  const data = await loadChainData(e, asOf, [90, 180]);
  const lastResponse = isoMinusDays(asOf, 180);
  // purchases: positive rows merged by customer and day
  const buy = new Map<string, Map<number, number>>();
  for (const t of csv(join(dir, 'transactions.csv'))) {
    const amount = Number(t.amount);
    if (!(amount > 0) || Number(t.quantity) < 0) continue;
    const m = buy.get(t.customer_id!) ?? new Map<number, number>();
    buy.set(t.customer_id!, m);
    const d = dayOf(t.order_date!);
    m.set(d, (m.get(d) ?? 0) + amount);
  }
  const first = new Map<string, { day: number; nps: number }>();
  for (const r of csv(join(dir, 'surveys.csv'))) {
    if (r.nps === '' || r.response_date! > lastResponse) continue;
    const prev = first.get(r.customer_id!);
    const d = dayOf(r.response_date!);
    if (!prev || d < prev.day) first.set(r.customer_id!, { day: d, nps: Number(r.nps) });
  }
  const expected = [...first.entries()]
    .filter(([id, r]) => [...(buy.get(id)?.keys() ?? [])].some((d) => d <= r.day))
    .map(([id]) => id)
    .sort();
  assert.deepEqual([...data.customerId].sort(), expected, 'respondents: first NPS answer by the cut-off, with a purchase on or before it');
  assert.ok(expected.length > 200);
  const index = new Map(data.customerId.map((id, i) => [id, i]));
  for (const id of expected) {
    const i = index.get(id)!,
      r = first.get(id)!,
      days = [...buy.get(id)!.entries()];
    const cls = r.nps <= 6 ? 0 : r.nps <= 8 ? 1 : 2;
    assert.equal(data.input.npsClass[i], cls, `${id} class`);
    assertClose(
      Math.exp(data.input.covariates[0]!.values[i]!),
      days.filter(([d]) => d <= r.day).length,
      1e-9,
      `${id} purchase days before`,
    );
    data.input.windows.forEach((w, k) => {
      const after = days.filter(([d]) => d > r.day && d <= r.day + w);
      assert.equal(data.input.daysAfter[k]![i], after.length, `${id} purchase days in ${w} days`);
      assertClose(
        data.input.spendAfter[k]![i]!,
        after.reduce((s, [, a]) => s + a, 0),
        1e-6,
        `${id} spend in ${w} days`,
      );
    });
  }
});

test('a workspace without survey responses: a typed error that says how to add them', async () => {
  const e = await openWorkspace({});
  await ingestFile(e, join(dir, 'transactions.csv'));
  const a = new Analysis(e, { models: false });
  const { summary } = await a.overview();
  await assert.rejects(
    feedbackReport(e, { summary, segmentation: await a.segmentation(), scores: null, clvUnit: null, acquisitionChannel: null }),
    (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.code, 'no_surveys');
      assert.match(err.message, /--surveys FILE/);
      return true;
    },
  );
  await e.close();
});

test('close', async () => {
  await (await setup).e.close();
});
