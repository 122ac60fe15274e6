/**
 * `cvm demo`: a seeded generator (our own code) of one coherent SYNTHETIC retailer over three years,
 * with everything cvm can use: an order-line log with returns, customer attributes and acquisition
 * channels, monthly marketing spend, prospects, survey responses, support contacts, a product file,
 * a cost model and `truth.json` with every true parameter. See `demo-params.ts` for the parameters
 * and `demo-simulate.ts` for the process; the output folder's README.md describes the files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { createRng, type Rng } from '../math/random/rng.js';
import { sampleStandardNormal } from '../math/random/sample-normal.js';
import { buildCatalog, pickCumulative } from './demo-catalog.js';
import { demoCostModelYaml, demoReadme } from './demo-files.js';
import { DEMO_ATTRIBUTES, DEMO_BASE, DEMO_CATEGORIES, DEMO_CHANNELS, type DemoOptions } from './demo-params.js';
import { newBasket, simulatePerson, type DemoSink } from './demo-simulate.js';
import { SurveyTruth } from './demo-survey-truth.js';
import { csvSink } from './demo-sink.js';
import { channelTruth } from './demo-truth.js';
import { truthDocument } from './demo-truth-doc.js';
import { acquisitionWeights, monthDays, streamSeed } from './demo-calendar.js';
import { drawPerson, newPerson, type DemoPerson } from './demo-traits.js';
import { asciiBytes, dayStrings, TextFile } from './demo-writer.js';

export type { DemoOptions } from './demo-params.js';

/** What `generateDemoBusiness` wrote. */
export interface DemoReport {
  dir: string;
  files: Record<string, { path: string; rows: number }>;
  customers: number;
  prospects: number;
  seed: number;
  signal: boolean;
  period: { start: string; end: string };
  seconds: number;
}

/** Attribute cells of a person, with a blank cell with probability `blank` each (region, age band, device). */
function attributeCells(rng: Rng, p: DemoPerson, blank: number, regionOverride: string | null): string {
  const cell = (a: number): string =>
    rng() < blank ? '' : a === 0 && regionOverride ? regionOverride : DEMO_ATTRIBUTES[a]!.levels[p.levels[a]!]!;
  return `${cell(0)},${cell(1)},${DEMO_CATEGORIES[p.home]!.name},${cell(2)},${p.visits}`;
}

/**
 * Generates the demo business into `dir` (created if missing): transactions.csv, customers.csv,
 * marketing-spend.csv, prospects.csv, surveys.csv, support-contacts.csv, products.csv,
 * cost-model.yaml, truth.json and README.md. Same options → same bytes.
 *
 * @throws InputError `bad_demo_options` for a customer count outside 1..50,000,000 or a bad seed.
 * @example
 * const r = await generateDemoBusiness('/tmp/demo', { customers: 2000, seed: 7 });
 * r.files.transactions.rows; // ≈ 20,000 order lines
 */
