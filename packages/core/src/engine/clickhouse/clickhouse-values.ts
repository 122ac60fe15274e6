/**
 * The one type-mapping table from ClickHouse JSON values to the plain values `rows()` returns, the
 * same as the DuckDB engine's: 64-bit integers and decimals → number, Date/DateTime → their ISO
 * text ('1997-01-01', '1997-01-01 10:00:00'), NULL → null, arrays item by item.
 */
export function fromJson(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  const t = type.startsWith('Nullable(') ? type.slice(9, -1) : type;
  if (Array.isArray(value)) {
    const inner = t.startsWith('Array(') ? t.slice(6, -1) : 'String';
    return value.map((v) => fromJson(v, inner));
  }
  if (typeof value === 'string' && (/^U?Int(64|128|256)$/.test(t) || t.startsWith('Decimal') || /^Float(32|64)$/.test(t))) {
    // Quoted when large or non-finite: 'inf', '-inf', 'nan' read as the JS numbers.
    if (value === 'inf' || value === '+inf') return Number.POSITIVE_INFINITY;
    if (value === '-inf') return Number.NEGATIVE_INFINITY;
    if (value === 'nan') return Number.NaN;
    return Number(value);
  }
  return value;
}
