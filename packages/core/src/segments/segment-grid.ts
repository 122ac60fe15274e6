export interface GridCell {
  row: string;
  column: string;
  count: number;
  value: number;
  /** Share of all customers and of the total value. */
  customerShare: number;
  valueShare: number;
}

/**
 * Cross-tabulates two segmentations (e.g. value tier × lifecycle stage): count and value per cell,
 * every cell listed (zeros included), rows and columns in the given name order.
 * @example
 * crossTab(Uint8Array.of(0, 0, 1), ['Gold', 'Bronze'], Uint8Array.of(1, 0, 1), ['new', 'active'], Float64Array.of(5, 3, 2));
 * // → [{row:'Gold',column:'new',count:1,value:3,…}, {row:'Gold',column:'active',count:1,value:5,…}, …]
 */
export function crossTab(
  a: ArrayLike<number>,
  aNames: readonly string[],
  b: ArrayLike<number>,
  bNames: readonly string[],
  value: Float64Array,
): GridCell[] {
  const nb = bNames.length;
  const count = new Float64Array(aNames.length * nb),
    sum = new Float64Array(aNames.length * nb);
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a[i]! * nb + b[i]!;
    const v = Number.isNaN(value[i]!) ? 0 : value[i]!;
    count[c]!++;
    sum[c]! += v;
    total += v;
  }
  const out: GridCell[] = [];
  for (let i = 0; i < aNames.length; i++) {
    for (let j = 0; j < nb; j++) {
      const c = i * nb + j;
      out.push({
        row: aNames[i]!,
        column: bNames[j]!,
        count: count[c]!,
        value: sum[c]!,
        customerShare: a.length ? count[c]! / a.length : 0,
        valueShare: total !== 0 ? sum[c]! / total : 0,
      });
    }
  }
  return out;
}
