/**
 * A seeded generator of synthetic transaction logs for benchmarks and scale tests (our own code).
 *
 * ## Method
 * Customers follow a BG/NBD purchase process (Fader, Hardie & Lee 2005) with lognormal spend; see
 * `synthetic/customer-sim.ts`. To hit `rows` exactly, the gamma rate scale is calibrated so that the
 * expected row count is slightly above `rows` (by 0.2 % + 3/√rows), every customer is simulated once
 * to count rows (raising the scale and repeating if short), then the surplus is removed: the rows to
 * drop are a uniform sample (Knuth's selection sampling, Algorithm S) of all rows except the first
 * purchases, and each customer loses its *latest* rows, i.e. drops out a little earlier. A second,
 * identical replay of the same random stream writes the rows.
 *
 * The file is ordered by time like a real export. Rows are spread over weekly bucket files on disk
 * while customers are simulated one by one, then each bucket (~1/150 of the rows) is sorted in
 * memory and appended; order ids are assigned in time order. Memory stays at the customer traits
 * (~40 bytes a customer) plus one bucket. Columns: `order_id,date,customer_id,amount[,product_id][,channel]`,
 * dates `YYYY-MM-DD HH:MM:SS` (UTC wall clock), amounts with two decimals, returns negative.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRng } from '../src/math/random/rng.js';
import {
  calibrateRateScale,
  CHANNELS,
  drawTraits,
  EventBuffer,
  simulateCustomer,
  streamSeed,
  type CustomerTraits,
} from './synthetic/customer-sim.js';
import { centsText, dayStrings, timestampText } from './synthetic/csv-text.js';
import { resolveSyntheticParams, type SyntheticLogParams } from './synthetic/params.js';

export {
  resolveSyntheticParams,
  syntheticLogKey,
  DEFAULT_SYNTHETIC_PARAMS,
  GENERATOR_VERSION,
  type SyntheticLogParams,
} from './synthetic/params.js';

export interface SyntheticLogReport {
  path: string;
  rows: number;
  customers: number;
  returns: number;
  /** Customers with a single row (no repeat purchase, no return). */
  oneRowCustomers: number;
  bytes: number;
  /** Rows simulated before the surplus was trimmed. */
  simulatedRows: number;
  seconds: number;
}

const BUCKET_DAYS = 7;
const BUFFER_BYTES = 1 << 17;

/**
 * Writes a synthetic log as CSV to `path` (via `path.<pid>.partial`, renamed at the end, so a
 * concurrent run generating the same log never reads a half-written file).
 * @throws InputError `bad_synthetic_params` / `synthetic_rows_unreachable`.
 * @example
 * await generateSyntheticLog('/tmp/log.csv', { rows: 1000, customers: 100, seed: 7 });
 * // → { rows: 1000, customers: 100, returns: ~30, … }; same seed → same bytes
 */
