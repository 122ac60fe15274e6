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
import { buildCatalog, pickCumulative, type DemoCatalog } from './demo-catalog.js';
import { demoCostModelYaml, demoReadme, DEMO_POOL_RATES, type DemoVolumes } from './demo-files.js';
import { DEMO_ATTRIBUTES, DEMO_BASE, DEMO_CATEGORIES, DEMO_CHANNELS, type DemoOptions } from './demo-params.js';
import { newBasket, ORDER_CHANNELS, simulatePerson, type DemoSink } from './demo-simulate.js';
import { channelTruth } from './demo-truth.js';
import { drawPerson, newPerson, type DemoPerson } from './demo-traits.js';
import { asciiBytes, dayStrings, TextFile, writeTimestamp } from './demo-writer.js';

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

/** Months of the demo as [first day index, days] from the start. */
function monthDays(start: string, months: number): { first: number[]; days: number[]; label: string[] } {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  const y0 = new Date(t0).getUTCFullYear(), m0 = new Date(t0).getUTCMonth();
  const first: number[] = [], days: number[] = [], label: string[] = [];
  for (let m = 0; m < months; m++) {
    const a = Date.UTC(y0, m0 + m, 1), b = Date.UTC(y0, m0 + m + 1, 1);
    first.push(Math.round((a - t0) / 86_400_000));
    days.push(Math.round((b - a) / 86_400_000));
    label.push(new Date(a).toISOString().slice(0, 7));
  }
  return { first, days, label };
}

/** Acquisition weight of month m: linear growth to twice the start rate, with a holiday season. */
export function acquisitionWeights(months: number, startMonth: number): Float64Array {
  const season = [0.85, 0.95, 1, 1, 1, 0.95, 0.9, 0.95, 1.05, 1.1, 1.25, 1.35];
  return Float64Array.from({ length: months }, (_, m) => (1 + m / Math.max(1, months - 1)) * season[(startMonth + m) % 12]!);
}

