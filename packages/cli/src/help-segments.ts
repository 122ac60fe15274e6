import { BY_FLAGS, ENGINE_FLAGS, LOG_FLAGS, OUTPUT_FLAGS } from './help-flags.js';

/** Help texts of the segment and profit commands: profit, segment, migrate, cohorts. */
export const SEGMENTS_HELP: Record<string, string> = {
  profit: `Usage: cvm profit FILE [log options] --costs COSTS.yaml [--activities FILE] | cvm profit --workspace DIR --costs COSTS.yaml

Activity-based customer profitability (Cokins): each cost pool's total for the period is spread over
customers by its driver (order, order_line, unit, return, delivery [by channel], support_contact,
campaign_contact, customer_year, activity): rate = pool / total driver volume; cost-to-serve =
Σ volume × rate, split in whole cents so that every pool reconciles to the cent. profit = net revenue
- product cost - cost-to-serve. Cost that no customer can carry (a driver with no volume, activity of
unknown customers, no activity file) is reported as unassigned. Example cost model (illustrative):
data/cdnow/cost-model.example.yaml.

  --costs FILE          cost model, YAML or JSON (required); with --engine clickhouse://… its
                        per-product costs go into the SQL: at most 4 MiB of them (~100,000 products)
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
The views have the same columns as GET /api/profitability?format=csv&table=V:
  pnl           customer_id, main_channel (when the log has channels), value_tier, segment (with
                --segments), orders, units, returns (return orders), gross_revenue, returns_value,
                net_revenue, product_cost, gross_margin, cost_<pool> per pool, cost_to_serve,
                profit, quadrant
  unprofitable  customer_id, net_revenue, gross_margin, cost_to_serve, profit, orders,
                average_order_value, top_driver and second_driver (a pool and its % of the
                customer's cost-to-serve), remedy, detail (the remedy in numbers)
  whale         customer_share (0..1, most profitable first), customers, cumulative_profit,
                pct_of_total_profit (% of total profit; peaks above 100); the table format shows
                every 10th of the 101 points
  pools, matrix, tier, channel  as table=pools, quadrants, by_tier and by_channel
The table format heads each table with labels and units and names a remedy in words (CSV: its code).
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
  --view V         the CSV/NDJSON table: customers (default, the columns above), rfm_cut_points,
                   rfm, tiers, lifecycle, tier_lifecycle (customers), tier_lifecycle_value (share of
                   value) or micro; the tables the table format prints, as GET /api/segments's tables
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
  --view V              the CSV/NDJSON table: cells (default, the columns above), row_share,
                        value_moved (one column per state on --to), markov or downgrades; the same
                        tables as GET /api/migration?format=csv&table=V

${LOG_FLAGS}

${ENGINE_FLAGS}
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
