/**
 * Workspace tables of the optional inputs beside the transaction log: a customers file (attributes
 * and acquisition channel), a marketing spend file and a prospects file. Each kind holds one file
 * at a time (a new file of the same kind replaces the old one's rows). Attributes are stored long
 * (one row per entity, attribute and non-empty value), so a file may have any number of them;
 * `input_attributes` records each attribute's type. Channels are stored lower-case. A survey file
 * holds one row per response (customer, date, NPS and/or CSAT, channel, free text).
 */
export const INPUTS_DDL = `
CREATE TABLE IF NOT EXISTS input_sources (
  kind VARCHAR NOT NULL,
  source_id INTEGER NOT NULL,
  path VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  format VARCHAR NOT NULL,
  ingested_at TIMESTAMP NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_accepted BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  columns VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS input_quarantine (
  kind VARCHAR NOT NULL,
  source_id INTEGER NOT NULL,
  source_file VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  reason VARCHAR NOT NULL,
  detail VARCHAR,
  record VARCHAR
);
CREATE TABLE IF NOT EXISTS input_attributes (
  kind VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS customer_profiles (
  customer_id VARCHAR NOT NULL,
  acquired_on DATE,
  acquisition_channel VARCHAR,
  line BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS customer_attributes (
  customer_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  value VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS marketing_spend (
  month DATE NOT NULL,
  channel VARCHAR NOT NULL,
  amount DOUBLE NOT NULL,
  line BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS prospects (
  prospect_id VARCHAR NOT NULL,
  acquisition_channel VARCHAR,
  line BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS prospect_attributes (
  prospect_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  value VARCHAR NOT NULL
);
-- survey responses (issue 15): NPS 0-10 and/or CSAT 1-5, optional channel and free text
CREATE TABLE IF NOT EXISTS survey_responses (
  customer_id VARCHAR NOT NULL,
  responded_on DATE NOT NULL,
  nps INTEGER,
  csat INTEGER,
  channel VARCHAR,
  comment VARCHAR,
  line BIGINT NOT NULL
);
`;

/** The kinds of input file, and the tables each fills. */
export const INPUT_KINDS = {
  customers: { tables: ['customer_profiles', 'customer_attributes'], label: 'customers file' },
  spend: { tables: ['marketing_spend'], label: 'marketing spend file' },
  prospects: { tables: ['prospects', 'prospect_attributes'], label: 'prospects file' },
  surveys: { tables: ['survey_responses'], label: 'survey file' },
} as const;

export type InputKind = keyof typeof INPUT_KINDS;

/** Reasons an input row is quarantined, with the sentence shown to users. */
export const INPUT_QUARANTINE_REASONS = {
  malformed_row: "the CSV reader could not split the line into the header's columns",
  missing_customer_id: 'the customer id is empty',
  missing_prospect_id: 'the prospect id is empty',
  duplicate_customer_id:
    'the customer id appears on more than one row (all its rows are kept out: fix the file, cvm does not guess which row is right)',
  duplicate_prospect_id: 'the prospect id appears on more than one row (all its rows are kept out)',
  unparseable_date: 'the date (acquisition date of a customers file, response date of a survey file) does not parse in the detected format',
  non_numeric_attribute: 'a numeric attribute holds a value that is not a finite number',
  missing_period: 'the month is empty',
  unparseable_period: 'the month is not YYYY-MM (or a date YYYY-MM-DD, taken as its month)',
  missing_channel: 'the channel is empty',
  unknown_channel: 'the channel is not in the list of channels given (--channels)',
  non_numeric_amount: 'the amount is empty or not a plain number (no currency signs or thousands separators)',
  negative_amount: 'the amount is negative',
  duplicate_period_channel:
    'the month and channel appear on more than one row (all their rows are kept out: spend must be one row per month and channel)',
  // survey files (issue 15)
  missing_date: 'the response date is empty',
  nps_out_of_range: 'the NPS answer is not a whole number from 0 to 10',
  csat_out_of_range: 'the CSAT answer is not a whole number from 1 to 5',
  no_score: 'the row has neither an NPS nor a CSAT answer',
  duplicate_response: 'the same response (customer, date, answers, channel and text) appears on an earlier line; the first copy is kept',
} as const;

export type InputQuarantineReason = keyof typeof INPUT_QUARANTINE_REASONS;

/** Header names accepted for each role, normalised (lower case, letters and digits only), in priority order. */
export const INPUT_ROLE_NAMES = {
  customerId: ['customerid', 'customer', 'custid', 'clientid', 'userid', 'memberid', 'accountid', 'id'],
  prospectId: ['prospectid', 'leadid', 'prospect', 'lead', 'contactid', 'id'],
  acquiredOn: [
    'signupdate',
    'acquisitiondate',
    'acquiredon',
    'acquired',
    'acquiredat',
    'signup',
    'signedup',
    'signedupat',
    'registrationdate',
    'registeredat',
    'createdat',
    'firstseen',
    'joindate',
    'joined',
    'startdate',
  ],
  channel: ['acquisitionchannel', 'channel', 'marketingchannel', 'acquisitionsource', 'source', 'utmsource', 'medium'],
  month: ['month', 'period', 'yearmonth', 'spendmonth', 'date'],
  amount: ['amount', 'spend', 'cost', 'value', 'budget'],
  // survey files (issue 15)
  responseDate: [
    'responsedate',
    'surveydate',
    'respondedon',
    'respondedat',
    'answeredon',
    'answeredat',
    'submittedat',
    'completedat',
    'date',
    'timestamp',
    'createdat',
  ],
  nps: ['nps', 'npsscore', 'npsanswer', 'likelihoodtorecommend', 'ltr', 'recommend'],
  csat: ['csat', 'csatscore', 'satisfaction', 'satisfactionscore'],
  comment: ['comment', 'comments', 'feedback', 'verbatim', 'freetext', 'text', 'remarks'],
} as const;

export type InputRole = keyof typeof INPUT_ROLE_NAMES;
