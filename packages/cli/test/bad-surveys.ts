// A survey file with bad rows, shared by the ingest tests on both engines.

/** NPS 11 and −1, CSAT 0 (quarantined: nps_out_of_range ×2, csat_out_of_range ×1) and an unknown customer; cvm feedback --surveys quarantines the same (feedback-cli.test.ts). */
export const BAD_SURVEYS =
  'customer_id,response_date,nps,csat\nC000001,2023-03-01,11,4\nC000002,2023-03-01,-1,\nC000003,2023-03-01,,0\nNOBODY,2023-03-01,9,5\nC000004,2023-03-02,8,4\n';