export function generateDemoBusiness(dir: string, options: DemoOptions = {}): DemoReport {
  const started = performance.now();
  const n = options.customers ?? 20_000;
  const seed = options.seed ?? 1;
  const signal = options.signal ?? true;
  const prospects = options.prospects ?? Math.max(1, Math.round(n / 4));
  if (!Number.isInteger(n) || n < 1 || n > 50_000_000)
    throw new InputError('bad_demo_options', `--customers must be a whole number from 1 to 50,000,000; got ${n}`, { customers: n });
  if (!Number.isInteger(prospects) || prospects < 0 || prospects > 50_000_000)
    throw new InputError('bad_demo_options', `--prospects must be a whole number from 0 to 50,000,000; got ${prospects}`, { prospects });
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new InputError('bad_demo_options', `--seed must be a whole number from 0 to 4294967295; got ${seed}`, { seed });
  const progress = options.onProgress ?? (() => {});
  mkdirSync(dir, { recursive: true });

  const months = monthDays(DEMO_BASE.start, DEMO_BASE.months);
  const totalDays = months.first[DEMO_BASE.months - 1]! + months.days[DEMO_BASE.months - 1]!;
  const days = dayStrings(DEMO_BASE.start, totalDays + 1);
  const end = days[totalDays - 1]!;
  const catalog = buildCatalog(createRng(streamSeed(seed, 0)));
  const weights = acquisitionWeights(DEMO_BASE.months, new Date(`${DEMO_BASE.start}T00:00:00Z`).getUTCMonth());
  const wsum = weights.reduce((s, w) => s + w, 0);
  const monthCumulative = Float64Array.from(weights, (_, m) => weights.slice(0, m + 1).reduce((s, w) => s + w, 0) / wsum);
  monthCumulative[DEMO_BASE.months - 1] = 1;

  const width = Math.max(6, String(n).length);
  const dayBytes = days.map(asciiBytes);
  const { files, sink, volumes, setCustomer } = csvSink(dir, catalog, dayBytes, width);

  progress('customers');
  // the survey answers' true effects (truth.json) are summed as the answers are written
  const surveyTruth = new SurveyTruth(totalDays - 1);
  const simSink: DemoSink = {
    order: sink.order,
    line: sink.line,
    ret: sink.ret,
    contact: sink.contact,
    survey(time, nps, csat, lambda, mu) {
      sink.survey(time, nps, csat, lambda, mu);
      if (nps >= 0) surveyTruth.add(time, lambda, mu);
    },
  };
  const rng = createRng(streamSeed(seed, 1));
  const person = newPerson();
  const basket = newBasket();
  for (let i = 1; i <= n; i++) {
    setCustomer(i);
    drawPerson(rng, catalog, signal, person);
    const m = pickCumulative(monthCumulative, rng());
    const birth = months.first[m]! + months.days[m]! * rng();
    const missingRow = rng() < DEMO_BASE.missingCustomerRow;
    const cells = attributeCells(rng, person, DEMO_BASE.blankAttribute, null);
    if (!missingRow)
      files.customers
        .char(67)
        .padded(i, width)
        .comma()
        .bytesOf(dayBytes[Math.floor(birth)]!)
        .comma()
        .ascii(DEMO_CHANNELS[person.channel]!.name)
        .comma()
        .ascii(cells)
        .end();
    volumes.customerYears += (totalDays - Math.floor(birth)) / 365.25;
    simulatePerson(rng, catalog, person, birth, totalDays, signal, simSink, basket);
    if ((i & 0xffff) === 0) progress(`customers ${i.toLocaleString('en-US')} of ${n.toLocaleString('en-US')}`);
  }
  for (const f of Object.values(files)) f.close();

  progress('spend and prospects');
  const spend = new TextFile(join(dir, 'marketing-spend.csv'), 'month,channel,amount');
  const spendRng = createRng(streamSeed(seed, 2));
  const spendTotals: Record<string, number> = {};
  for (let m = 0; m < DEMO_BASE.months; m++) {
    DEMO_CHANNELS.forEach((ch) => {
      if (ch.cac === null) return;
      const expected = (n * ch.share * weights[m]!) / wsum;
      const sd = DEMO_BASE.spendNoise;
      const cents = Math.max(1, Math.round(100 * ch.cac * expected * Math.exp(sd * sampleStandardNormal(spendRng) - (sd * sd) / 2)));
      spendTotals[ch.name] = (spendTotals[ch.name] ?? 0) + cents;
      spend.ascii(`${months.label[m]},${ch.name},`).cents(cents).end();
    });
  }
  spend.close();
  const prospectFile = new TextFile(
    join(dir, 'prospects.csv'),
    `prospect_id,acquisition_channel,${DEMO_ATTRIBUTES[0]!.name},${DEMO_ATTRIBUTES[1]!.name},first_category,${DEMO_ATTRIBUTES[2]!.name},site_visits`,
  );
  const prospectRng = createRng(streamSeed(seed, 3));
  const pwidth = Math.max(6, String(prospects).length);
  let unseen = 0;
  for (let i = 1; i <= prospects; i++) {
    drawPerson(prospectRng, catalog, signal, person, -1, true);
    const overseas = prospectRng() < DEMO_BASE.unseenRegionShare;
    if (overseas) unseen++;
    prospectFile
      .char(76)
      .padded(i, pwidth)
      .comma()
      .ascii(DEMO_CHANNELS[person.channel]!.name)
      .comma()
      .ascii(attributeCells(prospectRng, person, DEMO_BASE.blankAttribute, overseas ? DEMO_BASE.unseenRegion : null))
      .end();
  }
  prospectFile.close();
  const products = new TextFile(join(dir, 'products.csv'), 'product_id,category,list_price,unit_cost');
  catalog.id.forEach((id, i) =>
    products
      .ascii(`${id},${DEMO_CATEGORIES[catalog.category[i]!]!.name},`)
      .cents(catalog.priceCents[i]!)
      .comma()
      .cents(catalog.costCents[i]!)
      .end(),
  );
  products.close();
  writeFileSync(join(dir, 'cost-model.yaml'), demoCostModelYaml(catalog, volumes, end));

  progress('truth');
  const truth = channelTruth(catalog, streamSeed(seed, 4), signal);
  const rows = {
    transactions: files.transactions.rows,
    customers: files.customers.rows,
    surveys: files.surveys.rows,
    supportContacts: files.contacts.rows,
    marketingSpend: spend.rows,
    prospects: prospectFile.rows,
    products: products.rows,
  };
  writeFileSync(
    join(dir, 'truth.json'),
    JSON.stringify(
      truthDocument({
        n,
        prospects,
        seed,
        signal,
        end,
        truth,
        spendTotals,
        unseen,
        rows,
        volumes,
        catalog,
        surveyChain: surveyTruth.document(),
      }),
      null,
      2,
    ) + '\n',
  );
  writeFileSync(join(dir, 'README.md'), demoReadme({ customers: n, prospects, seed, signal, end }));
  const file = (name: string, r: number) => ({ path: join(dir, name), rows: r });
  return {
    dir,
    customers: n,
    prospects,
    seed,
    signal,
    period: { start: DEMO_BASE.start, end },
    files: {
      transactions: file('transactions.csv', rows.transactions),
      customers: file('customers.csv', rows.customers),
      marketingSpend: file('marketing-spend.csv', rows.marketingSpend),
      prospects: file('prospects.csv', rows.prospects),
      surveys: file('surveys.csv', rows.surveys),
      supportContacts: file('support-contacts.csv', rows.supportContacts),
      products: file('products.csv', rows.products),
      costModel: file('cost-model.yaml', 0),
      truth: file('truth.json', 0),
      readme: file('README.md', 0),
    },
    seconds: (performance.now() - started) / 1000,
  };
}
