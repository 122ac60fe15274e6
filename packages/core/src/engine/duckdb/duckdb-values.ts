/**
 * A DuckDB DECIMAL value (the client's DuckDBDecimalValue: width, scale, a bigint value and
 * toDouble()), recognised by shape so that this module does not load the native client.
 */
function isDecimal(value: unknown): value is { toDouble(): number } {
  const v = value as { width?: unknown; scale?: unknown; value?: unknown; toDouble?: unknown };
  return typeof v.toDouble === 'function' && typeof v.scale === 'number' && typeof v.width === 'number' && typeof v.value === 'bigint';
}

/**
 * The one type-mapping table from DuckDB values to plain JSON-safe values used by `rows()`:
 * BIGINT/HUGEINT → number, DECIMAL → number, DATE/TIMESTAMP/INTERVAL/… → their ISO text,
 * lists → arrays, NULL → null.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return Number(value);
    default:
      break;
  }
  if (isDecimal(value)) return value.toDouble();
  const items = (value as { items?: unknown }).items;
  if (Array.isArray(items)) return items.map(toPlain);
  return String(value);
}

/** Reads one numeric vector item as a double (NULL → NaN). */
export function toDouble(value: unknown): number {
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isDecimal(value)) return value.toDouble();
  return Number(String(value));
}
