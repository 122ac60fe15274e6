import type { LifecycleStage } from './lifecycle.js';

/** What an RFM segment's name says about whether the customer is still buying. */
export type RfmClaim = 'buying' | 'slipping' | 'gone' | 'neutral';

/**
 * What each named RFM segment claims about the customer now (the segment names of
 * {@link RFM_SEGMENT_RULES}): `buying` segments promise recent, regular purchases ("responsive to
 * loyalty offers"), `slipping` ones a customer still within reach, `gone` ones a customer long lost;
 * the two at-risk segments claim nothing a lifecycle stage could contradict.
 */
export const RFM_CLAIMS: Readonly<Record<string, RfmClaim>> = {
  Champions: 'buying',
  Loyal: 'buying',
  'Potential loyalist': 'buying',
  New: 'buying',
  Promising: 'buying',
  'Need attention': 'slipping',
  'About to sleep': 'slipping',
  "Can't lose them": 'neutral',
  'At risk': 'neutral',
  Hibernating: 'gone',
  Lost: 'gone',
};

/** The stages each claim contradicts. */
const CONTRADICTS: Record<RfmClaim, readonly LifecycleStage[]> = {
  buying: ['lapsed', 'churned'],
  slipping: ['churned'],
  gone: ['new', 'active', 'reactivated'],
  neutral: [],
};

/** A flagged RFM label: the cell text and the sentence saying which to act on. */
export interface RfmStageConflict {
  /** Short text for a table cell: `Loyal, but churned`. */
  flag: string;
  /** A plain sentence: why the two disagree and which to act on. */
  note: string;
}

/**
 * Whether a customer's RFM segment contradicts their lifecycle stage, and what to make of it.
 *
 * RFM scores rank a customer against the others (quintiles of recency, frequency and spend), so on
 * a base where almost everyone has gone quiet a customer silent for a year can still score R 4 and
 * be called "Loyal … responsive to loyalty offers". The lifecycle stage judges the customer against
 * their own purchase rhythm and P(alive) (see {@link lifecycleStages}), so where the two disagree the
 * stage is the one to act on; the RFM label is kept and flagged rather than rewritten.
 *
 * Rule: a `buying` segment (Champions, Loyal, Potential loyalist, New, Promising) contradicts
 * `lapsed` and `churned`; a `slipping` one (Need attention, About to sleep) contradicts `churned`;
 * a `gone` one (Hibernating, Lost) contradicts `new`, `active` and `reactivated`. Unknown or empty
 * segment names are never flagged.
 *
 * @returns null when they agree.
 * @example
 * rfmStageConflict('Loyal', 'churned')?.flag; // → 'Loyal, but churned'
 * rfmStageConflict('Loyal', 'active'); // → null
 */
export function rfmStageConflict(rfmSegment: string, stage: LifecycleStage): RfmStageConflict | null {
  const claim = RFM_CLAIMS[rfmSegment];
  if (claim === undefined || !CONTRADICTS[claim].includes(stage)) return null;
  const words = stage.replaceAll('_', ' ');
  const ranked = claim === 'gone' ? 'behind most other customers' : 'ahead of most other customers';
  return {
    flag: `${rfmSegment}, but ${words}`,
    note: `The RFM segment "${rfmSegment}" ranks this customer ${ranked}, but against their own purchase rhythm and chance of still being active they are ${words}: act on the lifecycle stage (${words}), not on the RFM label.`,
  };
}
