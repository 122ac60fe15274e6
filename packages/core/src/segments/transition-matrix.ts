export interface TransitionCell {
  from_state: string;
  to_state: string;
  customers: number;
  value_from: number;
  value_to: number;
}

export interface TransitionMatrix {
  /** Row states (the first snapshot's, plus NOT_YET when customers were acquired in between). */
  fromStates: string[];
  /** Column states (the second snapshot's, plus GONE when customers are missing from it). */
  toStates: string[];
  /** counts[i][j]: customers in fromStates[i] then toStates[j]. */
  counts: number[][];
  /** rowShare[i][j] = counts[i][j] / rowTotals[i] (0 for an empty row). */
  rowShare: number[][];
  /** Value (currency) of the customers in each cell at the first and at the second snapshot. */
  valueFrom: number[][];
  valueTo: number[][];
  rowTotals: number[];
  columnTotals: number[];
}

/**
 * Arranges the transition cells into matrices in a given state order (states not in `order` are
 * appended in name order). Pure.
 * @example
 * buildTransitionMatrix([{ from_state: 'a', to_state: 'b', customers: 2, value_from: 10, value_to: 12 }], ['a', 'b']).counts; // → [[0, 2], [0, 0]]
 */
export function buildTransitionMatrix(cells: readonly TransitionCell[], order: readonly string[]): TransitionMatrix {
  const arrange = (names: Iterable<string>): string[] => {
    const set = new Set(names);
    return [...order.filter((s) => set.has(s) || !isSpecial(s)), ...[...set].filter((s) => !order.includes(s)).sort()];
  };
  const fromStates = arrange(cells.map((c) => c.from_state));
  const toStates = arrange(cells.map((c) => c.to_state));
  const grid = (): number[][] => fromStates.map(() => toStates.map(() => 0));
  const counts = grid(),
    valueFrom = grid(),
    valueTo = grid();
  for (const c of cells) {
    const i = fromStates.indexOf(c.from_state),
      j = toStates.indexOf(c.to_state);
    counts[i]![j]! += c.customers;
    valueFrom[i]![j]! += c.value_from;
    valueTo[i]![j]! += c.value_to;
  }
  const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const columnTotals = toStates.map((_, j) => counts.reduce((a, r) => a + r[j]!, 0));
  return {
    fromStates,
    toStates,
    counts,
    rowShare: counts.map((r, i) => r.map((x) => (rowTotals[i] ? x / rowTotals[i]! : 0))),
    valueFrom,
    valueTo,
    rowTotals,
    columnTotals,
  };
}

const isSpecial = (s: string): boolean => s.startsWith('(');
