/**
 * The warnings of {@link feedbackReport} about the responses it left out (customer ids not in the
 * log, customers with no purchase day, answers after the analysis day) and about too few NPS answers
 * (under 100: wide intervals), in words with examples.
 * @example
 * responseWarnings({ asOf: '1998-06-30', unknown: 0, unknownIds: new Set(), noPurchaseDay: 0, noPurchaseIds: new Set(), afterAsOf: 3, npsAnswers: 500 });
 * // => ['3 responses dated after the analysis day 1998-06-30 were left out']
 */
export function responseWarnings(p: {
  asOf: string;
  unknown: number;
  unknownIds: ReadonlySet<string>;
  noPurchaseDay: number;
  noPurchaseIds: ReadonlySet<string>;
  afterAsOf: number;
  npsAnswers: number;
}): string[] {
  const { asOf, unknown, unknownIds, noPurchaseDay, noPurchaseIds, afterAsOf, npsAnswers } = p;
  const warnings: string[] = [];
  if (unknown > 0)
    warnings.push(
      `${unknown.toLocaleString('en-US')} responses from ${unknownIds.size.toLocaleString('en-US')} customer ids that are not in the log up to ${asOf} were left out (e.g. ${[...unknownIds].slice(0, 3).join(', ')}): check the customer id column of the survey file`,
    );
  if (noPurchaseDay > 0)
    warnings.push(
      `${noPurchaseDay.toLocaleString('en-US')} responses from ${noPurchaseIds.size.toLocaleString('en-US')} customers who are in the log but have no purchase day up to ${asOf} (every purchase returned or cancelled, e.g. ${[...noPurchaseIds].slice(0, 3).join(', ')}) were left out`,
    );
  if (afterAsOf > 0) warnings.push(`${afterAsOf.toLocaleString('en-US')} responses dated after the analysis day ${asOf} were left out`);
  if (npsAnswers > 0 && npsAnswers < 100) warnings.push(`Only ${npsAnswers} NPS answers: the intervals are wide`);
  return warnings;
}
