/**
 * The workspace tables. Times are local wall-clock times in the business time zone given at ingest
 * (`--timezone`, default UTC); `event_date` is the local calendar day used for "same-day" merging.
 * Returns keep a negative `amount` (and `is_return = true`). `extra_md5` is the MD5 of the source
 * row's unmapped columns (a JSON object of name and raw text; an NDJSON row's whole line), the part
 * of the exact-duplicate key that the typed columns do not hold; NULL when every column is mapped
 * or the duplicate check was off. `quarantine.record` is the whole source row: a JSON object of
 * every column (mapped or not) as read, or the raw line when the row could not be split.
 */
export const WORKSPACE_DDL = `
CREATE TABLE IF NOT EXISTS sources (
  source_id INTEGER PRIMARY KEY,
  path VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  format VARCHAR NOT NULL,
  ingested_at TIMESTAMP NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_accepted BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  mapping VARCHAR NOT NULL,
  options VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS transactions (
  source_id INTEGER NOT NULL,
  line BIGINT NOT NULL,
  customer_id VARCHAR NOT NULL,
  ts TIMESTAMP NOT NULL,
  event_date DATE NOT NULL,
  amount DOUBLE NOT NULL,
  quantity DOUBLE,
  price DOUBLE,
  order_id VARCHAR,
  product_id VARCHAR,
  channel VARCHAR,
  cost DOUBLE,
  is_return BOOLEAN NOT NULL,
  extra_md5 UHUGEINT
);
ALTER TABLE transactions ADD COLUMN IF NOT EXISTS extra_md5 UHUGEINT;
CREATE TABLE IF NOT EXISTS quarantine (
  source_id INTEGER NOT NULL,
  source_file VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  reason VARCHAR NOT NULL,
  detail VARCHAR,
  customer_raw VARCHAR,
  date_raw VARCHAR,
  amount_raw VARCHAR,
  record VARCHAR
);
`;

/** Reason codes for quarantined rows, with the sentence shown to users. */
export const QUARANTINE_REASONS = {
  malformed_row: "the line could not be split into the header's columns (CSV) or is not a JSON object (NDJSON)",
  missing_customer_id: 'the customer id is empty',
  unparseable_date: 'the date does not parse in the chosen format',
  date_out_of_range: 'the date is outside the accepted range',
  non_numeric_amount: 'the amount (or price) is empty or not a number',
  amount_out_of_range: 'the amount, price, quantity or cost is 1e12 or more in absolute value (see MAX_ABS_VALUE)',
  non_numeric_quantity: 'the quantity is not a number',
  non_numeric_cost: 'the cost is not a number',
  duplicate_row: 'an exact duplicate of an accepted row (same order id, customer, time, product, amount and every unmapped column)',
} as const;

export type QuarantineReason = keyof typeof QUARANTINE_REASONS;

/**
 * The largest magnitude accepted for an amount, price, quantity or cost: values with |v| ≥ 1e12 are
 * quarantined as `amount_out_of_range`. A trillion is beyond any single purchase line in any
 * currency in use (even ₫ or Rp: about 40M USD), so such a value is a unit or parsing error (a
 * price in micro-units, a concatenated id, `1e308`); and below it every amount is exact to the cent
 * in a double (1e14 cents < 2^53 ≈ 9.0e15), so a sum over 90 such rows still is, where `1e308`
 * turned sums into ±Infinity.
 */
export const MAX_ABS_VALUE = 1e12;
