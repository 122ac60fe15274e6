import { ENGINE_FLAGS, LOG_FLAGS, OUTPUT_FLAGS, PERIOD_FLAGS } from './help-flags.js';

/** Help texts of the feedback commands (issue 15). */
export const FEEDBACK_HELP: Record<string, string> = {
  feedback: `Usage: cvm feedback LOG [log options] --surveys FILE [--customers FILE]
       cvm feedback --workspace DIR [--surveys FILE]

Customer feedback tied to value. The survey file has one row per response: customer id, response date
(response_date, survey_date, …), an NPS answer 0-10 (nps, likelihood_to_recommend, …) and/or a CSAT
answer 1-5 (csat, satisfaction, …), optionally a channel and free text. Rows with NPS outside 0-10,
CSAT outside 1-5, no score, a missing or unparseable date, a missing customer id or an exact repeat are
quarantined with their line and reason; answers from customers not in the log, or dated after the
analysis day, are counted and left out (named in a warning).

Prints NPS (promoters 9-10 minus detractors 0-6, adjusted-Wald 95% interval, Rocks 2016) and CSAT
(mean with t interval, share satisfied 4-5) overall and by value tier, RFM segment, lifecycle stage,
survey channel, acquisition channel (--customers), acquisition cohort (quarter) and response month,
each with its number of answers; the response rate and the non-response bias (respondents' net
revenue, purchase days, tenure, CLV and P(alive) against everyone's, and NPS reweighted to the base's
value tiers); customers by their latest answer with their predicted CLV (the value at stake in
detractors); and the satisfaction-profit chain: each customer's first NPS answer with a full window
after it, what they did in the 90 and 180 days after answering (stopped buying, purchase days, spend)
for detractors and promoters against passives, adjusted for what they did before (purchase days,
recency, tenure, spend per purchase day) by logistic and log-linear regression with standardisation
and robust (sandwich) intervals, and the asymmetry (harm of a detractor against help of a promoter).

  --surveys FILE    the survey file (CSV, Parquet or NDJSON); with --workspace, the one stored is used
  --customers FILE  customers file (acquisition channel of each customer)
  --windows LIST    outcome windows of the chain in days after answering (default 90,180)
  --level L         confidence level of every interval (default 0.95)
  --validate-at D   calibration end of the models' holdout validation
  --no-models       skip the models (no CLV of detractors; tiers by historic net revenue)

${LOG_FLAGS}

${PERIOD_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
  loyalty: `Usage: cvm loyalty LOG [log options] --program FILE [--compare FILE]...
       cvm loyalty --workspace DIR --program FILE

Runs a loyalty programme over the transaction log. The programme file (YAML or JSON; example:
data/loyalty/three-tiers.yaml) names the tiers with their qualifying range [min, max) on gross spend
or on points over a rolling window (window_days), the points earned per unit spent, the cost of a
point redeemed and the share redeemed, each tier's benefit cost per member per year, and the gross
margin on spend. Overlapping or gapped ranges are refused naming the two tiers.

Each customer's tier is computed at every month end; the report shows the members of each tier and
how they got there (joined, moved up, moved down, kept = requalified), then for the tiers at the last
month end with --horizon days of data after it: retention (a purchase in those days, Wilson interval),
spend, margin, points and programme cost per member, net margin, members now and their mean predicted
CLV; and the programme's cost against the margin of its members. With --compare FILE the same log is
run under each further programme and the totals are shown side by side (with how many customers
would be in another tier now).

  --program FILE    the programme (required)
  --compare FILE    another programme to compare (repeatable)
  --horizon DAYS    outcome window after the review (default 180)
  --view V          what --format csv/json/ndjson carries as its table: tiers (default), over-time, totals
  --validate-at D   calibration end of the models' holdout validation
  --no-models       skip the models (no CLV by tier)

${LOG_FLAGS}

${PERIOD_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
};