/** A 32-bit mix of a seed and a stream number, so that the generator's streams are unrelated. */
function streamSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Attribute cells of a person, with a blank cell with probability `blank` each (region, age band, device). */
function attributeCells(rng: Rng, p: DemoPerson, blank: number, regionOverride: string | null): string {
  const cell = (a: number): string => (rng() < blank ? '' : a === 0 && regionOverride ? regionOverride : DEMO_ATTRIBUTES[a]!.levels[p.levels[a]!]!);
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
  if (!Number.isInteger(n) || n < 1 || n > 50_000_000) throw new InputError('bad_demo_options', `--customers must be a whole number from 1 to 50,000,000; got ${n}`, { customers: n });
  if (!Number.isInteger(prospects) || prospects < 0 || prospects > 50_000_000) throw new InputError('bad_demo_options', `--prospects must be a whole number from 0 to 50,000,000; got ${prospects}`, { prospects });
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new InputError('bad_demo_options', `--seed must be a whole number from 0 to 4294967295; got ${seed}`, { seed });
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

  const files = {
    transactions: new TextFile(join(dir, 'transactions.csv'), 'order_id,order_date,customer_id,product_id,category,quantity,unit_price,amount,channel'),
    customers: new TextFile(join(dir, 'customers.csv'), `customer_id,signup_date,acquisition_channel,${DEMO_ATTRIBUTES[0]!.name},${DEMO_ATTRIBUTES[1]!.name},first_category,${DEMO_ATTRIBUTES[2]!.name},site_visits`),
    surveys: new TextFile(join(dir, 'surveys.csv'), 'customer_id,response_date,nps,csat'),
    contacts: new TextFile(join(dir, 'support-contacts.csv'), 'customer_id,activity,count,date'),
  };
  const width = Math.max(6, String(n).length);
  const volumes: DemoVolumes = { orders: 0, units: 0, returnOrders: 0, contacts: 0, customerYears: 0 };
  const dayBytes = days.map(asciiBytes);
  // "P0001,apparel," per product and ",search" per order channel, prepared once
  const productBytes = catalog.id.map((id, i) => asciiBytes(`${id},${DEMO_CATEGORIES[catalog.category[i]!]!.name},`));
  const channelBytes = ORDER_CHANNELS.map((c) => asciiBytes(`,${c}`));
  let customerNo = 0;
  let orderNo = 0;
  let orderTime = 0;
  let orderChannel = 0;
  let returnedOrder = -1;
  const tx = files.transactions;
  const row = (time: number, product: number, quantity: number, unit: number): void => {
    tx.char(79).padded(orderNo, 8).comma();
    writeTimestamp(tx, dayBytes, time).comma().char(67).padded(customerNo, width).comma();
    tx.bytesOf(productBytes[product]!).int(quantity).comma().cents(unit).comma().cents(quantity * unit).bytesOf(channelBytes[orderChannel]!).end();
  };
  const sink: DemoSink = {
    order(time, channel) {
      orderNo++;
      orderTime = time;
      orderChannel = channel;
      volumes.orders++;
    },
    line(product, quantity, unit) {
      row(orderTime, product, quantity, unit);
      volumes.units += quantity;
    },
    ret(time, product, quantity, unit) {
      row(time, product, -quantity, unit);
      if (returnedOrder !== orderNo) {
        returnedOrder = orderNo;
        volumes.returnOrders++;
      }
    },
    contact(time) {
      files.contacts.char(67).padded(customerNo, width).ascii(',support_contact,1,').bytesOf(dayBytes[Math.floor(time)]!).end();
      volumes.contacts++;
    },
    survey(time, nps, csat) {
      const f = files.surveys.char(67).padded(customerNo, width).comma().bytesOf(dayBytes[Math.floor(time)]!).comma();
      if (nps >= 0) f.int(nps);
      f.comma();
      if (csat >= 0) f.int(csat);
      f.end();
    },
  };

  progress('customers');
  const rng = createRng(streamSeed(seed, 1));
  const person = newPerson();
  const basket = newBasket();
  for (let i = 1; i <= n; i++) {
    customerNo = i;
    drawPerson(rng, catalog, signal, person);
    const m = pickCumulative(monthCumulative, rng());
    const birth = months.first[m]! + months.days[m]! * rng();
    const missingRow = rng() < DEMO_BASE.missingCustomerRow;
    const cells = attributeCells(rng, person, DEMO_BASE.blankAttribute, null);
    if (!missingRow) files.customers.char(67).padded(i, width).comma().bytesOf(dayBytes[Math.floor(birth)]!).comma().ascii(DEMO_CHANNELS[person.channel]!.name).comma().ascii(cells).end();
    volumes.customerYears += (totalDays - Math.floor(birth)) / 365.25;
    simulatePerson(rng, catalog, person, birth, totalDays, signal, sink, basket);
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
  const prospectFile = new TextFile(join(dir, 'prospects.csv'), `prospect_id,acquisition_channel,${DEMO_ATTRIBUTES[0]!.name},${DEMO_ATTRIBUTES[1]!.name},first_category,${DEMO_ATTRIBUTES[2]!.name},site_visits`);
  const prospectRng = createRng(streamSeed(seed, 3));
  const pwidth = Math.max(6, String(prospects).length);
  let unseen = 0;
  for (let i = 1; i <= prospects; i++) {
    drawPerson(prospectRng, catalog, signal, person, -1, true);
    const overseas = prospectRng() < DEMO_BASE.unseenRegionShare;
    if (overseas) unseen++;
    prospectFile.char(76).padded(i, pwidth).comma().ascii(DEMO_CHANNELS[person.channel]!.name).comma().ascii(attributeCells(prospectRng, person, DEMO_BASE.blankAttribute, overseas ? DEMO_BASE.unseenRegion : null)).end();
  }
  prospectFile.close();
  const products = new TextFile(join(dir, 'products.csv'), 'product_id,category,list_price,unit_cost');
  catalog.id.forEach((id, i) => products.ascii(`${id},${DEMO_CATEGORIES[catalog.category[i]!]!.name},`).cents(catalog.priceCents[i]!).comma().cents(catalog.costCents[i]!).end());
  products.close();
  writeFileSync(join(dir, 'cost-model.yaml'), demoCostModelYaml(catalog, volumes, end));

  progress('truth');
  const truth = channelTruth(catalog, streamSeed(seed, 4), signal);
  const rows = { transactions: files.transactions.rows, customers: files.customers.rows, surveys: files.surveys.rows, supportContacts: files.contacts.rows, marketingSpend: spend.rows, prospects: prospectFile.rows, products: products.rows };
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(truthDocument({ n, prospects, seed, signal, end, truth, spendTotals, unseen, rows, volumes, catalog }), null, 2) + '\n');
  writeFileSync(join(dir, 'README.md'), demoReadme({ customers: n, prospects, seed, signal, end }));
  const file = (name: string, r: number) => ({ path: join(dir, name), rows: r });
  return {
    dir, customers: n, prospects, seed, signal, period: { start: DEMO_BASE.start, end },
    files: {
      transactions: file('transactions.csv', rows.transactions), customers: file('customers.csv', rows.customers),
      marketingSpend: file('marketing-spend.csv', rows.marketingSpend), prospects: file('prospects.csv', rows.prospects),
      surveys: file('surveys.csv', rows.surveys), supportContacts: file('support-contacts.csv', rows.supportContacts),
      products: file('products.csv', rows.products), costModel: file('cost-model.yaml', 0), truth: file('truth.json', 0), readme: file('README.md', 0),
    },
    seconds: (performance.now() - started) / 1000,
  };
}

