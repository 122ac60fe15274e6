import { ENGINE_FLAGS, LOG_FLAGS, OUTPUT_FLAGS, PERIOD_FLAGS } from './help-flags.js';

/** Help text of `cvm plan` (issue 15). */
export const PLAN_HELP: Record<string, string> = {
  plan: `Usage: cvm plan LOG [log options] [--costs F] [--customers F --spend F] [--prospects F] [--surveys F]
       cvm plan --workspace DIR [--save] [--contact-cost X]

The customer value plan: the five steps of customer value management on the current data, each
number with the dashboard page it comes from (#/value, #/retention, …).

  Discover  what customers are worth now: predicted CLV, profit, how concentrated value is, the value
            tiers and how customers moved between them since the last quarter
  Commit    a goal for each segment (value tier x lifecycle stage), by a stated rule: serve cheaper
            (profit per customer below 0), win back (lapsed or churned, historic revenue at least the
            median customer's), retain (at_risk, or value at risk >= --retain-risk of the value if
            alive), acquire look-alikes (the healthy top tier), grow (the rest)
  Create    campaigns proposed from the at-risk and win-back lists, up-sell headroom and look-alike
            prospects: audience, a control group sized to detect a 2-point rise in buyers (80% power,
            5% two-sided, at least 10%), expected incremental value (a stated assumed share of the
            value worked on, until your own campaigns measure it) and cost (--contact-cost)
  Assess    the stored campaigns' uplift with intervals and incremental value; NPS, the response rate
            and the satisfaction-profit chain from the survey file
  Improve   the previous saved plan's goals, met or not; campaigns to scale, stop or keep testing;
            value at risk now against a quarter earlier

A part without its data (no cost model, no spend, no prospects, no surveys, no campaigns, no saved
plan) says what is missing and which flag or file adds it.

  --costs FILE          cost model (profit, serve cheaper, profit-based value at risk)
  --customers FILE      customers file (acquisition channel, attributes for look-alikes)
  --spend FILE          marketing spend by month and channel (CAC, LTV:CAC)
  --prospects FILE      prospects with the customers' attributes (look-alike acquisition)
  --surveys FILE        survey responses (NPS, CSAT, the satisfaction-profit chain)
  --contact-cost X      cost of contacting one customer (default: the newest stored campaign's)
  --retain-risk S       value-at-risk share that makes a segment's goal "retain" (default 0.4)
  --save                store this plan in the workspace (needs --workspace); the next plan compares with it
  --validate-at D       calibration end of the models' holdout validation
  --no-models           skip the models (no CLV, no value at risk)

${LOG_FLAGS}

${PERIOD_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
};
