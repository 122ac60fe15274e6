// Side by side (not in the registry; run by hand): the retention history SQL now (one aggregation)
// against its previous forms (the max of 'day|channel' texts; per-day pre-aggregation joined back, without the
// returns netting) and without the last channel, on
// the same workspace, CPU seconds of the process (DuckDB's threads included) and wall.
//   node --import tsx packages/core/bench/retention-history-side.ts WORKSPACE_DIR
import { openWorkspace } from '../src/workspace.js';
import { channelDictionarySql, retentionHistorySql } from '../src/retention/retention-sql.js';

const dir = process.argv[2]!;
const engine = await openWorkspace({ dir, mustExist: true });
const d = engine.dialect;
const [r] = await engine.rows<{ last: string }>('SELECT CAST(max(event_date) AS VARCHAR) AS last FROM transactions');
const asOf = r!.last;
const o = { asOf, before: new Date(Date.parse(`${asOf}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10), netReturns: true };
const cut = d.dateLiteral(o.asOf),
  before = d.dateLiteral(o.before);
const day = (x: string): string => `CAST(${d.dateDiffDays("DATE '1970-01-01'", x)} AS DOUBLE)`;
const previous = `WITH days AS (
  SELECT customer_id, event_date, max(channel) AS channel
  FROM transactions WHERE NOT is_return AND event_date <= ${cut} GROUP BY customer_id, event_date
), per AS (
  SELECT customer_id, sum(CASE WHEN event_date <= ${before} THEN 1 ELSE 0 END) AS days_before,
    max(CASE WHEN event_date <= ${before} THEN event_date END) AS last_before, max(event_date) AS last_purchase
  FROM days GROUP BY customer_id
)
SELECT per.customer_id AS customer_id, CAST(per.days_before AS DOUBLE) AS days_before, ${day('per.last_before')} AS last_before,
  ${day('per.last_purchase')} AS last_purchase, coalesce(d.channel, '') AS channel
FROM per LEFT JOIN days d ON d.customer_id = per.customer_id AND d.event_date = per.last_purchase
ORDER BY try_cast(per.customer_id AS BIGINT) NULLS LAST, per.customer_id`;
const channels = (await engine.rows<{ channel: string }>(channelDictionarySql(d, o))).map((x) => x.channel);
const now = retentionHistorySql(d, { ...o, channels });
const text = retentionHistorySql(d, { ...o, channels: 'text' });
const noChannel = retentionHistorySql(d, { ...o, channels: null });
const time = async (sql: string): Promise<[number, number]> => {
  const c0 = process.cpuUsage(),
    t0 = performance.now();
  await engine.exec(`CREATE OR REPLACE TEMP TABLE side AS ${sql}`);
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1e6, (performance.now() - t0) / 1e3];
};
for (let k = 0; k < 2; k++) {
  for (const [name, sql] of [
    ['now (one aggregation, max of day × 2^31 + channel code)', now],
    ["before (one aggregation, max of 'day|channel' texts)", text],
    ['previous (per-day, joined back; no returns netting)', previous],
    ['now without channel', noChannel],
  ] as const) {
    const [cpu, wall] = await time(sql);
    console.log(`${name}: ${cpu.toFixed(2)} CPU-s, ${wall.toFixed(2)} s wall`);
  }
}
await engine.close();
