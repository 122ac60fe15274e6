import { ENGINE_FLAGS, LOG_FLAGS, OUTPUT_FLAGS } from './help-flags.js';

const LIST_FLAGS = `Scoring (as in cvm report: the recommended model fitted on the whole log, CLV over 52 weeks):
  --calibration-end D    score as of D (default: the last day of the log)
  --validate-at D        calibration end of the model validation (default: the middle of the log)
  --costs FILE           cost model: value at risk on the margin basis (profit CLV) instead of revenue
  --horizon-days H       horizon of P(return), the chance of at least one purchase (default 90 days)
  --lookback-days L      P(alive) and P(return) change against L days earlier (default 90 days)
  --risk-thresholds H,M  churn risk high when P(return) < H, medium when < M (default 0.2,0.5)

Filters (AND-ed; a comma list means any of them):
  --tier T               value tier (Platinum, Gold, Silver, Bronze)
  --stage S              lifecycle stage (new, active, at_risk, lapsed, churned, reactivated)
  --channel C            channel of the last purchase day (logs with --channel-col)
  --risk R               churn risk (low, medium, high)
  --min-value V          value at risk (win-back value) at least V, in the log's currency
  --filter column:op:value   any customer-table column; op eq ne gt gte lt lte in contains (repeatable;
                             not retention_reason: written per row shown, not stored)
  --limit N              rows shown on a terminal or in JSON (default 50, at most 1,000); CSV has every row`;

/** Help texts of the retention commands (issue 12). */
export const RETENTION_HELP: Record<string, string> = {
  'at-risk': `Usage: cvm at-risk FILE [log options] | cvm at-risk --workspace DIR [filters]
       cvm at-risk FILE|--workspace DIR --backtest --calibration-end D --holdout-end E [--model M]

Valuable customers whose churn risk rose, ranked by value at risk = (1 - P(alive)) x value if alive
(CLV over 52 weeks at margin 100%, or profit CLV with --costs): not lapsed or churned, churn risk
medium or high, P(return) lower than --lookback-days ago, value at risk > 0. Each row says why in
words ("spent 1,240 in 14 months over 9 purchase days; usually buys every 21 days, now 64 days silent
(3.0x); P(alive) fell from 91% to 47%; ..."). Columns: customer_id, value_tier, lifecycle_stage,
rfm_segment, channel, churn_risk, net_revenue, frequency, p_alive, p_alive_before, p_return,
days_silent, rhythm_days, overdue, next_purchase (median date if alive), value_if_alive,
value_at_risk, retention_reason. Days are calendar days. Default format: the retention summary and
the first 50 rows on a terminal, every row as CSV otherwise (for a campaign tool).

Backtest (--backtest): ranks every customer as of D using only the data up to D (the model is chosen
by a holdout validation inside that data unless --model is given), then measures against (D, E]:
AUC with a 95% DeLong interval for "bought again" of the ranking score (expected purchases) beside
P(return), P(alive) and two naive scores (days since the last purchase, repeat purchases); precision
and lift in the 10% and 20% most and least at risk; calibration of P(return) by deciles with the
Brier score; the next-purchase date's median error in days against the naive "own mean gap"; the
holdout revenue by churn-risk label. --table ID picks the CSV/NDJSON table (backtest.scores,
backtest.precision, backtest.calibration, backtest.timing, backtest.value_captured, backtest.lists,
backtest.gains). Default format: the report on a terminal, JSON otherwise.

${LIST_FLAGS}

${LOG_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
  'win-back': `Usage: cvm win-back FILE [log options] | cvm win-back --workspace DIR [filters]

Lapsed and churned customers (lifecycle stage) worth winning back, ranked by the win-back value =
(1 - P(alive)) x value if alive: what winning them back is worth beyond the chance they return on
their own. Same columns (win_back_value instead of value_at_risk), reasons, filters and formats as
cvm at-risk.

${LIST_FLAGS}

${LOG_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
  audience: `Usage: cvm audience save NAME --filter column:op:value [--filter ...] [--description TEXT] --workspace DIR|--engine URL
       cvm audience list --workspace DIR|--engine URL
       cvm audience show NAME --workspace DIR|--engine URL [--limit N]
       cvm audience export NAME --workspace DIR|--engine URL > audience.csv
       cvm audience delete NAME --workspace DIR|--engine URL

An audience is a named rule over the scored customer table (every customer with the summary, model
scores, segments, retention scores and, with --costs, profit), stored in the workspace and evaluated
on the current data whenever it is shown or exported, so it follows the customers as they change.
Filters are AND-ed, each column:op:value with op eq, ne, gt, gte, lt, lte, in (values separated by |)
or contains, e.g. --filter value_tier:in:Gold|Platinum --filter churn_risk:eq:high
--filter retention_list:eq:at_risk. Saving checks the columns against the current table; saving an
existing name replaces it. show prints the rule and the first --limit members; export writes every
member with every column as CSV. Scoring options as in cvm at-risk (--calibration-end,
--validate-at, --costs, --horizon-days, --lookback-days, --risk-thresholds).

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
};
