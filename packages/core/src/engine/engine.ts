/**
 * The engine contract: the only thing cvm needs from a database. The embedded default is DuckDB
 * (`duckdb/duckdb-engine.ts`); a distributed engine implements the same interface. Stages above the
 * engine pass SQL strings built by `*-sql.ts` modules with the engine's {@link SqlDialect}, so the
 * per-engine SQL lives in the dialect objects and nowhere else.
 */
export type SqlValue = string | number | boolean | null;

/** Column kinds for {@link Engine.columns}: numbers go to Float64Array, strings to string[]. */
export type ColumnKind = 'f64' | 'string';

/** A query result read column-wise: numeric columns as Float64Array (NaN for NULL), text as string[]. */
export interface ColumnBatch {
  readonly length: number;
  readonly f64: Record<string, Float64Array>;
  readonly strings: Record<string, string[]>;
}

/** SQL fragments that differ between engines; every engine-specific expression is built here. */
export interface SqlDialect {
  readonly name: 'duckdb' | 'clickhouse';
  /** Whole days from `a` to `b` (both DATE expressions), as an integer expression. */
  dateDiffDays(a: string, b: string): string;
  /** A DATE literal from an ISO `YYYY-MM-DD` string (validated by the caller). */
  dateLiteral(isoDate: string): string;
  /** Aggregate: number of distinct values. */
  countDistinct(expr: string): string;
  /** A DATE expression as ISO text `YYYY-MM-DD`. */
  isoDate(dateExpr: string): string;
  /** Boolean: text `haystack` contains text `needle` (both SQL expressions; case-sensitive). */
  contains(haystack: string, needle: string): string;
  /**
   * Aggregate: the exact sum of a money expression, independent of summation order. Each value is
   * rounded to 6 decimals (half away from zero) and summed as a 128-bit decimal (DECIMAL(38, 6):
   * |sum| < 10^32), so two runs, two engines or two row orders give the same digits. The result is a
   * decimal: differences of such sums stay exact; CAST it to DOUBLE at the end.
   */
  moneySum(expr: string): string;
  /** Aggregate: the `value` of the row with the smallest `key` (keys distinct within a group). */
  argMin(value: string, key: string): string;
}

export interface Engine {
  readonly dialect: SqlDialect;
  /** Run statements that return nothing useful. `params` bind `$1`, `$2`, … (or `$name`). */
  exec(sql: string, params?: SqlValue[] | Record<string, SqlValue>): Promise<void>;
  /** Small results as plain objects (BigInt → number, dates → ISO strings). Not for millions of rows. */
  rows<T = Record<string, unknown>>(sql: string, params?: SqlValue[] | Record<string, SqlValue>): Promise<T[]>;
  /**
   * Large results read chunk by chunk straight into typed columns, with no per-row objects.
   * `kinds` names each wanted column and how to read it.
   */
  columns(sql: string, kinds: Record<string, ColumnKind>, params?: SqlValue[] | Record<string, SqlValue>): Promise<ColumnBatch>;
  /**
   * Creates (or replaces) table `table` and loads columns into it in bulk, without building SQL
   * text per row: the way per-customer results computed in JavaScript (model scores, segment
   * labels) reach SQL, e.g. to be joined, sorted and filtered with the summary. Columns keep the
   * batch's order: each `f64` column becomes DOUBLE (NaN → NULL), each `strings` column VARCHAR.
   * `temporary` tables live only as long as the connection (default true).
   */
  load(table: string, batch: ColumnBatch, options?: { temporary?: boolean; order?: readonly string[] }): Promise<void>;
  /** Release the connection and database. */
  close(): Promise<void>;
}