/** truth.json: every true parameter, the true value per channel and what was written. */
function truthDocument(o: {
  n: number; prospects: number; seed: number; signal: boolean; end: string; truth: ReturnType<typeof channelTruth>;
  spendTotals: Record<string, number>; unseen: number; rows: Record<string, number>; volumes: DemoVolumes; catalog: DemoCatalog;
}): unknown {
  const zero = (v: number): number => (o.signal ? v : 0);
  const order = [...o.truth].sort((a, b) => b.grossMargin - a.grossMargin).map((t) => t.channel);
  return {
    synthetic: true,
    description: 'Truth of the synthetic demo business generated by cvm demo. Rates are per day; effects are natural-log multipliers; money in the currency.',
    generator: { name: 'cvm demo', version: 1, seed: o.seed, customers: o.n, prospects: o.prospects, signal: o.signal },
    period: { start: DEMO_BASE.start, end: o.end, months: DEMO_BASE.months },
    currency: DEMO_BASE.currency,
    process: {
      purchases: 'Pareto/NBD per customer: lambda = Gamma(r, alpha) * exp(sum of lambda effects), mu = Gamma(s, beta) * exp(sum of mu effects); first order at acquisition',
      r: DEMO_BASE.r, alpha: DEMO_BASE.alpha, s: DEMO_BASE.s, beta: DEMO_BASE.beta,
      basket: 'picks = 1 + Poisson(theta), theta = theta0 * Gamma(q, q) * exp(sum of spend effects); each pick brings its complement with probability complement; units per line 1 + Poisson(extraUnits)',
      theta0: DEMO_BASE.theta0, q: DEMO_BASE.q, homeAffinity: zero(DEMO_BASE.homeAffinity), complement: DEMO_BASE.complement,
      extraUnits: DEMO_BASE.extraUnits, promoShare: DEMO_BASE.promoShare, promoDiscount: 0.1,
      siteVisits: { meanByChannel: Object.fromEntries(DEMO_CHANNELS.map((c, i) => [c.name, DEMO_BASE.visitsMean[i]])), lambdaEffectPerVisitAbove3: zero(DEMO_BASE.visitsLambda) },
      repeatOrderChannel: { direct: DEMO_BASE.repeatDirect, email: DEMO_BASE.repeatEmail, acquisitionChannel: 1 - DEMO_BASE.repeatDirect - DEMO_BASE.repeatEmail },
      returns: 'each line returned with probability category returnRate * channel returns multiplier, 5 + Exp(mean 8) days after the order',
      supportContacts: { perOrder: DEMO_BASE.contactPerOrder, extraWhenReturned: DEMO_BASE.contactPerReturnOrder },
      acquisition: 'month drawn with weight (1 + m/35) * season; day uniform in the month; signup_date = first order day',
    },
    channels: DEMO_CHANNELS.map((c) => ({
      name: c.name, share: c.share, cac: c.cac, effects: { lambda: zero(c.lambda), mu: zero(c.mu), spend: zero(c.spend) }, returnsMultiplier: o.signal ? c.returns : 1,
      spendTotal: c.cac === null ? 0 : (o.spendTotals[c.name] ?? 0) / 100,
    })),
    channelValue: {
      description: `Mean value of a newly acquired customer over ${DEMO_BASE.truthYears} years from acquisition, by Monte Carlo (${DEMO_BASE.truthSimulations} simulated customers per channel, own seed)`,
      byChannel: o.truth,
      orderByGrossMargin: order,
    },
    attributes: Object.fromEntries(DEMO_ATTRIBUTES.map((a) => [a.name, {
      levels: a.levels, probabilitiesByChannel: Object.fromEntries(DEMO_CHANNELS.map((c, i) => [c.name, a.probabilities[i]])),
      effects: { lambda: a.lambda.map(zero), mu: a.mu.map(zero), spend: a.spend.map(zero) },
    }])),
    categories: DEMO_CATEGORIES.map((c) => ({ ...c, lambda: zero(c.lambda) })),
    survey: {
      rate: DEMO_BASE.surveyRate, delayDays: DEMO_BASE.surveyDelayDays, npsProbabilities: DEMO_BASE.npsProbabilities,
      npsIndependentOfCustomer: true, csat: 'round(1 + 0.4 * nps + 1.2 * (U1 + U2 + U3 - 1.5)) clipped to 1..5',
      detractorDropoutMultiplier: DEMO_BASE.detractorDropout, promoterPurchaseMultiplier: DEMO_BASE.promoterPurchase,
      npsOnlyShare: DEMO_BASE.npsOnly, csatOnlyShare: DEMO_BASE.csatOnly,
    },
    spend: { rule: 'amount = cac * expected new customers of the channel and month * exp(sigma Z - sigma^2 / 2)', sigma: DEMO_BASE.spendNoise },
    dataGaps: { missingCustomerRow: DEMO_BASE.missingCustomerRow, blankAttribute: DEMO_BASE.blankAttribute, unseenRegion: DEMO_BASE.unseenRegion, unseenRegionProspects: o.unseen },
    catalog: { products: o.catalog.id.length, categories: DEMO_CATEGORIES.length },
    costModel: { rates: DEMO_POOL_RATES, volumes: { ...o.volumes, customerYears: Math.round(o.volumes.customerYears * 100) / 100 } },
    rows: o.rows,
  };
}
