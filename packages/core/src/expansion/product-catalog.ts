import type { Engine } from '../engine/engine.js';
import { sqlIdent, sqlString } from '../engine/sql.js';
import { InputError } from '../errors.js';
import { probeFile } from '../transactions/file-probe.js';

/** Product → category, from a product file. */
export interface ProductCatalog {
  /** Category per product id (products with an empty category are absent). */
  category: Map<string, string>;
  /** Products listed with an empty category. */
  uncategorised: number;
  file: string;
}

const ID_NAMES = ['product_id', 'productid', 'product', 'sku', 'stockcode', 'item_id', 'item', 'id'];
const CATEGORY_NAMES = ['category', 'product_category', 'category_name', 'department', 'product_group', 'group'];

/**
 * Builds a catalog from pairs (for tests and callers that have the mapping in memory).
 * @example
 * catalogFromPairs([['P1', 'tea'], ['P2', 'tea']]).category.get('P2'); // → 'tea'
 */
export function catalogFromPairs(pairs: Iterable<readonly [string, string]>, file = '(in memory)'): ProductCatalog {
  const category = new Map<string, string>();
  let uncategorised = 0;
  for (const [p, c] of pairs) {
    if (c.trim() === '') uncategorised++;
    else category.set(p, c.trim());
  }
  return { category, uncategorised, file };
}

/**
 * Reads a product file (CSV or Parquet with a header): the product id column (the first of
 * product_id, product, sku, StockCode, item_id, item, id; case-insensitive) and the category column
 * (category, product_category, category_name, department, product_group, group, or `column`).
 * Values are trimmed; a product with an empty category is counted in `uncategorised`.
 * @throws InputError `missing_columns` naming the columns found; `duplicate_product` when a product
 *   is listed twice with different categories; `file_not_found`, `empty_file`.
 * @example
 * // products.csv: product_id,category / P1,tea / P2,coffee
 * (await readProductCatalog(engine, 'products.csv')).category.get('P1'); // → 'tea'
 */
export async function readProductCatalog(engine: Engine, path: string, column?: string): Promise<ProductCatalog> {
  const probe = await probeFile(path);
  const reader =
    probe.format === 'parquet' ? `read_parquet(${sqlString(path)})` : `read_csv(${sqlString(path)}, header = true, all_varchar = true)`;
  const columns = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
  const find = (names: readonly string[]): string | undefined =>
    names.map((a) => columns.find((c) => c.toLowerCase() === a)).find((c) => c !== undefined);
  const idCol = find(ID_NAMES);
  const catCol = column === undefined ? find(CATEGORY_NAMES) : columns.find((c) => c.toLowerCase() === column.toLowerCase());
  if (idCol === undefined || catCol === undefined || idCol === catCol) {
    throw new InputError(
      'missing_columns',
      `${probe.fileName} needs a product id column (product_id, sku, …) and a category column (${column ?? 'category, department, …'}); columns present: ${columns.join(', ')}`,
      { columns, file: probe.fileName },
    );
  }
  const rows = await engine.rows<{ p: string | null; c: string | null }>(
    `SELECT trim(CAST(${sqlIdent(idCol)} AS VARCHAR)) AS p, trim(CAST(${sqlIdent(catCol)} AS VARCHAR)) AS c FROM ${reader}`,
  );
  const seen = new Map<string, string>();
  rows.forEach((r, k) => {
    if (r.p === null || r.p === '') return;
    const c = r.c ?? '';
    const before = seen.get(r.p);
    if (before !== undefined && before !== c) {
      throw new InputError(
        'duplicate_product',
        `data line ${k + 1} of ${probe.fileName}: product ${r.p} is listed again with category "${c}" (first "${before}"); list each product once`,
        { line: k + 1, product: r.p },
      );
    }
    seen.set(r.p, c);
  });
  return catalogFromPairs(seen, probe.fileName);
}
