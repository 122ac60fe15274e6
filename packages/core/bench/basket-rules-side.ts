// Side by side on ClickHouse (not in the registry; run by hand, one process per form so that maxRSS
// is the form's): association rules of a log's product baskets through the DuckDB mirror (the window's
// product rows streamed into a temporary DuckDB, baskets built there and mined in this process: the
// path before issue 16's shard-local baskets) or shard-local (item counts and Apriori's level-wise
// itemset counts grouped on the shards, `rulesReport`). Prints this process's CPU seconds, the
// servers' CPU seconds (from /proc of the cluster's server pids, when given), wall time, maxRSS, the
// bytes and rows received from ClickHouse and a digest of the rules (both forms must print the same).
//   node --import tsx packages/core/bench/basket-rules-side.ts ingest URL FILE
//   node --import tsx packages/core/bench/basket-rules-side.ts mirror|shard URL [SERVER_PID ...]
//   node --import tsx packages/core/bench/basket-rules-side.ts log FILE BASKETS   (writes the synthetic log)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClickHouseEngine } from '../src/engine/clickhouse/clickhouse-engine.js';
import { parseClickHouseUrl } from '../src/engine/clickhouse/clickhouse-url.js';
import { ensureClickHouseWorkspace } from '../src/engine/clickhouse/clickhouse-schema.js';
import { ingestFileToClickHouse } from '../src/engine/clickhouse/clickhouse-ingest.js';
import { loadBaskets } from '../src/expansion/baskets.js';
import { mineRules, rulesReport } from '../src/expansion/rules-report.js';
import type { RuleSet } from '../src/expansion/association-rules.js';
import { writeSyntheticBasketLog } from './synthetic-basket-log.js';

const OPTIONS = { minSupport: 0.002, minConfidence: 0.1, maxLength: 6 };
const [mode, target, ...rest] = process.argv.slice(2);

/** CPU seconds (user + system) of the given processes so far. */
const serverCpu = (pids: readonly string[]): number =>
  pids.reduce((s, pid) => {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return s + (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 Hz)
  }, 0);

const digest = (r: RuleSet): string =>
  createHash('sha256')
    .update(JSON.stringify([r.length, [...r.count], [...r.antecedents], [...r.consequents], [...r.lift].map((x) => x.toPrecision(12))]))
    .digest('hex')
    .slice(0, 16);

if (mode === 'log') {
  const rows = writeSyntheticBasketLog(target!, { baskets: Number(rest[0]), products: 2_000, customers: Number(rest[0]) / 8 });
  console.log(JSON.stringify({ file: target, rows }));
} else if (mode === 'ingest') {
  const ch = createClickHouseEngine(parseClickHouseUrl(target!));
  await ensureClickHouseWorkspace(ch);
  await ingestFileToClickHouse(ch, rest[0]!, { dateFormat: 'iso', cancelPrefix: 'C' });
  await ch.close();
} else if (mode === 'mirror' || mode === 'shard') {
  const ch = createClickHouseEngine(parseClickHouseUrl(target!));
  const s0 = rest.length ? serverCpu(rest) : NaN;
  const c0 = process.cpuUsage(),
    t0 = performance.now();
  let rules: RuleSet, baskets: number;
  if (mode === 'mirror') {
    const b = await loadBaskets(ch, {});
    rules = mineRules(b, OPTIONS).rules;
    baskets = b.offsets.length - 1;
  } else {
    const r = await rulesReport(ch, OPTIONS);
    rules = r.rules;
    baskets = r.baskets;
  }
  const c = process.cpuUsage(c0);
  console.log(
    JSON.stringify({
      form: mode,
      baskets,
      rules: rules.length,
      digest: digest(rules),
      cpuS: +((c.user + c.system) / 1e6).toFixed(2),
      serverCpuS: +(serverCpu(rest) - s0).toFixed(2),
      wallS: +((performance.now() - t0) / 1e3).toFixed(1),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      bytesReceived: ch.stats.bytesReceived,
      rowsReceived: ch.stats.rowsReceived,
      queries: ch.stats.queries,
    }),
  );
  await ch.close();
} else {
  console.error('usage: basket-rules-side.ts log FILE BASKETS | ingest URL FILE | mirror|shard URL [SERVER_PID ...]');
  process.exit(2);
}
