/** Help texts, one per command (the model commands in help-models.ts, segments and profit in help-segments.ts), sharing the flag groups of help-flags.ts. */
import { MODELS_HELP } from './help-models.js';
import { SEGMENTS_HELP } from './help-segments.js';
import { RETENTION_HELP } from './help-retention.js';
import { EXPANSION_HELP } from './help-expansion.js';
import { CAMPAIGN_HELP } from './help-campaign.js';
import { GROWTH_HELP } from './help-growth.js';
import { FEEDBACK_HELP } from './help-feedback.js';
import { PLAN_HELP } from './help-plan.js'; // the customer value plan (issue 15)
import { SERVE_HELP } from './help-serve.js';
import { ENGINE_FLAGS, LOG_FLAGS, OUTPUT_FLAGS, PERIOD_FLAGS } from './help-flags.js';

export const HELP: Record<string, string> = {
  main: `cvm: customer value management over your transaction log

Usage: cvm <command> [options]

Commands:
  report FILE|--workspace DIR     ingest (if FILE), summarise, print the overview report
  ingest FILE... --workspace DIR  validate and load transaction logs (CSV, Parquet, NDJSON)
  summary FILE|--workspace DIR    per-customer summary (frequency, recency, T, monetary value, ...)
  quarantine --workspace DIR      the rejected rows with their reasons (CSV for fixing and re-ingesting)
  fit INPUT --model M             fit a CLV model (bg-nbd, pareto-nbd, mbg-nbd, gamma-gamma, bg-bb, sbg)
  predict INPUT --model M         P(alive), expected purchases, expected spend and CLV per customer
  validate INPUT --calibration-end D   fit on calibration, predict the holdout, compare models
  serve FILE|--workspace DIR      print the overview, then serve the dashboard and JSON API (127.0.0.1:4173)
  profit FILE|--workspace DIR --costs FILE   customer profitability: cost-to-serve, P&L, whale curve
  segment FILE|--workspace DIR    RFM, value tiers, lifecycle stages, micro-segments [--as-of D]; saved as a snapshot
  migrate --from D --to D         who moved between segments: transition matrix, downgrades, Markov value
  cohorts FILE|--workspace DIR    acquisition cohorts x periods since: retention, revenue, realised LTV
  at-risk FILE|--workspace DIR    valuable customers whose churn risk rose, by value at risk [--backtest]
  win-back FILE|--workspace DIR   lapsed and churned customers worth winning back, by win-back value
  audience save|list|show|export|delete   saved customer filters (audiences) in a workspace
  rules FILE|--workspace DIR      cross-sell: association rules from the baskets (FP-growth)
  offers FILE|--workspace DIR     next best offer per customer, with reasons [--backtest --calibration-end D]
  headroom FILE|--workspace DIR   up-sell headroom against the segment's upper quartile
  campaign analyze FILE --arm-col C --control V --outcome COL   uplift of a randomised experiment file
  campaign create|results|list --workspace DIR     campaigns with a control group: power, results
  acquisition LOG --customers F --spend F   CAC, LTV:CAC and payback by channel and cohort
  lookalikes PROSPECTS LOG --customers F    score prospects by likeness to the top-value customers
  feedback LOG --surveys F        NPS and CSAT by tier, segment, cohort; non-response bias; satisfaction-profit chain
  loyalty LOG --program F         loyalty tiers over time, retention, spend, CLV and cost by tier [--compare F]
  plan FILE|--workspace DIR       the customer value plan: discover, commit, create, assess, improve [--save]
  demo --out DIR                  write a synthetic demo business (log, customers, spend, prospects, truth)

Every command that reads a log or a workspace (all but demo and campaign analyze) also takes
--engine clickhouse://HOST:PORT[/DB] (a workspace on ClickHouse; see their --help).

Run 'cvm <command> --help' for a command's options.
Exit codes: 0 ok, 1 failure, 2 bad usage or input.`,
  report: `Usage: cvm report FILE [log options] | cvm report --workspace DIR | cvm report --engine URL

Ingests FILE into an in-memory workspace (or reads an existing --workspace), summarises every
customer and prints: customers, transactions, revenue, repeat-buyer share, date range and the rows
quarantined by reason; then validates the count models on a holdout (calibration to --validate-at,
default the middle of the log's date range), and scores every customer with the recommended model
and Gamma-Gamma: total CLV and the top customers (next 52 weeks, annual discount 10%, margin 100%).
A fit with a warning sign is never recommended; the doubts of the fits used are printed in plain
words with every number built on them (CLV, tiers, profit-based CLV); Gamma-Gamma is replaced by each
customer's historic mean spend when its fit is unreliable, and when no count model can be trusted
the report says so and shows historic net revenue instead, labelled. On a log too small for the
models (fewer than 100 customers or 20 repeat buyers) everything else is reported, as --no-models.
Then the segments as of the summary day: value tiers (Platinum top 1%, Gold top 5%, Silver top 20%,
Bronze) by predicted CLV (historic net revenue with --no-models) with their share of value, the
lifecycle counts with their rules, and the tier migration over the log's last two complete quarters
(tiers by historic net revenue at each quarter end; the snapshots are stored in the workspace). With
--costs, the customer profitability: profit, whale curve peak, unprofitable customers, profit-based
CLV and the margin x cost-to-serve matrix (see cvm profit --help).

  --validate-at D   calibration end of the holdout validation
  --no-models       skip the models (tiers then use historic net revenue)
  --costs FILE      cost model (YAML/JSON) for the profitability section

${LOG_FLAGS}

${PERIOD_FLAGS}

${ENGINE_FLAGS}

${OUTPUT_FLAGS}`,
  ingest: `Usage: cvm ingest FILE... --workspace DIR [log options]

Loads each file into the workspace. Every row is either accepted or quarantined with its line, a
reason code (malformed_row, missing_customer_id, unparseable_date, date_out_of_range,
non_numeric_amount, non_numeric_quantity, non_numeric_cost, amount_out_of_range: |value| >= 1e12,
duplicate_row) and its whole record. Returns (negative amount or quantity, or a cancellation prefix)
are kept with a negative amount. Re-ingesting the same content adds nothing; the same path with new
content replaces that file's earlier rows. A truncated gzip file or a file cut off mid-row is refused
and nothing is stored; UTF-16 files are read. Day-first vs month-first dates and epoch seconds vs
milliseconds are decided on every row; a log that mixes day-first and month-first is refused with
the counts. With --engine the file is validated the same way locally and the rows are inserted into
ClickHouse in batches.

  --customers FILE, --spend FILE, --prospects FILE   also keep the files beside the log (customer
                   attributes and channels, marketing spend, prospects); their bad rows are
                   quarantined with a reason (cvm quarantine --kind customers|spend|prospects)

${LOG_FLAGS}

${ENGINE_FLAGS}

${OUTPUT_FLAGS}`,
  summary: `Usage: cvm summary FILE [log options] | cvm summary --workspace DIR

Per-customer summary computed in SQL. Same-day purchases are merged; frequency = repeat purchase
days in the calibration period (first purchase excluded); recency = last - first purchase; T =
calibration end - first purchase (both in --period units); monetary_value = mean value of the
repeat purchase days (0 for one-time buyers); returns are netted into net_revenue.
CSV columns: customer_id,frequency,recency,T,monetary_value,first_purchase,last_purchase,
transactions,total_revenue,returns,returns_value,net_revenue[,frequency_holdout,
monetary_value_holdout,duration_holdout]. Default format: table on a terminal, csv otherwise.

${LOG_FLAGS}

${ENGINE_FLAGS}

${PERIOD_FLAGS}

${OUTPUT_FLAGS}`,
  quarantine: `Usage: cvm quarantine --workspace DIR [--reason CODE] [--kind KIND]

The rejected rows. As CSV (the default when not on a terminal): the source rows as they were,
every original column, then cvm_source_file, cvm_line, cvm_reason, cvm_detail (and cvm_raw_line for
lines that could not be split into columns): fix the values and ingest the file again. Other formats
list source_file, line, reason, detail, customer_raw, date_raw, amount_raw and record (the whole
source row as JSON), then the rejected rows of the customers, spend and prospects files (kind, file,
line, reason, its meaning, detail, record). Opens the workspace read-only.

  --reason CODE   only rows with this reason code (malformed_row, missing_customer_id,
                  unparseable_date, date_out_of_range, non_numeric_amount, non_numeric_quantity,
                  non_numeric_cost, amount_out_of_range, duplicate_row) or of the input files
                  (e.g. negative_amount, duplicate_period_channel, unknown_channel)
  --kind KIND     transactions, customers, spend or prospects only (CSV of an input kind: the
                  listing's columns; without --kind the CSV is the transactions' rows)

${ENGINE_FLAGS}

${OUTPUT_FLAGS}`,
  ...SERVE_HELP,
  ...MODELS_HELP,
  ...SEGMENTS_HELP,
  ...RETENTION_HELP,
  // expansion
  ...EXPANSION_HELP,
  // campaigns (issue 14)
  ...CAMPAIGN_HELP,
  ...GROWTH_HELP,
  // feedback (issue 15)
  ...FEEDBACK_HELP,
  ...PLAN_HELP, // the customer value plan (issue 15)
};
