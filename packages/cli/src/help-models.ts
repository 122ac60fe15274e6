import { ENGINE_FLAGS, BY_FLAGS, LOG_FLAGS, OUTPUT_FLAGS, PERIOD_FLAGS } from './help-flags.js';

/** Help texts of the model commands: fit, predict, validate. */
export const MODELS_HELP: Record<string, string> = {
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
On ClickHouse (--engine) no row per customer reaches cvm: the count models are fitted on the distinct
(x, t_x, T) grouped on the shards, gamma-gamma from sums per distinct x computed on the shards (the
summary staged there in a work table, dropped afterwards).

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

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
  predict: `Usage: cvm predict LOG [log options] [--model M] [--spend-model gamma-gamma|historic]
                    [--horizon H] [--discount-rate D] [--margin m] [--level L] [--draws N]
       cvm predict SUMMARY.csv --summary ...
       cvm predict --workspace DIR|--engine URL --into TABLE [--model M] [--spend-model S] [--horizon H] ...

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

  --into TABLE        score in the database and write one row per customer (customer_id, p_alive,
                      expected_purchases, expected_spend, clv, frequency, recency, T, monetary_value)
                      into TABLE of the workspace, replaced if it is an earlier scores table (any other
                      existing table is refused). The count model is fitted on the distinct
                      (x, t_x, T) patterns and Gamma-Gamma on sums per distinct x computed in the
                      database (a few queries, one per step of its fit), P(alive), expected and
                      discounted purchases are computed once per (x, t_x, T) pattern, and expected
                      spend and CLV per customer in SQL; on ClickHouse each shard scores its own
                      customers, so only the patterns and the per-x sums reach cvm.
                      The same numbers as without --into. Prints the fits, the totals and the 20
                      customers with the highest CLV. One --margin for everyone; no --level/--draws
                      (no intervals), --by, --margin-file or --summary.

${BY_FLAGS}

${LOG_FLAGS}

${PERIOD_FLAGS}

${ENGINE_FLAGS}
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

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
};
