// A seeded generator of messy CSV logs for the ingest property tests: quoting, empty fields, bad
// and out-of-range dates, negative amounts (returns), absurd amounts and exact or near duplicates.
// Each row carries the outcome the rules in README "Ingestion" give it, derived here from how the
// row was built, independently of the code under test.
import { createRng, type Rng } from '../../src/math/random/rng.js';

export interface MessyRow {
  /** Physical line in the file (header = 1). */
  line: number;
  /** The expected quarantine reason, or null when the row must be accepted. */
  reason: string | null;
  /** The amount stored when accepted (negative for a return). */
  amount: number;
}

export interface MessyLog {
  csv: string;
  rows: MessyRow[];
}

const pick = <T>(u: Rng, items: readonly T[]): T => items[Math.floor(u() * items.length)]!;
const pad = (n: number): string => String(n).padStart(2, '0');
const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

interface Built {
  fields: string[];
  reason: string | null;
  amount: number;
  /** The parsed key of the row (what the duplicate check compares), when the row is accepted. */
  key: string | null;
}

/** One row from scratch: each field is good or bad in one of a few ways. */
function buildRow(u: Rng, order: number): Built {
  const c = u();
  const [customerField, customer] =
    c < 0.8
      ? [`c${Math.floor(u() * 30)}`, 'ok']
      : c < 0.85
        ? ['', 'empty']
        : c < 0.9
          ? ['"   "', 'empty']
          : c < 0.95
            ? [quote('Smith, J'), 'ok']
            : [quote('say "x"'), 'ok'];
  const d = u();
  let dateField: string;
  let date: 'ok' | 'bad' | 'range';
  if (d < 0.78) {
    dateField = `20${pick(u, ['19', '20', '21'])}-${pad(1 + Math.floor(u() * 12))}-${pad(1 + Math.floor(u() * 28))}${u() < 0.3 ? ` ${pad(Math.floor(u() * 24))}:30:00` : ''}`;
    date = 'ok';
  } else if (d < 0.84) [dateField, date] = [pick(u, ['2020-02-30', 'not a date', '2020-13-01', '']), 'bad'];
  else if (d < 0.9) [dateField, date] = [pick(u, ['1890-05-01', '2999-01-01']), 'range'];
  else [dateField, date] = [`" 2020-0${1 + Math.floor(u() * 9)}-15 "`, 'ok']; // quoted with spaces: trimmed
  const a = u();
  let amountField: string;
  let amount = Number.NaN;
  let kind: 'ok' | 'nan' | 'big';
  if (a < 0.7) [amount, kind] = [Math.round(u() * 50000) / 100 + 0.01, 'ok'];
  else if (a < 0.8) [amount, kind] = [-(Math.round(u() * 5000) / 100 + 0.01), 'ok'];
  else if (a < 0.85) kind = 'nan';
  else if (a < 0.9) kind = 'big';
  else [amount, kind] = [Math.round(u() * 1000) / 4, 'ok'];
  if (kind === 'ok') amountField = a >= 0.9 ? quote(` ${amount} `) : String(amount);
  else if (kind === 'nan') amountField = pick(u, ['', 'abc', 'NaN', quote('12,5')]);
  else amountField = pick(u, ['1e308', '-1e308', '5e12']);
  const note = pick(u, ['', 'gift', quote('blue, large'), quote('said "thanks"'), 'n/a']);
  const fields = [`o${order}`, customerField, dateField, amountField, note];
  const reason =
    customer === 'empty'
      ? 'missing_customer_id'
      : date === 'bad'
        ? 'unparseable_date'
        : date === 'range'
          ? 'date_out_of_range'
          : kind === 'nan'
            ? 'non_numeric_amount'
            : kind === 'big'
              ? 'amount_out_of_range'
              : null;
  return { fields, reason, amount, key: reason === null ? fields.join('\u0001') : null };
}

/**
 * A log of `n` rows (`order_id,customer_id,date,amount,note`; the order id turns the duplicate check
 * on). About 8% of the rows repeat an earlier row exactly (a duplicate when that row was accepted,
 * else rejected for the same reason) and 4% repeat one with only the note changed (not a duplicate).
 */
export function messyLog(seed: number, n: number): MessyLog {
  const u = createRng(seed);
  const built: Built[] = [];
  const rows: MessyRow[] = [];
  const accepted = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = u();
    let row: Built;
    if (i > 0 && r < 0.08) {
      const earlier = built[Math.floor(u() * built.length)]!;
      row = { ...earlier, reason: earlier.reason ?? 'duplicate_row', key: null };
    } else if (i > 0 && r < 0.12) {
      const earlier = built[Math.floor(u() * built.length)]!;
      const fields = [...earlier.fields.slice(0, 4), quote(`note ${i}`)];
      // A new note makes it a new record: rejected only for a reason of its own fields.
      const inherited = earlier.reason === 'duplicate_row' ? null : earlier.reason;
      const key = inherited === null ? fields.join('\u0001') : null;
      row = { fields, reason: inherited ?? (accepted.has(key!) ? 'duplicate_row' : null), amount: earlier.amount, key };
    } else {
      row = buildRow(u, i);
    }
    if (row.reason === null && row.key !== null) accepted.add(row.key);
    built.push(row);
    rows.push({ line: i + 2, reason: row.reason, amount: row.amount });
  }
  return { csv: 'order_id,customer_id,date,amount,note\n' + built.map((b) => b.fields.join(',')).join('\n') + '\n', rows };
}
