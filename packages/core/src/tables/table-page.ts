import type { ColumnKind, Engine } from '../engine/engine.js';
import { sqlIdent } from '../engine/sql.js';
import { csvLine } from '../report/csv.js';
import type { Cell } from '../report/report-table.js';
import { isNumericColumn, type Permutations, type ServedTable, type TablePage, type TableQuery } from './served-table.js';
import { compileTableQuery, perRowColumns, selectListKinds, selectListSql, withPerRow } from './table-query-sql.js';

/**
 * One page of a served table, sorted and filtered in SQL: only `pageSize` rows leave the database.
 *
 * ## Method
 * Filtered pages: `ORDER BY … LIMIT … OFFSET …` (DuckDB's top-N). Unfiltered pages of a table with a
 * `rowKey`, when `permutations` is given: the order for (sort, dir) is read once as a Float64Array of
 * row keys (8 MB per million rows, cached by the caller per data version); a page is then the keys at
 * [offset, offset + pageSize) fetched with `WHERE key IN (…)`, so page 1 and page 20,000 cost the
 * same. Both paths use the same order (sort column, NULLS LAST, then the tie-break).
 * @throws InputError `bad_sort`, `bad_filter`
 */
export async function tablePage(engine: Engine, t: ServedTable, q: TableQuery, permutations?: Permutations): Promise<TablePage> {
  const c = compileTableQuery(engine.dialect, t, q);
  const offset = (q.page - 1) * q.pageSize;
  const page = (rows: Record<string, Cell>[], total: number): TablePage => ({
    table: t.id,
    title: t.title,
    columns: t.columns,
    rows: rows.map((r) => {
      const full = withPerRow(t, r);
      return t.columns.map((col) => full[col.key] ?? null);
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
    pages: Math.max(1, Math.ceil(total / q.pageSize)),
    sort: c.sort,
    dir: c.dir,
    q: q.q ?? null,
    filter: q.filter,
  });
  if (permutations && t.rowKey && c.where === '') {
    const key = sqlIdent(t.rowKey);
    const perm = await permutations(
      c.sort,
      c.dir,
      async () => (await engine.columns(`SELECT ${key} AS k FROM ${t.from} ${c.order}`, { k: 'f64' })).f64.k!,
    );
    const keys = Array.from(perm.subarray(offset, offset + q.pageSize));
    const rows =
      keys.length === 0
        ? []
        : await engine.rows<Record<string, Cell>>(
            `SELECT ${selectListSql(t)}, ${key} AS __key FROM ${t.from} WHERE ${key} IN (${keys.join(',')})`,
          );
    const byKey = new Map(rows.map((r) => [Number(r.__key), r]));
    return page(
      keys.map((k) => byKey.get(k)).filter((r): r is Record<string, Cell> => r !== undefined),
      perm.length,
    );
  }
  const [{ n }] = (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${t.from} ${c.where}`, c.params)) as [{ n: number }];
  const rows = await engine.rows<Record<string, Cell>>(
    `SELECT ${selectListSql(t)} FROM ${t.from} ${c.where} ${c.order} LIMIT $limit OFFSET $offset`,
    { ...c.params, limit: q.pageSize, offset },
  );
  return page(rows, n);
}

let exports = 0;

/**
 * The whole (filtered, sorted) table as CSV (the core CSV writer: formula neutralisation, no float
 * noise), streamed chunk by chunk.
 *
 * ## Method
 * The filtered rows are numbered in the requested order once, into a connection-local temporary
 * table stored in that order (`dialect.numberedCopy`: a window on DuckDB, ClickHouse's row number of
 * the sorted stream into a Memory table); each chunk is then a range of row numbers, which DuckDB finds through
 * the zone maps without sorting again (cutting chunks with LIMIT/OFFSET re-sorts for every chunk:
 * quadratic). The temporary table is dropped at the end, on error and when the reader goes away.
 */
export function tableCsvStream(
  engine: Engine,
  t: ServedTable,
  q: Pick<TableQuery, 'sort' | 'dir' | 'q' | 'filter'>,
  chunkRows = 50_000,
): ReadableStream<Uint8Array> {
  const c = compileTableQuery(engine.dialect, t, q);
  const encoder = new TextEncoder();
  const tmp = `cvm_export_${process.pid}_${++exports}`;
  const kinds: Record<string, ColumnKind> = selectListKinds(t);
  let started = false,
    dropped = false,
    offset = 0;
  const drop = async (): Promise<void> => {
    if (dropped) return;
    dropped = true;
    await engine.exec(`DROP TABLE IF EXISTS ${tmp}`).catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          await engine.exec(engine.dialect.numberedCopy(tmp, `SELECT * FROM ${t.from} ${c.where}`, c.order), c.params);
          controller.enqueue(encoder.encode(csvLine(t.columns.map((col) => col.key))));
          return;
        }
        const b = await engine.columns(`SELECT ${selectListSql(t)} FROM ${tmp} WHERE __r > $lo AND __r <= $hi ORDER BY __r`, kinds, {
          lo: offset,
          hi: offset + chunkRows,
        });
        offset += b.length;
        const written = perRowColumns(t, b);
        const cols = t.columns.map((col) => written[col.key] ?? (isNumericColumn(col) ? b.f64[col.key]! : b.strings[col.key]!));
        const cells = new Array<Cell>(cols.length);
        let text = '';
        for (let i = 0; i < b.length; i++) {
          for (let j = 0; j < cols.length; j++) cells[j] = cols[j]![i]!;
          text += csvLine(cells);
        }
        if (b.length) controller.enqueue(encoder.encode(text));
        if (b.length < chunkRows) {
          await drop();
          controller.close();
        }
      } catch (error) {
        await drop();
        controller.error(error);
      }
    },
    cancel: drop,
  });
}
