import { compressRows } from '../models/shared/compress.js';
import type { ProspectColumns } from './attribute-columns.js';
import { attributeCodes, attributeTerms } from './attribute-encoder.js';
import type { LookalikeTraining } from './lookalike-model.js';
import { binOf, type LookalikeValidation } from './lookalike-validation.js';

/** Driver slots per prospect: the attributes that move its score most, at most this many. */
export const DRIVERS = 3;
/** Contributions smaller than this (log-odds; odds ×0.95 … ×1.05) are not named as drivers. */
const MIN_DRIVER = 0.05;

/** Every prospect's score, columnar; drivers and reasons are stored per distinct attribute pattern. */
export interface ProspectScores {
  ids: string[];
  /** Probability of becoming a top-tier customer (the model fitted on every customer). */
  probability: Float64Array;
  /** Mean predicted CLV of customers whose out-of-fold probability fell in the same decile (currency). */
  expectedClv: Float64Array;
  /** Prospect → attribute pattern. */
  pattern: Int32Array;
  /** Prospects in order of probability, highest first (file order among equals). */
  order: Int32Array;
  /** The reason of a prospect in words, e.g. "channel referral (odds ×2.31); age_band 18-24 (odds ×0.55)". */
  reason(i: number): string;
  /** Unseen attribute values: attribute, value, prospects. */
  unseen: { attribute: string; value: string; prospects: number }[];
  /** Prospects with at least one unseen value. */
  withUnseen: number;
}

/**
 * Scores prospects with the model fitted on every customer. An attribute value never seen among
 * customers contributes what it does for the average customer (it is neutral) and is named in the
 * reason. Each attribute's contribution is its term of the log-odds minus the average customer's;
 * the reason names the (up to) three largest in absolute value, as odds ratios against the average
 * customer. Expected CLV: the mean predicted CLV of the customers in the prospect's calibration decile.
 */
export function scoreProspects(t: LookalikeTraining, v: LookalikeValidation, p: ProspectColumns): ProspectScores {
  const { ids, columns } = p;
  const enc = t.encoder,
    k = enc.attributes.length,
    n = ids.length;
  const { codes } = attributeCodes(enc, columns);
  const pats = compressRows(codes);
  const P = pats.size;
  const terms = attributeTerms(enc, pats.columns, t.fit.beta);
  const pp = new Float64Array(P),
    driverAttr = new Int8Array(P * DRIVERS).fill(-1),
    driverValue = new Float64Array(P * DRIVERS);
  const unseenMask = new Uint8Array(P);
  const contribution = new Float64Array(k);
  for (let r = 0; r < P; r++) {
    let eta = t.fit.beta[0]!;
    for (let a = 0; a < k; a++) {
      let term = terms[r * k + a]!;
      if (Number.isNaN(term)) {
        term = t.averages[a]!;
        unseenMask[r] = 1;
      }
      eta += term;
      contribution[a] = term - t.averages[a]!;
    }
    pp[r] = 1 / (1 + Math.exp(-eta));
    const ranked = Array.from({ length: k }, (_, a) => a)
      .filter((a) => Math.abs(contribution[a]!) >= MIN_DRIVER)
      .sort((x, y) => Math.abs(contribution[y]!) - Math.abs(contribution[x]!));
    ranked.slice(0, DRIVERS).forEach((a, s) => {
      driverAttr[r * DRIVERS + s] = a;
      driverValue[r * DRIVERS + s] = contribution[a]!;
    });
  }
  const clvByBin = Float64Array.from({ length: 10 }, (_, b) => v.calibration.find((c) => c.bin === b + 1)?.meanClv ?? NaN);
  const probability = new Float64Array(n),
    expectedClv = new Float64Array(n);
  let withUnseen = 0;
  for (let i = 0; i < n; i++) {
    const r = pats.rowPattern[i]!;
    probability[i] = pp[r]!;
    expectedClv[i] = clvByBin[binOf(v.edges, pp[r]!)]!;
    withUnseen += unseenMask[r]!;
  }
  // order: patterns by probability (desc), then prospects of a pattern in file order
  const byP = Int32Array.from({ length: P }, (_, r) => r).sort((x, y) => pp[y]! - pp[x]! || x - y);
  const start = new Int32Array(P + 1);
  for (let i = 0; i < n; i++) start[pats.rowPattern[i]! + 1]!++;
  const rank = new Int32Array(P);
  let acc = 0;
  for (const r of byP) {
    rank[r] = acc;
    acc += start[r + 1]!;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[rank[pats.rowPattern[i]!]!++] = i;

  const describe = (r: number, a: number): string => {
    const e = enc.attributes[a]!,
      code = pats.columns[a]![r]!;
    if (e.type === 'categorical') return `${e.name} ${code >= 0 ? e.levels[code] : '?'}`;
    return code === -Infinity ? `${e.name} unknown` : `${e.name} ${String(code)}`;
  };
  const reason = (i: number): string => {
    const r = pats.rowPattern[i]!;
    const parts: string[] = [];
    for (let s = 0; s < DRIVERS; s++) {
      const a = driverAttr[r * DRIVERS + s]!;
      if (a < 0) break;
      parts.push(`${describe(r, a)} (odds ×${Math.exp(driverValue[r * DRIVERS + s]!).toFixed(2)})`);
    }
    if (parts.length === 0) parts.push('close to the average customer on every attribute');
    enc.attributes.forEach((e, a) => {
      if (e.type === 'categorical' && pats.columns[a]![r]! < 0) {
        const value = p.unseenValue(e.name, i);
        parts.push(`${e.name} ${value === undefined ? 'value' : `"${value}"`} never seen among customers (scored as average)`);
      }
    });
    return parts.join('; ');
  };
  return { ids, probability, expectedClv, pattern: pats.rowPattern, order, reason, unseen: p.unseen, withUnseen };
}
