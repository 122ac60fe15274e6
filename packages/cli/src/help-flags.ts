/** Flag groups shared by the help texts. */
export const LOG_FLAGS = `Log columns (auto-detected from common header names when not given; the mapping is printed):
  --customer-col NAME   customer id (required)
  --date-col NAME       purchase date/time (required)
  --amount-col NAME     transaction value; or give --price-col and --quantity-col (amount = price x quantity)
  --order-col NAME      order/invoice id (turns on the exact-duplicate check)
  --product-col, --quantity-col, --price-col, --channel-col, --cost-col NAME

Dates and validation:
  --date-format F       auto (default) | iso | ymd (YYYYMMDD) | dmy | mdy | epoch-s | epoch-ms | a strptime pattern
                        (auto settles day/month order and epoch unit on every row)
  --timezone TZ         IANA zone of naive timestamps and of the business day (default UTC)
  --delimiter C         CSV delimiter (default: detected)
  --cancel-prefix P     order ids starting with P are cancellations, kept as returns
  --dedupe auto|on|off  exact-duplicate check (auto: on when --order-col is known)
  --min-date, --max-date YYYY-MM-DD   accepted date range [min, max), min before max (default 1970-01-01 .. tomorrow)
  --strict              fail (exit 1) and add nothing if any row would be quarantined`;

export const PERIOD_FLAGS = `Periods:
  --period day|week     time unit of recency, T and holdout duration (default week = days / 7)
  --calibration-end D   last calibration day, inclusive (default: last purchase day in the log)
  --holdout-end D       last holdout day, inclusive; adds frequency_holdout, monetary_value_holdout, duration_holdout`;

export const OUTPUT_FLAGS = `Output:
  --format table|json|ndjson|csv   default: table on a terminal, machine output otherwise
  -h, --help
  CVM_MEMORY_LIMIT=SIZE DuckDB's memory_limit, e.g. 2GB, or none (DuckDB's 80% of RAM); default 1GB,
                        512MB for fit, predict and report from a FILE and for at-risk and win-back`;

export const ENGINE_FLAGS = `Workspace on ClickHouse (instead of --workspace DIR):
  --engine clickhouse://HOST:PORT[/DB][?cluster=NAME&shards=HOST:PORT,...]   HTTP port; DB default cvm;
                        on a cluster, tables are MergeTree per shard + Distributed by cityHash64(customer_id);
                        &ingest_lease=SECONDS: how long a crashed ingest blocks its file, content, input kind
                        or (unless --dedupe off) other log files' duplicate checks, which wait for it (default 600)
  --clickhouse-user U, --clickhouse-password P   (or CVM_CLICKHOUSE_USER, CVM_CLICKHOUSE_PASSWORD); the user's
                        settings profile needs readonly=0 (cvm writes and sets join_use_nulls etc. per statement)`;

/** The --by flags of segment, cohorts, profit and predict (issue 11). */
export const BY_FLAGS = `Breakdown by channel or attribute:
  --by NAME             channel, or an attribute of the customers file (e.g. region, age_band); customers
                        without a value are shown as "unknown", never dropped; numeric attributes in
                        quantile bands; adds a row "all". Attributes come from the workspace or --customers
  --customers FILE      customers file (customer_id, signup date, acquisition_channel, attributes)
  --attribution R       for --by channel: file-then-first-order (default), file or first-order
  --bands N             numeric attributes: number of quantile bands (default 4)`;
