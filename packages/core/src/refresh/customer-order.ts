/** Smallest and largest BIGINT: ids outside are not numbers to the engines' casts. */
const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

/** The id as a BIGINT when both engines read it as one (optional sign, digits, in range), else null. */
function numericId(id: string): bigint | null {
  if (!/^[+-]?\d{1,20}$/.test(id)) return null;
  const v = BigInt(id);
  return v < MIN_I64 || v > MAX_I64 ? null : v;
}

/**
 * The summary's customer order in JavaScript (`summarySql`: ids that are integers in numeric order
 * first, then the rest as text), for merging refreshed customers into a summary without sorting it
 * again. Text is compared by UTF-16 code units, which equals the engines' byte order except between
 * characters above U+FFFF and U+E000–U+FFFF (the tests check the order against DuckDB's).
 * @example
 * ['b', '10', '9'].sort(compareCustomerIds); // ['9', '10', 'b']
 */
export function compareCustomerIds(a: string, b: string): number {
  const x = numericId(a),
    y = numericId(b);
  if (x !== null && y !== null && x !== y) return x < y ? -1 : 1;
  if (x !== null && y === null) return -1;
  if (x === null && y !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
