/**
 * SQL of the survey file (issue 15): one row per response with the customer id, the response date,
 * an NPS answer (whole number 0–10) and/or a CSAT answer (whole number 1–5), and optionally the
 * channel the survey went out on and free text. Read through the same stage as the other input
 * files (every column VARCHAR `c<i>`); the parse step gives each row its typed fields or a quarantine
 * reason. An exact repeat of an earlier response is quarantined and the first copy kept.
 */
import { parseDateSql } from '../transactions/date-formats.js';
import { STAGE } from '../transactions/ingest-sql.js';
import { PARSED_INPUT, stageColumn, type InputParsePlan } from './input-sql.js';

const text = (c: string): string => `nullif(trim(${c}), '')`;

/** A score column's value when it is a whole number in [lo, hi], else NULL (`9.0` reads as 9). */
const scoreSql = (raw: string, lo: number, hi: number): string =>
  `CASE WHEN try_cast(${raw} AS DOUBLE) BETWEEN ${lo} AND ${hi} AND try_cast(${raw} AS DOUBLE) = floor(try_cast(${raw} AS DOUBLE)) THEN CAST(try_cast(${raw} AS DOUBLE) AS INTEGER) END`;

/**
 * CREATE the parsed survey table: `rn`, `line`, `id`, `responded_on`, `nps`, `csat`, `channel`,
 * `comment`, `record`, `reason` (NULL when accepted) and `detail`.
 */
export function surveyParseSql(plan: InputParsePlan): string {
  const col = (role: 'customerId' | 'responseDate' | 'nps' | 'csat' | 'channel' | 'comment'): string | null =>
    plan.roles[role] === undefined ? null : stageColumn(plan.header, plan.roles[role]!);
  const null_ = (type: string): string => `CAST(NULL AS ${type})`;
  const d = col('responseDate')!;
  const nps = col('nps'),
    csat = col('csat'),
    channel = col('channel'),
    comment = col('comment');
  const record = `concat_ws(',', ${plan.header.map((_, i) => `coalesce(c${i}, '')`).join(', ')})`;
  const json = plan.ndjson ? "WHEN NOT json_ok THEN 'malformed_row'" : '';
  return `CREATE OR REPLACE TEMP TABLE ${PARSED_INPUT} AS
WITH p AS (
  SELECT rowid AS rn, ${plan.lineSql} AS line,${plan.ndjson ? ' json_ok,' : ''}
    ${text(col('customerId')!)} AS id, ${text(d)} AS date_raw, CAST(${parseDateSql(d, plan.dateFormat ?? 'iso')} AS DATE) AS responded_on,
    ${nps ? text(nps) : null_('VARCHAR')} AS nps_raw, ${nps ? scoreSql(text(nps), 0, 10) : null_('INTEGER')} AS nps,
    ${csat ? text(csat) : null_('VARCHAR')} AS csat_raw, ${csat ? scoreSql(text(csat), 1, 5) : null_('INTEGER')} AS csat,
    ${channel ? `lower(${text(channel)})` : null_('VARCHAR')} AS channel, ${comment ? text(comment) : null_('VARCHAR')} AS comment,
    ${record} AS record
  FROM ${STAGE}
), r AS (
  SELECT *, CASE ${json}
    WHEN id IS NULL THEN 'missing_customer_id'
    WHEN date_raw IS NULL THEN 'missing_date'
    WHEN responded_on IS NULL THEN 'unparseable_date'
    WHEN nps_raw IS NOT NULL AND nps IS NULL THEN 'nps_out_of_range'
    WHEN csat_raw IS NOT NULL AND csat IS NULL THEN 'csat_out_of_range'
    WHEN nps IS NULL AND csat IS NULL THEN 'no_score'
  END AS reason0 FROM p
), k AS (
  SELECT *, CASE WHEN reason0 IS NULL THEN min(line) OVER (PARTITION BY id, responded_on, nps, csat, channel, comment, reason0 IS NULL) END AS first_line FROM r
)
SELECT rn, line, id, responded_on, nps, csat, channel, comment, record,
  CASE WHEN reason0 IS NULL AND line > first_line THEN 'duplicate_response' ELSE reason0 END AS reason,
  CASE WHEN reason0 IS NULL AND line > first_line THEN 'same as line ' || first_line
       WHEN reason0 = 'nps_out_of_range' THEN 'nps "' || nps_raw || '"'
       WHEN reason0 = 'csat_out_of_range' THEN 'csat "' || csat_raw || '"'
       WHEN reason0 = 'unparseable_date' THEN 'date "' || date_raw || '"' END AS detail
FROM k`;
}

/** INSERT of the accepted responses. */
export function insertSurveySql(): string {
  return `INSERT INTO survey_responses SELECT id, responded_on, nps, csat, channel, comment, line FROM ${PARSED_INPUT} WHERE reason IS NULL ORDER BY rn`;
}
