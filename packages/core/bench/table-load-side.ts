// By hand (not in the registry): engine.load of an n-row table (DOUBLE columns, an id, a coded column)
// into an in-memory DuckDB, a few rounds, CPU seconds and RSS (issue 12: the appender's chunk reuse).
//   node --import tsx packages/core/bench/table-load-side.ts [ROWS=1000000] [DOUBLE COLUMNS=30] [ROUNDS=3]
import { createDuckDbEngine } from '../src/engine/duckdb/duckdb-engine.js';
const n = Number(process.argv[2] ?? 1_000_000),
  cols = Number(process.argv[3] ?? 30),
  rounds = Number(process.argv[4] ?? 3);
const engine = createDuckDbEngine();
const f64: Record<string, Float64Array> = {};
for (let j = 0; j < cols; j++) f64[`c${j}`] = Float64Array.from({ length: n }, (_, i) => ((i * 7919 + j) % 10007) / 3);
const ids = Array.from({ length: n }, (_, i) => String(100000 + i));
const codes = { risk: { codes: Uint32Array.from({ length: n }, (_, i) => i % 3), labels: ['low', 'medium', 'high'] } };
const rss = () => (process.memoryUsage.rss() / 2 ** 20).toFixed(0);
for (let r = 0; r < rounds; r++) {
  const c0 = process.cpuUsage();
  await engine.load('t', { length: n, f64, strings: { customer_id: ids }, codes });
  const c = process.cpuUsage(c0);
  const mem = await engine.rows<{ tag: string; mb: number }>(
    'SELECT tag, round(memory_usage_bytes/2^20) AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 0',
  );
  console.log(
    `round ${r}: ${((c.user + c.system) / 1e6).toFixed(2)} CPU-s, RSS ${rss()} MB, max ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; duckdb ${JSON.stringify(mem)}`,
  );
}
await engine.close();
