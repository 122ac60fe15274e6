/** Help texts of the expansion commands: rules, offers, headroom. */
import { ENGINE_FLAGS, LOG_FLAGS, OUTPUT_FLAGS } from './help-flags.js';

const RULE_THRESHOLDS = `Rule thresholds:
  --min-support S      smallest share of baskets holding an itemset (rules default 0.01; offers 0.002)
  --min-confidence C   smallest P(consequent | antecedent) (rules default 0.25; offers 0.1)
  --min-lift L         smallest lift (rules default 0; offers 1.2)
  --max-length N       largest itemset, antecedent + consequent (rules default 10; offers 4)
  --max-itemsets N     stop past N frequent itemsets (default 5,000,000): raise --min-support instead
  --costs FILE         cost model (see cvm profit --help): margins instead of revenue`;

export const EXPANSION_HELP: Record<string, string> = {
  rules: `Usage: cvm rules FILE [log options] | cvm rules --workspace DIR | cvm rules --baskets FILE

Association rules X => Y from the log's baskets (an order, or a customer-day without order ids;
returns and cancellations netted out; quantities ignored): frequent itemsets by FP-growth (Han, Pei
& Yin 2000), rules with support, confidence, lift, leverage and conviction, single-item consequents
(as arules). The log needs product ids (--product-col). --baskets reads a file of one basket per
line, items separated by commas (data/groceries/groceries_baskets.csv: support 0.006 and confidence
0.25 give arules' 463 rules).

  --baskets FILE       baskets instead of a log
  --level L            product (default) or category (categories from --products or the log FILE)
  --products FILE      product file with product_id and category columns
  --category-col NAME  the category column of --products (or of the log FILE)
  --item NAME          only rules mentioning this item; --side any|antecedent|consequent
  --sort M             lift (default), confidence, support, leverage, conviction or count
  --limit N            the first N rules after sorting
  --max-consequent N   consequents of up to N items (default 1)
  --from D, --to D     the days read (default: the whole log)

${RULE_THRESHOLDS}

${LOG_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
  offers: `Usage: cvm offers FILE [log options] | cvm offers --workspace DIR [--backtest --calibration-end D]

Next best offer: per customer the k products with the highest expected value = probability x margin
per purchase (revenue without --costs); the probability is that of the best rule firing on what the
customer bought (smoothed towards the base rate), else item co-occurrence; each offer with its
reason in words. Never offered: products the customer bought (ever, or within --recent-days) and
products nobody bought in the last --discontinued-days (default 90).
With --backtest: offers from the data up to --calibration-end, scored on what each customer bought
after it: hit rate and precision at k beside the popularity baseline (the k best sellers), with the
verdict in words (on stderr in CSV output).

  --k N                  offers per customer (default 5)
  --as-of D              the offer day; data up to it are used (default: the last day of the log)
  --recent-days N        offer again what was bought more than N days ago (default: never)
  --discontinued-days M  a product not sold in M days is no longer offered (default 90)
  --no-fallback          rules only, no co-occurrence fallback
  --customer ID          only this customer (repeatable)
  --limit N              customers listed (default 20 on a terminal, all otherwise)
  --backtest             also backtest; needs --calibration-end D, optional --holdout-end D

${RULE_THRESHOLDS}

${LOG_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
  headroom: `Usage: cvm headroom FILE [log options] | cvm headroom --workspace DIR

Up-sell headroom: each customer's spend (net revenue) and category breadth over a window against the
upper quartile of comparable customers (value tiers by spend, or --segments), the gap in money,
totals by segment, and the customers with the most headroom x P(alive) (P(alive) from BG/NBD fitted
on the log; --no-models ranks by headroom alone). CSV: the table by segment.

  --as-of D            last day of the window (default: the last day of the log)
  --window-days N      window length (default 365)
  --products FILE      product file with categories (default: the log FILE's category column when it
                       has one; breadth counts products without either)
  --category-col NAME  the category column of --products or of the log FILE
  --segments FILE      customer_id,segment file of comparable groups; --segment-col NAME
  --min-p-alive P      top list: customers with P(alive) >= P (default 0.5)
  --top N              length of the top list (default 20)
  --no-models          no P(alive)

${LOG_FLAGS}

${ENGINE_FLAGS}
${OUTPUT_FLAGS}`,
};
