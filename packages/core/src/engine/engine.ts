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
  /**
   * Only for {@link Engine.load}: text columns given as small integer codes into a list of labels
   * (value i is `labels[codes[i]]`, NULL when the code is out of range); see {@link CodedText}.
   */
  readonly codes?: Record<string, CodedText>;
}

/**
 * A low-cardinality text column as codes into its labels (a risk label, a date among a few thousand):
 * loaded without one string per row. It reads, sorts, filters and compares exactly as the same text
 * loaded as strings would (DuckDB: an ENUM whose labels are in byte order; ClickHouse: String).
 * Labels may come in any order and may repeat.
 */
export interface CodedText {
  readonly codes: Uint8Array | Uint16Array | Uint32Array;
  readonly labels: readonly string[];
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

  // ---- added for the ClickHouse engine (SQL both engines run; see engine/clickhouse/) ----
  /** A string literal for this engine's quoting rules (ClickHouse also escapes backslashes). */
  string(value: string): string;
  /** `expr` as a DOUBLE, NULL staying NULL. */
  double(expr: string): string;
  /** `expr` as text (dates as `YYYY-MM-DD`), NULL staying NULL. */
  text(expr: string): string;
  /** Conditional aggregates over the rows where `cond` holds; NULL when there are none (as `FILTER`). */
  sumIf(expr: string, cond: string): string;
  minIf(expr: string, cond: string): string;
  maxIf(expr: string, cond: string): string;
  avgIf(expr: string, cond: string): string;
  /** Number of rows where `cond` holds (0 when none). */
  countIf(cond: string): string;
  /** Aggregate: `arg` of the row with the smallest `value` among rows where `cond` holds (any row on ties). */
  argMinIf(arg: string, value: string, cond: string): string;
  /** ORDER BY terms for customer ids: numeric ids in numeric order first, then the rest as text. */
  customerOrder(column: string): string;
  /**
   * A relation (for FROM) computed on each shard from that shard's own rows and then combined:
   * valid when every group `sql` forms is within one customer (the workspace is sharded by customer
   * id), so per-customer work runs where the data lives and only the outer query's result travels.
   * A single-node engine returns the subquery itself.
   */
  perShard(sql: string): string;
  /**
   * `body` with named subqueries: `ctes` in order, each may use the earlier ones, referenced through
   * {@link cte}. DuckDB runs a WITH (a subquery used twice is computed once); an engine without CTEs
   * (ClickHouse 18.16) writes each subquery where it is referenced.
   */
  with(ctes: readonly (readonly [name: string, sql: string])[], body: string): string;
  /** A reference (in FROM/JOIN) to a named subquery of the enclosing {@link with}, optionally under another alias. */
  cte(name: string, alias?: string): string;
  /** Aggregate: `arg` of the row with the largest `value` (a row value such as `(revenue, channel)` compares left to right). */
  argMax(arg: string, value: string): string;
  /** A table under an alias, for `alias.column` references (ClickHouse 18.16 views lose a plain table alias). */
  tableAs(table: string, alias: string): string;
  /** The largest of several expressions (ClickHouse 18.16's greatest takes two). */
  greatest(exprs: readonly string[]): string;
  /**
   * A statement creating the connection-local table `name` holding the rows of `select` (a full
   * SELECT whose output has every column `order` names) with `__r`, their 1-based position in
   * `order` (an `ORDER BY …` clause), so a long ordered result can be read in ranges of `__r`
   * without sorting again. The caller drops it (`DROP TABLE IF EXISTS name`).
   */
  numberedCopy(name: string, select: string, order: string): string;
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
  /** Aggregate: the second-largest distinct value of `expr` (NULL when there are fewer than two). */
  secondLargest(expr: string): string;
  // ---- added for the server over ClickHouse (issue 16) ----
  /**
   * A query returning one row with `n` (a number): 1 when the current database has a table `name`
   * (a plain table name, quoted here), 0 otherwise.
   */
  tableExists(name: string): string;
  /** Text `expr` without leading and trailing spaces (ClickHouse 18.16 has no trim). */
  trim(expr: string): string;
  // ---- added for shard-local breakdowns (issue 16) ----
  /**
   * The 0-based position of text `expr` in `values` (a non-empty list, quoted here), -1 when absent
   * or NULL: a level's code without a window function or a join.
   */
  indexIn(expr: string, values: readonly string[]): string;
  /**
   * A relation (valid inside {@link perShard}) that several statements of one report read: run
   * `setup` first, use `sql` in its place, run `teardown` at the end (see `withReusedRelation`).
   * A single-node engine computes it once into the connection-local table `name` (one scan of the
   * log instead of one per statement); a cluster returns `sql` itself and no statement, so each
   * statement recomputes it on every shard from the shard's own rows (a temporary table on the node
   * the client talks to is not visible to the shards' subqueries).
   */
  reused(name: string, sql: string): ReusedRelation;
  // ---- added for shard-local baskets (issue 16) ----
  /** Aggregate: the values of `expr` as a list (array), in no particular order. */
  listAgg(expr: string): string;
  /** In a SELECT list: one output row per element of the list `expr` (the other columns repeated). */
  unnest(expr: string): string;
}

/** See {@link SqlDialect.reused}. */
export interface ReusedRelation {
  readonly setup: readonly string[];
  readonly sql: string;
  readonly teardown: readonly string[];
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
   * Optional: a large result read in one scan, handed out in batches of at least `batchRows` rows
   * (the last may be smaller), so results larger than memory can be copied elsewhere.
   */
  columnBatches?(
    sql: string,
    kinds: Record<string, ColumnKind>,
    batchRows: number,
    params?: SqlValue[] | Record<string, SqlValue>,
  ): AsyncIterable<ColumnBatch>;
  /**
   * Creates (or replaces) table `table` and loads columns into it in bulk, without building SQL
   * text per row: the way per-customer results computed in JavaScript (model scores, segment
   * labels) reach SQL, e.g. to be joined, sorted and filtered with the summary. Columns keep the
   * batch's order: each `f64` column becomes DOUBLE (NaN → NULL), each `strings` column VARCHAR,
   * each `codes` column text that behaves as VARCHAR in every query (see {@link CodedText}).
   * `temporary` tables live only as long as the connection (default true). On ClickHouse the table
   * is held by the node the engine talks to (see `clickhouse-load.ts`) and visible to its other clients.
   */
  load(table: string, batch: ColumnBatch, options?: { temporary?: boolean; order?: readonly string[] }): Promise<void>;
  /** Release the connection and database. */
  close(): Promise<void>;
}
