/**
 * The workspace tables. Times are local wall-clock times in the business time zone given at ingest
 * (`--timezone`, default UTC); `event_date` is the local calendar day used for "same-day" merging.
 * Returns keep a negative `amount` (and `is_return = true`).
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
  is_return BOOLEAN NOT NULL
);
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
  malformed_row: 'the CSV reader could not split the line into the header\'s columns',
  missing_customer_id: 'the customer id is empty',
  unparseable_date: 'the date does not parse in the chosen format',
  date_out_of_range: 'the date is outside the accepted range',
  non_numeric_amount: 'the amount (or price) is empty or not a number',
  non_numeric_quantity: 'the quantity is not a number',
  non_numeric_cost: 'the cost is not a number',
  duplicate_row: 'an exact duplicate of an accepted row (same order id, customer, time, product and amount)',
} as const;

export type QuarantineReason = keyof typeof QUARANTINE_REASONS;
