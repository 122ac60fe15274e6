import { ENGINE_FLAGS, LOG_FLAGS, OUTPUT_FLAGS } from './help-flags.js';

const INPUT_FLAGS = `Input files beside the log (CSV, Parquet or NDJSON; each row accepted or quarantined with its line and a reason):
  --customers FILE      customer id, acquisition date (signup_date, …), acquisition channel, any other
                        columns as attributes (numeric when ≥ 95% of the values are numbers)
  --spend FILE          marketing spend: month (YYYY-MM), channel, amount; one row per month and channel
  --channels LIST       the spend file's allowed channels (others are quarantined as unknown_channel)
  --numeric LIST, --categorical LIST   force attribute types`;

/** Help texts of the growth commands: demo, acquisition, lookalikes (issue 11). */
export const GROWTH_HELP: Record<string, string> = {
  demo: `Usage: cvm demo --out DIR [--customers N] [--prospects N] [--seed S] [--no-signal]

Writes a SYNTHETIC retailer (made-up data, not a real company) over 2022-2024 into DIR: transactions.csv
(order lines with returns), customers.csv (acquisition channel: search, social, referral, affiliate,
offline, direct; region, age band, first category, device, site visits), marketing-spend.csv (monthly,
per paid channel), prospects.csv, surveys.csv (NPS, CSAT), support-contacts.csv, products.csv,
cost-model.yaml, truth.json (every true parameter, and the true value per channel) and README.md.
Channels and attributes change the customers' purchase rate, dropout and basket size, so value
really differs by channel. Same options, same bytes.

  --out DIR         folder to write (created if missing)
  --customers N     customers (default 20,000)
  --prospects N     prospects (default customers / 4)
  --seed S          seed (default 1)
  --no-signal       channels and attributes carry no signal (for checking that cvm says so)

${OUTPUT_FLAGS}`,
  acquisition: `Usage: cvm acquisition LOG [log options] --customers FILE --spend FILE [--costs FILE [--activities FILE] | --margin m]
       cvm acquisition --workspace DIR [...]

Acquisition economics per channel and acquisition cohort: new customers, spend, CAC = spend / new
customers, margin realised to date per acquired customer, predicted remaining CLV (the recommended count
model and Gamma-Gamma, margin basis, discounted), LTV = realised + predicted, LTV:CAC with a 95%
bootstrap interval over customers, and the payback month (projected with the model when a cohort has
not lived that long). Findings in words: LTV:CAC below 1, payback beyond the horizon, spend without new
customers, new customers without spend, spend on unknown channels. Needs spend and channels: without
them it says what is missing and exits 2.

  --costs FILE            cost model: margin = profit of the customer P&L (with --activities FILE)
  --margin m              else a gross margin fraction of net revenue (default 1: revenue, with a warning)
  --cohort month|quarter  acquisition cohorts (default month)
  --by channel|ATTRIBUTE  rows by channel (default) or by a customer attribute (no CAC then)
  --attribution RULE      file-then-first-order (default: the customers file's channel, else the first
                          order's), file, or first-order
  --horizon-months N      horizon of the predicted CLV (default 36)
  --payback-horizon N     flag channels paying back after N months (default 12)
  --bootstrap B, --seed S resamples (default 1,000) and seed of the intervals
  --view channels|cohorts the table printed (and the CSV payload; default channels)
  --period day|week, --validate-at D   the models' time unit and holdout split

${INPUT_FLAGS}

${LOG_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
  lookalikes: `Usage: cvm lookalikes PROSPECTS LOG [log options] --customers FILE
       cvm lookalikes PROSPECTS --workspace DIR

Learns which attributes mark the top value tier (top 20% of customers by predicted CLV) with an
L2-regularised logistic regression (one-hot categories, standardised numbers) and scores every prospect:
the probability of becoming top tier, an expected CLV and the two or three attributes that drive the
score, as odds against the average customer. Validated on held-out customers with every run (k-fold):
AUC with its DeLong 95% interval, lift in the top decile, a calibration table and a channel-only
baseline; when the AUC interval includes 0.5 it says the attributes carry no signal. Prospect attribute
values never seen among customers are reported and scored as average.

  --top-share s     the top tier (default 0.2)
  --folds k         cross-validation folds (default 5)
  --lambda l        L2 penalty (default 10; shrinks the log-odds of levels with few customers)
  --seed S          seed of the folds (default 1)
  --limit N         prospects shown (default 25 on a terminal, all otherwise; 0 = all)
  --view V          prospects (default), effects, calibration, validation or unseen: the CSV/NDJSON payload
  --period day|week, --validate-at D   the models' time unit and holdout split

${INPUT_FLAGS}

${LOG_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
};
