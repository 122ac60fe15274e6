// Side by side (not in the registry; run by hand): the summary SQL plain, with the history columns
// as of 90 days earlier (issue 12) without and with the last channel, and the standalone history
// query those columns replace; CPU seconds of the process (DuckDB's threads included) and wall,
// each statement run into a temp table, twice in alternation.
//   node --import tsx packages/core/bench/summary-history-side.ts WORKSPACE_DIR
import { openWorkspace } from '../src/workspace.js';
import { summarySql } from '../src/summary/summary-sql.js';
import { channelDictionarySql, retentionHistorySql } from '../src/retention/retention-sql.js';

const engine = await openWorkspace({ dir: process.argv[2]!, mustExist: true });
const d = engine.dialect;
const [r] = await engine.rows<{ last: string }>('SELECT CAST(max(event_date) AS VARCHAR) AS last FROM transactions');
const asOf = r!.last;
const before = new Date(Date.parse(`${asOf}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
const channels = (await engine.rows<{ channel: string }>(channelDictionarySql(d, { asOf }))).map((x) => x.channel);
const o = { calibrationEnd: asOf, daysPerPeriod: 7, netReturns: true };
const time = async (sql: string): Promise<[number, number]> => {
  const c0 = process.cpuUsage(),
    t0 = performance.now();
  await engine.exec(`CREATE OR REPLACE TEMP TABLE side AS ${sql}`);
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1e6, (performance.now() - t0) / 1e3];
};
const only = process.argv[3]?.split(',');
for (let k = 0; k < 2; k++) {
  for (const [name, sql] of [
    ['summary, plain', summarySql(d, o)],
    ['summary + history, no channel', summarySql(d, { ...o, history: { before, channels: null } })],
    ['summary + history with the last channel', summarySql(d, { ...o, history: { before, channels } })],
    ['standalone history query (before)', retentionHistorySql(d, { asOf, before, channels, netReturns: true })],
  ] as const) {
    if (only && !only.some((x) => name.includes(x))) continue;
    const [cpu, wall] = await time(sql);
    console.log(`${name}: ${cpu.toFixed(2)} CPU-s, ${wall.toFixed(2)} s wall`);
  }
}
await engine.close();
