/** Dashboard routes and the "how to add it" texts the plan points to. */

/** The customers page filtered by customer-table filters (`column:op:value`, AND-ed). */
export function customersRoute(filters: readonly string[]): string {
  return `#/customers?${filters.map((f) => `filter=${encodeURIComponent(f)}`).join('&')}`;
}

/** How to add each missing input, in words with the flag or file. */
export const HOW = {
  models: 'the CLV models need a log with repeat buyers over a longer period; leave out --no-models (see cvm validate)',
  costs: 'pass --costs FILE, a cost model (YAML: margin, cost-to-serve pools; example data/cdnow/cost-model.example.yaml)',
  moreHistory: 'a log that covers at least two complete quarters',
  spend:
    'pass --customers FILE (acquisition channel per customer) and --spend FILE (marketing spend by month and channel), see cvm acquisition --help',
  prospects:
    'pass --customers FILE (customer attributes) and --prospects FILE (prospects with the same attributes), see cvm lookalikes --help',
  surveys: 'pass --surveys FILE (customer id, date, NPS 0–10 and/or CSAT 1–5), see cvm feedback --help',
  campaigns:
    'define a campaign with a control group (cvm campaign create --workspace DIR …, or the Campaigns page); after its window, cvm campaign results shows its uplift',
  contactCost: 'pass --contact-cost AMOUNT (the cost of contacting one customer), or give cost_per_contact in a stored campaign',
  products: 'a log with product ids (--product-col) for next best offers and category breadth',
  previous: 'save this plan (cvm plan --save, or "Save this plan" on the Plan page); the next plan compares with it',
} as const;
