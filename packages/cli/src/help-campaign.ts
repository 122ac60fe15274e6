/** Help of `cvm campaign` (issue 14). */
import { OUTPUT_FLAGS } from './help-flags.js';

export const CAMPAIGN_HELP: Record<string, string> = {
  campaign: `Usage: cvm campaign analyze FILE --arm-col C --control VALUE --outcome COL[,COL...] [--by COL...]

Analyses a randomised experiment from a flat file (CSV, Parquet, NDJSON; no workspace needed): one
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

${OUTPUT_FLAGS}`,
};