export async function generateSyntheticLog(
  path: string,
  params: Partial<SyntheticLogParams> & Pick<SyntheticLogParams, 'rows' | 'customers'>,
): Promise<SyntheticLogReport> {
  const started = performance.now();
  const p = resolveSyntheticParams(params);
  const traits = drawTraits(p);
  const { scale, counts, simulatedRows } = countRows(p, traits);
  const keep = trimCounts(p, counts, simulatedRows - p.rows);

  mkdirSync(dirname(path), { recursive: true });
  // per-process scratch names: two benchmark runs generating the same log at once must not share them
  const bucketDir = `${path}.${process.pid}.buckets`;
  rmSync(bucketDir, { recursive: true, force: true });
  mkdirSync(bucketDir);
  const buckets = new BucketWriter(bucketDir, Math.ceil(p.days / BUCKET_DAYS));
  const days = dayStrings(p.start, p.days);
  const rng = createRng(streamSeed(p.seed, 2));
  const events = new EventBuffer();
  let order = new Int32Array(64);
  let returns = 0,
    oneRow = 0;
  for (let i = 0; i < p.customers; i++) {
    simulateCustomer(p, traits, i, scale, rng, events);
    if (order.length < events.length) order = new Int32Array(events.length * 2);
    for (let k = 0; k < events.length; k++) order[k] = k;
    const byTime = order.subarray(0, events.length).sort((a, b) => events.time[a]! - events.time[b]! || a - b);
    const n = keep[i]!;
    if (n === 1) oneRow++;
    const id = String(i + 1);
    for (let j = 0; j < n; j++) {
      const k = byTime[j]!;
      const time = events.time[k]!;
      const cents = events.cents[k]!;
      if (cents < 0) returns++;
      let line = `${timestampText(days, time)},${id},${centsText(cents)}`;
      if (p.products > 0) line += `,P${events.product[k]! + 1}`;
      if (p.channels) line += `,${CHANNELS[events.channel[k]!]}`;
      buckets.add(Math.floor(time / BUCKET_DAYS), line);
    }
  }
  buckets.close();

  const partial = `${path}.${process.pid}.partial`;
  const out = new ByteWriter(openSync(partial, 'w'));
  out.add(`order_id,date,customer_id,amount${p.products > 0 ? ',product_id' : ''}${p.channels ? ',channel' : ''}`);
  let orderId = 0;
  for (let b = 0; b < buckets.count; b++) {
    const lines = buckets.read(b);
    lines.sort();
    for (const line of lines) out.add(`${++orderId},${line}`);
  }
  out.close();
  rmSync(bucketDir, { recursive: true, force: true });
  renameSync(partial, path);
  return {
    path,
    rows: orderId,
    customers: p.customers,
    returns,
    oneRowCustomers: oneRow,
    bytes: statSync(path).size,
    simulatedRows,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Simulates everyone once to count rows; raises the rate scale until there are at least `rows`. */
function countRows(p: SyntheticLogParams, traits: CustomerTraits): { scale: number; counts: Int32Array; simulatedRows: number } {
  const counts = new Int32Array(p.customers);
  const events = new EventBuffer();
  let target = p.rows * (1.002 + 3 / Math.sqrt(p.rows));
  for (let attempt = 0; ; attempt++) {
    const scale = calibrateRateScale(p, traits, target);
    const rng = createRng(streamSeed(p.seed, 2));
    let total = 0;
    for (let i = 0; i < p.customers; i++) {
      simulateCustomer(p, traits, i, scale, rng, events);
      counts[i] = events.length;
      total += events.length;
    }
    if (total >= p.rows) return { scale, counts, simulatedRows: total };
    if (attempt >= 20) throw new Error(`synthetic log: could not reach ${p.rows} rows (got ${total}) after ${attempt + 1} attempts`);
    target *= 1.02 * (p.rows / total);
  }
}

/**
 * Rows kept per customer after removing `surplus` rows, chosen uniformly among all rows but each
 * customer's first (Knuth, TAOCP vol. 2, §3.4.2, Algorithm S), from its own seeded stream.
 */
function trimCounts(p: SyntheticLogParams, counts: Int32Array, surplus: number): Int32Array {
  const keep = counts.slice();
  if (surplus === 0) return keep;
  const rng = createRng(streamSeed(p.seed, 3));
  let left = surplus;
  let pool = 0;
  for (let i = 0; i < counts.length; i++) pool += counts[i]! - 1;
  for (let i = 0; i < counts.length && left > 0; i++) {
    for (let j = 1; j < counts[i]!; j++, pool--) {
      if (pool * rng() < left) {
        keep[i]--;
        left--;
      }
    }
  }
  return keep;
}

/** Appends ASCII lines to a file through a fixed byte buffer (no long-lived strings, little GC). */
class ByteWriter {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  constructor(private readonly fd: number) {}
  add(line: string): void {
    if (this.used + line.length + 1 > BUFFER_BYTES) this.flush();
    this.used += this.buffer.write(line, this.used, 'latin1');
    this.buffer[this.used++] = 10;
  }
  flush(): void {
    if (this.used > 0) writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** One {@link ByteWriter} per weekly bucket file; a bucket is read back whole as lines. */
class BucketWriter {
  private readonly writers: ByteWriter[];
  constructor(
    private readonly dir: string,
    readonly count: number,
  ) {
    this.writers = Array.from({ length: count }, (_, b) => new ByteWriter(openSync(`${dir}/${b}.txt`, 'w')));
  }
  add(bucket: number, line: string): void {
    this.writers[bucket]!.add(line);
  }
  close(): void {
    for (const w of this.writers) w.close();
  }
  read(bucket: number): string[] {
    const text = readFileSync(`${this.dir}/${bucket}.txt`, 'latin1');
    return text === '' ? [] : text.slice(0, -1).split('\n');
  }
}
