// Side by side (not in the registry; run by hand, one process per form so that maxRSS is the form's):
// the acquisition report's per-customer statements (`readAcquired`: level counts, one row per
// acquired customer, revenue by month since acquisition) on a DuckDB workspace, in DuckDB's reused
// form (the attribution computed once into a temporary table) or in the shard-local form ClickHouse
// uses (the attribution recomputed in each of the three statements). Prints the CPU seconds of the
// call (every thread, DuckDB's included), the wall time, the process's maxRSS and a digest of the
// result (the two forms must print the same rows).
//   node --import tsx packages/core/bench/acquisition-pass-side.ts WORKSPACE_DIR once|shard-local
import { createHash } from 'node:crypto';
import { openWorkspace } from '../src/workspace.js';
import { readAcquired } from '../src/acquisition/acquisition-acquired.js';
import { dimensionQuery } from '../src/inputs/dimension.js';
import { clickhouseDialect } from '../src/engine/clickhouse/clickhouse-dialect.js';
import type { Engine } from '../src/engine/engine.js';

const [dir, form] = process.argv.slice(2);
if (!dir || (form !== 'once' && form !== 'shard-local')) {
  console.error('usage: acquisition-pass-side.ts WORKSPACE_DIR once|shard-local');
  process.exit(2);
}
const duck = await openWorkspace({ dir, mustExist: true });
const engine: Engine =
  form === 'once' ? duck : Object.create(duck, { dialect: { value: { ...duck.dialect, reused: clickhouseDialect.reused } } });
const [r] = await engine.rows<{ last: string }>('SELECT CAST(max(event_date) AS VARCHAR) AS last FROM transactions');
const asOf = r!.last;
const dim = await dimensionQuery(engine, 'channel', { asOf });
const c0 = process.cpuUsage(),
  t0 = performance.now();
const a = await readAcquired(engine, { rule: 'file-then-first-order', asOf, dim });
const c = process.cpuUsage(c0);
const wall = (performance.now() - t0) / 1e3;
const h = createHash('sha256');
h.update(JSON.stringify(a.named));
// customers in id order (a parallel scan returns them in any order)
const ids = a.customers.strings.customer_id!;
const order = Array.from(ids.keys()).sort((i, j) => (ids[i]! < ids[j]! ? -1 : ids[i]! > ids[j]! ? 1 : 0));
h.update(JSON.stringify(order.map((i) => [ids[i], a.customers.f64.lc![i], a.customers.f64.am![i]])));
// revenue sums to 1e-9 relative: both forms add the same values, possibly in another order
h.update(JSON.stringify(a.revenue.map((x) => [x.level, x.am, x.k, Number(x.revenue.toPrecision(9))])));
console.log(
  `${form}: ${((c.user + c.system) / 1e6).toFixed(2)} CPU-s, ${wall.toFixed(2)} s wall, maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, ${a.customers.length} customers, ${a.revenue.length} revenue rows, digest ${h.digest('hex').slice(0, 12)}`,
);
await duck.close();
