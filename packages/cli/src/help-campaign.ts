/** Help of `cvm campaign` (issue 14). */
import { ENGINE_FLAGS, OUTPUT_FLAGS } from './help-flags.js';

export const CAMPAIGN_HELP: Record<string, string> = {
  campaign: `Usage: cvm campaign create --workspace DIR|--engine URL (--file CAMPAIGN.yaml | --name N --action A --send-date D --window DAYS [--audience column:op:value ...] [--saved-audience NAME])
       cvm campaign results ID --workspace DIR|--engine URL [--responses FILE] [--by COL...] [--uplift]
       cvm campaign list --workspace DIR|--engine URL
       cvm campaign delete ID --workspace DIR|--engine URL
       cvm campaign analyze FILE --arm-col C --control VALUE --outcome COL[,COL...] [--by COL...]

create: defines a campaign in a workspace and splits its audience into a target and a control group
by hashing (seed, customer id): the same seed always gives the same groups, and a customer in the
global holdout stays out of every campaign. Before anything is stored it prints the power: with the
audience's base rates in the window of the same length before the send date, the smallest lift in
the response rate (percentage points) and in revenue per customer that the split detects at 80%
power and 5% significance, and with --effect-rate/--effect-revenue the control share needed for that
effect. The audience is re-evaluated on the segment snapshot of the day before the send date.

  --file CAMPAIGN.yaml   a campaign file (name, target, action, send_date, response_window_days, ...)
  --name N               campaign name (the id is the name in lower case with dashes, or --id)
  --saved-audience NAME  the filters of an audience saved with cvm audience save (added to any
                         --audience filters; re-evaluated on the snapshot before the send date)
  --audience F           a customer-table filter column:op:value, op eq, ne, gt, gte, lt, lte or in
                         (values separated by |); repeat to AND them; none = every scored customer.
                         Columns: value_tier, lifecycle_stage, rfm_segment, micro_segment, r_score,
                         f_score, m_score, tier_rank, value, customer_id
  --ids FILE             target a list of customer ids instead (CSV with customer_id, or one per line)
  --action A             what the target group receives, in words
  --send-date D          first day of the campaign, YYYY-MM-DD
  --window DAYS          response window in days from the send date
  --control-share S      share kept as the control group (default 0.1; 0 is refused)
  --holdout-share S      global holdout share, kept out of every campaign (default 0)
  --seed S               seed (salt) of the assignment hash (default: the campaign id)
  --margin-pct P         gross margin in % of revenue when the log has no costs
  --cost-per-contact C   cost of the action per target customer
  --effect-rate X        a lift in the response rate to size the control group for (0.02 = 2 points)
  --effect-revenue X     a revenue lift per customer to size the control group for
  --dry-run              print the plan and the power only; store nothing
  --replace              replace a campaign with the same id (its assignment and responses go)

results: per arm the customers, response rate, revenue and margin per customer; the lift in points
with Newcombe's interval, revenue and margin with Welch's interval and a seeded bootstrap; p-values
(Holm-adjusted); incremental revenue and margin in total; the sample-ratio-mismatch check (a warning
when the split is not what was planned) and the verdict in words. Responses are the customers'
transactions in the window, or a response file (one row per responding customer).

  --responses FILE       load a response file for the campaign (replaces an earlier one)
  --id-col C             its customer column (default customer_id)
  --responded-col C      its 0/1 column (default: every listed customer responded)
  --revenue-col C, --margin-col C   its revenue and margin columns
  --by COL,...           uplift by value_tier, lifecycle_stage, rfm_segment or micro_segment
  --uplift               fit an uplift model on the snapshot scores; Qini curve on a held-out 30%
  --bootstrap N          bootstrap resamples (default 2000; 0 = off); --seed S (default 1)
  --table ID             table written by --format csv|ndjson (default experiment.verdicts)

list: the campaigns of a workspace with their status (defined, assigned, in window, complete).

delete: removes a stored campaign with its assignment and responses; an id that is not stored is
refused (exit 2) naming those that are. The id can then be created again.

analyze: Analyses a randomised experiment from a flat file (CSV, Parquet, NDJSON; no workspace needed): one
row per customer, an arm column and outcome columns (numbers, or 0/1 and true/false for rates).
Per arm: customers, rate or mean of every outcome. Every other arm against the control: for 0/1
outcomes the lift in points with Newcombe's hybrid score interval (Newcombe 1998, method 10) and
the pooled z test; for other outcomes the difference per customer with Welch's interval and test
and a seeded percentile bootstrap; the relative change; p-values with Holm's adjustment over all
comparisons; incremental totals (difference x test customers); and the verdict in words. Rows with
an empty arm or an outcome that is empty, not a number or not finite are quarantined (line, reason)
and left out of every outcome.

  --arm-col C            column with each row's arm (required)
  --control VALUE        the control arm's value (required)
  --outcome COL,...      outcome columns (required; repeatable)
  --by COL,...           break the uplift down by these columns: intervals, Holm and Bonferroni
                         adjusted p-values, Cochran's Q test of equal uplift (repeatable)
  --planned A=S,...      planned share of each arm, for the sample-ratio-mismatch check
                         (e.g. "No E-Mail=1,Womens E-Mail=1,Mens E-Mail=1")
  --uplift-features COL,...  fit an uplift model (whom to target next time) on these columns and
                         evaluate it on a held-out 30% with the Qini curve against random targeting
  --uplift-arm VALUE     test arm of the uplift model (default: the first test arm)
  --uplift-outcome COL   outcome of the uplift model (default: the first outcome)
  --uplift-method M      two-model (default) or transformed-outcome
  --bootstrap N          bootstrap resamples for non-0/1 outcomes (default 2000; 0 = off)
  --seed S               seed of the bootstrap and the uplift model's split (default 1)
  --table ID             table written by --format csv|ndjson (default experiment.verdicts):
                         experiment.verdicts, experiment.arms, experiment.uplift_rates,
                         experiment.uplift_means, experiment.srm, experiment.segments,
                         experiment.heterogeneity, uplift.qini, experiment.quarantine

Example (the public Hillstrom e-mail experiment, bundled):
  cvm campaign analyze data/hillstrom/hillstrom_email.csv --arm-col segment --control "No E-Mail" \\
    --outcome visit,conversion,spend --by channel
  cvm campaign create --workspace ws --name "Win back" --audience lifecycle_stage:eq:at_risk \\
    --action "10% voucher" --send-date 1998-01-01 --window 30 --control-share 0.2 --seed wb-1
  cvm campaign results win-back --workspace ws --by value_tier

create, results and list read and store the campaigns in --workspace DIR or, with --engine, in a
workspace on ClickHouse (the same groups and numbers; analyze reads its file locally).

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
};
