import { ENGINE_FLAGS, LOG_FLAGS, OUTPUT_FLAGS, PERIOD_FLAGS } from './help-flags.js';

/** `cvm serve --help`: the dashboard and API, continuous ingestion (--watch), the ClickHouse engine. */
export const SERVE_HELP: Record<string, string> = {
  serve: `Usage: cvm serve --workspace DIR [--port N] [--host H] [--token T] | cvm serve FILE [log options]

Serves the dashboard at http://127.0.0.1:PORT and the JSON API under /api (description:
/api/openapi.json) until Ctrl-C, and prints the overview (as cvm report does). It listens as soon
as the data is there and says where on stderr; the report is computed once, for the printout and
the server alike. Until it is done, a page whose answer is not ready within 3 s says "Still
computing …" and fills in by itself (the API answers 202 Computing with Retry-After: ask again).
The address is printed again under the report when everything is ready. With FILE the log is
ingested first (into --workspace DIR when given, else an in-memory workspace). Uploads from the
dashboard's data page are streamed to DIR/uploads (or a temporary directory), each under its own
name in a folder of its own; rejected uploads are deleted. A log too small for the models, or whose
every row was rejected, still gets the dashboard (its pages say what cannot be computed).

  --port N            port, 0 to 65535 (default 4173, or CVM_PORT; 0 picks a free one)
  --host H            interface to bind (default 127.0.0.1); any other needs a token
  --token T           bearer token every API call must carry (or CVM_TOKEN); the printed URL carries it;
                      at least 16 characters when --host is not loopback
  --currency C        currency shown with amounts, e.g. $ or EUR (default: the cost model's)
  --max-upload-mb N   largest accepted upload in MB, above 0 up to 102400 (default 100)
  --validate-at D, --no-models, --costs FILE   as for cvm report; --costs also feeds the dashboard's
                      Profitability page and the Overview's total profit (else "not computed")
  --products FILE     product file with categories for the Expansion page's headroom breadth
                      (default: the log FILE's category column when it has one; --category-col NAME)
  --customers FILE, --spend FILE, --prospects FILE   the files beside the log (customer attributes and
                      channels, marketing spend, prospects) for the Acquisition and Prospects pages
  --horizon-days H, --lookback-days L, --risk-thresholds H,M   the Retention page's and the
                      /api/retention lists' scoring, as for cvm at-risk (defaults 90, 90, 0.2,0.5)
  --surveys FILE      survey file stored in the workspace first (see cvm feedback): /api/feedback
  --program FILE      loyalty programme (YAML, see cvm loyalty) the Loyalty page runs: /api/loyalty
  --compare-program FILE   a programme to compare with it side by side (repeatable)
  --watch DIR         continuous ingestion: log files (csv, tsv, txt, ndjson, jsonl, json, parquet,
                      optionally .gz) dropped into DIR are ingested with the log options above, once
                      their size and time are unchanged between two looks (write NAME.part, then
                      rename); a changed file replaces its earlier rows, a repeated one is unchanged;
                      each is logged to stderr. POST /api/events takes NDJSON batches the same way
  --watch-every S     seconds between looks at DIR, 1 to 86400 (default 10)
  --refit-every D     re-fit schedule: 90s, 15m, 6h, 1d, or off (default 1h). After new data (a
                      watched file, an events batch) only the customers it touched are refreshed:
                      their summary, and their scores made with the current fit's parameters (every
                      customer's scores when the data's last day moved, since everyone's age T did);
                      the overview totals are recomputed; segments, tiers, profitability, retention
                      and the rest keep the previous data version (X-Cvm-Reflects-Version) until the
                      next re-fit, which fits the models on the full data and recomputes everything,
                      and runs only when new data arrived. POST /api/refit re-fits now. Answers
                      built on scores name their fit (X-Cvm-Fit-Version, "fit" in /api/models)
  --poll-every S      seconds between looks for data other processes ingested into the workspace
                      (a cvm ingest into the same ClickHouse database), 0 to 86400, 0 = never
                      (default 10 with --engine, 0 on DuckDB, whose lock keeps other writers out).
                      A look reads two small tables (sources, input_sources); new log files are
                      refreshed as a watched file is, a replaced log file or a new customers, spend,
                      prospects or survey file recomputes every stage; each is logged to stderr
  CVM_NO_SERVE=1      stop after printing the report

${LOG_FLAGS}

${PERIOD_FLAGS}

${ENGINE_FLAGS}
                      (on ClickHouse the report pages answer; product baskets (rules, next best
                      offers) say they are not computed there; input files are stored there:
                      --customers, --spend, --prospects, --surveys here or
                      cvm ingest --engine URL --surveys FILE …)

${OUTPUT_FLAGS}`,
};
