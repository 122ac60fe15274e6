import { ENGINE_FLAGS, LOG_FLAGS, OUTPUT_FLAGS, PERIOD_FLAGS } from './help-flags.js';

/** Help texts of the analysis commands: models (fit, predict, validate), profit, segment, migrate, cohorts. */
/** The --by flags of segment, cohorts, profit and predict (issue 11). */
const BY_FLAGS = `Breakdown by channel or attribute:
  --by NAME             channel, or an attribute of the customers file (e.g. region, age_band); customers
                        without a value are shown as "unknown", never dropped; numeric attributes in
                        quantile bands; adds a row "all". Attributes come from the workspace or --customers
  --customers FILE      customers file (customer_id, signup date, acquisition_channel, attributes)
  --attribution R       for --by channel: file-then-first-order (default), file or first-order
  --bands N             numeric attributes: number of quantile bands (default 4)`;

export const ANALYSIS_HELP: Record<string, string> = {
  fit: `Usage: cvm fit LOG --model M [log options] [--period week --calibration-end D]
       cvm fit SUMMARY.csv --summary --model M [--weight-col NAME]
       cvm fit RF.csv --model bg-bb | cvm fit RETENTION.csv --model sbg --active-col NAME [--period-col NAME] [--fit-periods N]
       cvm fit LOG|--workspace DIR --model pareto-nbd|bg-nbd --covariates COL[,COL] [--customers FILE]

Fits a model by maximum likelihood (BFGS in log-parameters on compressed sufficient statistics, several
deterministic starts) and prints parameters, log-likelihood, AIC, BIC, standard errors and 95% intervals
(from the Hessian), iterations, gradient norm, converged, and warnings.

Models and parameter names:
  bg-nbd       r, alpha, a, b      BG/NBD, Fader, Hardie & Lee (2005)
  pareto-nbd   r, alpha, s, beta   Pareto/NBD, Schmittlein, Morrison & Colombo (1987)
  mbg-nbd      r, alpha, a, b      MBG/NBD, Batislam, Denizel & Filiztekin (2007)
  gamma-gamma  p, q, gamma         spend per transaction, Fader & Hardie (2013); repeat buyers only
  bg-bb        alpha, beta, gamma, delta   discrete opportunities, Fader, Hardie & Shang (2010)
  sbg          alpha, beta         contractual retention, Fader & Hardie (2007)
alpha (and beta for Pareto/NBD) are per time unit of the summary: --period week (default) or day.

Summary files (--summary) may use frequency, recency, T, monetary_value or x, t_x (t.x), T (T.cal),
zbar (m.x), with an optional weight column (weights, custs, count). BG/BB reads frequency, recency,
periods, weights (or x, t.x, n.cal, custs).

Covariates (pareto-nbd, bg-nbd): --covariates names numeric columns of the customers file (given with
--customers FILE, or already in the workspace) that shift both the purchase and the dropout process, as
in CLVTools (Fader & Hardie 2007). Prints each coefficient with its 95% interval, the multiplier e^coef
on the rate, and the likelihood-ratio test against the fit without covariates. Code a text column as
0/1 columns first; every customer needs a value.
  --covariates COL[,COL]  numeric customer attributes, e.g. Gender,Channel
  --customers FILE        customers file: customer id plus attribute columns

${LOG_FLAGS}

${PERIOD_FLAGS}

${OUTPUT_FLAGS}`,
  predict: `Usage: cvm predict LOG [log options] [--model M] [--spend-model gamma-gamma|historic]
                    [--horizon H] [--discount-rate D] [--margin m] [--level L] [--draws N]
       cvm predict SUMMARY.csv --summary ...

Fits the count model (default bg-nbd) and Gamma-Gamma, then prints per customer: customer_id, p_alive,
expected_purchases (next H periods), expected_spend (per purchase), clv, and the summary columns.
CLV = margin x expected spend x sum over ~4-week steps of the expected purchases in the step,
discounted from the middle of the step at the annual rate D converted to the model period
((1 + D)^(1/52.18) - 1 per week, 365.25 days a year).

  --level L           coverage of the intervals p_alive_lo/hi, expected_purchases_lo/hi, clv_lo/hi
                      (default 0.9): 200 draws of the parameters from the asymptotic normal of the
                      log-parameters (inverse Hessian of the fit), per distinct (x, t_x, T); the totals'
                      intervals add the purchase-count noise. Spend per purchase is taken as predicted.
  --draws N           parameter draws for the intervals (default 200); --no-intervals skips them
  --horizon H         horizon in periods: weeks above 0 up to 522, days up to 3653 (10 years;
                      default 52 weeks or 365 days)
  --discount-rate D   annual discount rate from 0 to 1 (default 0.1 = 10%)
  --margin m          margin as a fraction of spend, -1 to 1 (default 1 = revenue CLV)
  --margin-file FILE  per-customer margins: CSV/Parquet with customer_id and margin (fractions in
                      [-1, 1]); customers without a row use --margin; a bad value is an error
  --spend-model S     gamma-gamma (default) or historic (own mean; mean over repeat buyers for
                      one-time buyers). Gamma-Gamma leaves customers whose repeat purchases average 0
                      out of its fit (named in a note) and gives them p·γ/(p·x + q − 1), its mean for
                      x purchases seen at 0.
A fit with a warning sign (a parameter at a bound, no dropout seen, weakly identified, not converged)
is used as asked, and its verdict is printed in plain words with the numbers (stderr in csv/ndjson,
"warnings" in json). Default format: table (top customers by CLV) on a terminal, csv otherwise.
With --by: mean P(alive), expected purchases and CLV (total and mean) per level instead of the
per-customer rows (no intervals).

${BY_FLAGS}

${LOG_FLAGS}

${PERIOD_FLAGS}

${OUTPUT_FLAGS}`,
  validate: `Usage: cvm validate LOG --calibration-end D [--holdout-end D] [--models bg-nbd,pareto-nbd,mbg-nbd,mbg-cnbd-k] [log options]

Fits each model on the calibration period and predicts the holdout: mean holdout purchases by
calibration frequency (0..7+), per-customer MAE/RMSE, the aggregate error, the cohort's cumulative
tracking curve (actual vs predicted per period), a comparison table (LL, AIC, BIC, holdout errors)
and a recommendation with its reason. A model whose aggregate or tracking error exceeds 20% is
flagged as predicting the holdout badly; a fit with a parameter at a bound, without any dropout,
with a flat likelihood or not converged is "unreliable" and never recommended, and a weakly
identified one ("caution") only when no other qualifies. All four models run by default; mbg-cnbd-k
(regular purchase timing, Erlang-k) comes with the Wheat-Morrison regularity check of the calibration
period, which says when customers buy more regularly than the Poisson-timing models assume.

The tracking table carries a prediction band over the holdout for the recommended model
(band_lo/band_hi cumulative, period_lo/period_hi per period): where the actual count should fall if
the model is right, given each customer's calibration history (parameter uncertainty and purchase
noise). The note under it says how many holdout periods fell inside and how the band was made:
normal with exact noise variances and the delta method for bg-nbd, pareto-nbd and mbg-nbd; simulated
for mbg-cnbd-k (400 cohorts under parameter draws, k held; none above 40,000 customers).
  --level L           coverage of the tracking band (default 0.9)

${LOG_FLAGS}

${PERIOD_FLAGS}

${OUTPUT_FLAGS}`,
  profit: `Usage: cvm profit FILE [log options] --costs COSTS.yaml [--activities FILE] | cvm profit --workspace DIR --costs COSTS.yaml

Activity-based customer profitability (Cokins): each cost pool's total for the period is spread over
customers by its driver (order, order_line, unit, return, delivery [by channel], support_contact,
campaign_contact, customer_year, activity): rate = pool / total driver volume; cost-to-serve =
Σ volume × rate, split in whole cents so that every pool reconciles to the cent. profit = net revenue
- product cost - cost-to-serve. Cost that no customer can carry (a driver with no volume, activity of
unknown customers, no activity file) is reported as unassigned. Example cost model (illustrative):
data/cdnow/cost-model.example.yaml.

  --costs FILE          cost model, YAML or JSON (required)
  --activities FILE     CSV customer_id,activity,count,date for drivers the log cannot give; bad rows
                        are quarantined with a reason and listed in the JSON output
  --segments FILE       CSV customer_id,segment: adds profit by segment
  --segment-col NAME    segment column of --segments (default segment)
  --view V              the CSV/NDJSON table: pnl (default, one row per customer), pools, whale,
                        matrix, channel, tier, segment, unprofitable
  --limit N             unprofitable customers listed, 0 to 10,000,000 (default 100; all are counted)

The table format shows the key figures, cost pools, whale curve, margin x cost-to-serve matrix,
profit by channel, value tier and segment, the unprofitable customers with their top cost drivers
and a remedy (minimum order, channel shift, re-pricing), and the per-customer P&L. Amounts are in the
cost model's currency for the cost period. Default format: table on a terminal, csv otherwise.
With --by: net revenue, gross margin, cost to serve, profit and unprofitable customers per level.

${BY_FLAGS}

${LOG_FLAGS}

${ENGINE_FLAGS}

${OUTPUT_FLAGS}`,
  segment: `Usage: cvm segment FILE [log options] | cvm segment --workspace DIR [--as-of D]

Segments every customer as of a day, using only the transactions up to that day (default: the last
day in the log). With --workspace the result is saved as a snapshot (segment_snapshots, with as_of and
computed_at) for cvm migrate.
  RFM: recency (days since last purchase), frequency (purchase days), monetary (net revenue), scored
    1..bins by percentile rank; score = 1 + floor(bins x share of customers strictly worse), so equal
    values always get equal scores (some scores can be empty). Named segments from the R x FM grid.
  Value tiers: Platinum top 1%, Gold top 5%, Silver top 20%, Bronze the rest, by historic net revenue;
    with the Pareto view (value share of the top 1%, 5%, 20%).
  Lifecycle: new, active, at_risk, lapsed, churned, reactivated from days since the last purchase
    against the customer's own purchase rhythm (the rules are printed with the table).
  Micro-segments: seeded k-means++ within each lifecycle stage, k (2-6) by silhouette.
CSV columns: customer_id,r_score,f_score,m_score,rfm_segment,value_tier,lifecycle_stage,micro_segment.
The rules and cut points are in --format json and under the tables. Default: table on a terminal, csv otherwise.

  --as-of D        the snapshot day, YYYY-MM-DD
  --bins N         RFM scores per dimension, a whole number from 3 to 10 (default 5)
  --tiers SPEC     e.g. "Platinum:0.01,Gold:0.05,Silver:0.2,Bronze" (top shares) or "A:>=1000,B:>=100,C" (value)
  --seed N         micro-segment seed, 0 to 2^31 - 1 (default 42); same data and seed, same segments
  --no-micro       skip micro-segments
  --no-save        do not store the snapshot in the workspace
With --by: customers per value tier and per lifecycle stage, and the tier value, per level (CSV: the
tier table; --format json for all three); nothing is saved.

${BY_FLAGS}

${LOG_FLAGS}

${ENGINE_FLAGS}

${OUTPUT_FLAGS}`,
  migrate: `Usage: cvm migrate --workspace DIR --from D --to D [--by tier|lifecycle|rfm|micro] | cvm migrate FILE --from D --to D

Compares the segment snapshots as of two days (a stored one is reused while it is newer than the last
ingest; otherwise it is computed with the as-of cut and stored): the transition matrix (customers,
row %, value moved), the customers who moved down a value tier or into at_risk, and the Markov-chain
customer value per state (Pfeifer & Carraway 2000): the observed row shares as transition
probabilities, churned customers in an absorbing "lost" state worth 0, the net revenue per customer
in the interval as the reward, summed over the horizon in whole intervals and discounted; each
state's value is checked against its customers' net revenue over the same span before --from (more
than 3x is flagged). CSV: from_state,to_state,customers,row_share,value_from,value_to.

  --from D, --to D      snapshot days, YYYY-MM-DD
  --by DIM              tier (default), lifecycle, rfm or micro
  --discount-rate R     annual discount rate for the Markov value, 0 to 1 (default 0.1)
  --horizon-years Y     horizon of the Markov value in years, above 0 up to 10 (default 1)
  --recompute           recompute and replace stored snapshots

${LOG_FLAGS}

${OUTPUT_FLAGS}`,
  cohorts: `Usage: cvm cohorts FILE [log options] | cvm cohorts --workspace DIR [--period week|month|quarter] [--by NAME]

Acquisition cohorts (month of the first purchase by default) x periods since acquisition, computed in
SQL: head-count retention, revenue retention, cumulative net revenue per acquired customer (realised
LTV), a size-weighted average row, and one table per acquisition channel when the log has channels.
CSV: one row per cohort and period.

  --period P       week (Monday start), month (default) or quarter (--by week|month|quarter also works)
  --by NAME        one cohort table per level of channel or an attribute (instead of per log channel);
                   CSV: a first column named NAME
  --as-of D        last day read (default: the last day in the log)
  --mode M         returned (bought in the period; default) or in-or-after (bought in the period or later)
  --metric M       table view: retention (default), revenue or cumulative

${BY_FLAGS}

${LOG_FLAGS}

${ENGINE_FLAGS}

${OUTPUT_FLAGS}`,
};
