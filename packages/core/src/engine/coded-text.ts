import type { ColumnBatch, CodedText } from './engine.js';

/** UTF-8 byte order (= code point order), the order DuckDB and ClickHouse sort text in by default. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * A coded column's labels made distinct and put in byte order, with the new code of each old one:
 * the form an engine declares (a DuckDB ENUM sorts by label position, so positions in byte order make
 * it sort like the text). `identity` is true when the codes can be copied as they are.
 * @example
 * orderedLabels(['low', 'high', 'low']); // → { labels: ['high', 'low'], remap: Uint32Array [1, 0, 1], identity: false }
 */
export function orderedLabels(labels: readonly string[]): { labels: string[]; remap: Uint32Array; identity: boolean } {
  const sorted = [...new Set(labels)].sort(byteOrder);
  const at = new Map(sorted.map((l, i) => [l, i]));
  const remap = Uint32Array.from(labels, (l) => at.get(l)!);
  return { labels: sorted, remap, identity: sorted.length === labels.length && remap.every((k, i) => k === i) };
}

/**
 * Throws unless every code of `c` names one of its labels (checked once, before anything is written).
 * @throws TypeError naming the column, the row and the code
 */
export function checkCodes(name: string, c: CodedText): void {
  const n = c.labels.length;
  const codes = c.codes;
  for (let i = 0; i < codes.length; i++)
    if (codes[i]! >= n) throw new TypeError(`load: code ${codes[i]} of column ${name} at row ${i} has no label (${n} labels)`);
}

/**
 * The batch with its coded columns turned into plain strings (for an engine that loads text only as
 * strings). The result has no `codes`.
 * @throws TypeError when a code has no label
 */
export function expandCodes(batch: ColumnBatch): ColumnBatch {
  if (!batch.codes) return batch;
  const strings = { ...batch.strings };
  for (const [name, c] of Object.entries(batch.codes)) {
    checkCodes(name, c);
    strings[name] = Array.from(c.codes, (k) => c.labels[k]!);
  }
  return { length: batch.length, f64: batch.f64, strings };
}
