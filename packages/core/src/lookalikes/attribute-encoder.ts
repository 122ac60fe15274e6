import type { SparseRows } from '../math/stats/logistic-l2.js';
import type { AttributeColumn } from './attribute-columns.js';

/** How one attribute becomes features: one-hot levels, or a standardised number with a missing flag. */
export type EncodedAttribute =
  | { name: string; type: 'categorical'; levels: string[]; offset: number }
  | { name: string; type: 'numeric'; mean: number; sd: number; missing: boolean; offset: number };

/** The encoding learnt from the customers, applied to customers and prospects alike. */
export interface AttributeEncoder {
  attributes: EncodedAttribute[];
  /** Features (columns) in all, and sparse entries per row. */
  features: number;
  A: number;
  /** Attribute of each entry slot (a numeric attribute with missing values has two). */
  slotAttribute: Int32Array;
}

/**
 * Learns the encoding from the customers' columns: each categorical attribute one-hot over the
 * customers' levels (all of them: the L2 penalty makes the coding identifiable, and every level's
 * coefficient then reads against the average customer); each numeric one standardised
 * ((v − mean) / sd over the customers with a value; sd 1 when constant), with a missing-value flag
 * when some customers have no value (imputed at the mean).
 */
export function buildEncoder(columns: readonly AttributeColumn[]): AttributeEncoder {
  const attributes: EncodedAttribute[] = [];
  const slots: number[] = [];
  let offset = 0;
  columns.forEach((c, a) => {
    if (c.type === 'categorical') {
      attributes.push({ name: c.name, type: 'categorical', levels: c.levels, offset });
      offset += c.levels.length;
      slots.push(a);
    } else {
      let n = 0,
        sum = 0,
        sq = 0;
      for (const v of c.values)
        if (!Number.isNaN(v)) {
          n++;
          sum += v;
          sq += v * v;
        }
      const mean = n > 0 ? sum / n : 0;
      const sd = n > 1 ? Math.sqrt(Math.max(0, sq - n * mean * mean) / (n - 1)) : 0;
      const missing = n < c.values.length;
      attributes.push({ name: c.name, type: 'numeric', mean, sd: sd > 0 ? sd : 1, missing, offset });
      offset += missing ? 2 : 1;
      slots.push(a);
      if (missing) slots.push(a);
    }
  });
  return { attributes, features: offset, A: slots.length, slotAttribute: Int32Array.from(slots) };
}

/**
 * The codes of each entity per attribute as numbers, for compressing identical rows: a level's index
 * (−1 for a level the customers never had) or the number itself (−∞ when missing).
 */
export function attributeCodes(encoder: AttributeEncoder, columns: readonly AttributeColumn[]): { codes: Float64Array[] } {
  return {
    codes: encoder.attributes.map((_, a) => {
      const c = columns[a]!;
      if (c.type === 'categorical') return Float64Array.from(c.codes);
      const out = new Float64Array(c.values.length);
      for (let i = 0; i < out.length; i++) out[i] = Number.isNaN(c.values[i]!) ? -Infinity : c.values[i]!;
      return out;
    }),
  };
}

/** Sparse design rows from code rows (e.g. the distinct patterns of {@link attributeCodes}). */
export function encodeRows(encoder: AttributeEncoder, codes: readonly Float64Array[]): SparseRows {
  const rows = codes[0]?.length ?? 0,
    A = encoder.A;
  const index = new Int32Array(rows * A).fill(-1),
    value = new Float64Array(rows * A);
  for (let r = 0; r < rows; r++) {
    let s = r * A;
    encoder.attributes.forEach((e, a) => {
      const code = codes[a]![r]!;
      if (e.type === 'categorical') {
        if (code >= 0) {
          index[s] = e.offset + code;
          value[s] = 1;
        }
        s++;
      } else {
        const missing = code === -Infinity;
        index[s] = e.offset;
        value[s] = missing ? 0 : (code - e.mean) / e.sd;
        s++;
        if (e.missing) {
          index[s] = e.offset + 1;
          value[s] = missing ? 1 : 0;
          s++;
        }
      }
    });
  }
  return { rows, A, index, value, features: encoder.features };
}

/**
 * Each attribute's term of the linear predictor for code rows (rows × attributes): β of the level,
 * β·z (+ β of the missing flag) for numbers; NaN for an unseen level.
 */
export function attributeTerms(encoder: AttributeEncoder, codes: readonly Float64Array[], beta: Float64Array): Float64Array {
  const rows = codes[0]?.length ?? 0,
    k = encoder.attributes.length;
  const out = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) {
    encoder.attributes.forEach((e, a) => {
      const code = codes[a]![r]!;
      if (e.type === 'categorical') out[r * k + a] = code >= 0 ? beta[1 + e.offset + code]! : NaN;
      else {
        const missing = code === -Infinity;
        out[r * k + a] =
          (missing ? 0 : beta[1 + e.offset]! * ((code - e.mean) / e.sd)) + (e.missing && missing ? beta[1 + e.offset + 1]! : 0);
      }
    });
  }
  return out;
}
