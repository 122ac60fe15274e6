import type { SqlDialect } from '../engine.js';
import { isoDateOrNull } from '../sql.js';

/** DuckDB's SQL for the fragments that differ between engines. */
export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  dateDiffDays: (a, b) => `date_diff('day', ${a}, ${b})`,
  dateLiteral: (iso) => {
    const d = isoDateOrNull(iso);
    if (d === null) throw new TypeError(`dateLiteral: not an ISO date: ${JSON.stringify(iso)}`);
    return `DATE '${d}'`;
  },
  countDistinct: (e) => `count(DISTINCT ${e})`,
  contains: (h, n) => `contains(${h}, ${n})`,
  isoDate: (e) => `strftime(${e}, '%Y-%m-%d')`,
  moneySum: (e) => `sum(CAST(${e} AS DECIMAL(38, 6)))`,
  argMin: (v, k) => `arg_min(${v}, ${k})`,
};
