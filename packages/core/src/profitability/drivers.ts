/**
 * Activity cost drivers (Cokins, "Activity-Based Cost Management", ch. on customer profitability):
 * the measurable event that makes an activity's cost vary with the customer. Each cost pool names
 * one; the driver says where its volume comes from and in what unit it is counted.
 */
export const DRIVERS = {
  order: {
    source: 'log',
    unit: 'orders',
    meaning: 'purchase orders: distinct order ids, or each purchase row when the log has no order id',
  },
  order_line: { source: 'log', unit: 'order lines', meaning: 'purchase rows of the log' },
  unit: {
    source: 'log',
    unit: 'units',
    meaning: 'units bought: the sum of quantity over purchase rows (a row without a quantity counts as 1 unit)',
  },
  return: {
    source: 'log',
    unit: 'returns',
    meaning: 'return orders: distinct order ids among returns, or each return row when there is no order id',
  },
  delivery: {
    source: 'log',
    unit: 'deliveries',
    meaning: "purchase orders shipped through the pool's `channel` (all orders when the pool names no channel)",
  },
  support_contact: { source: 'activity', unit: 'contacts', meaning: 'support contacts, summed from the activity file' },
  campaign_contact: {
    source: 'activity',
    unit: 'contacts',
    meaning: 'marketing campaign contacts (mailings, calls), summed from the activity file',
  },
  customer_year: {
    source: 'log',
    unit: 'customer-years',
    meaning: 'years on the books in the period: (period end − max(first purchase, period start) + 1 day) / 365.25',
  },
  activity: { source: 'activity', unit: 'counts', meaning: "any other activity of the activity file, named by the pool's `activity`" },
} as const;

export type DriverName = keyof typeof DRIVERS;
export const DRIVER_NAMES = Object.keys(DRIVERS) as DriverName[];

/** Drivers whose cost comes with every order (handling, shipping); a minimum order size is their remedy. */
export const ORDER_DRIVERS: ReadonlySet<DriverName> = new Set(['order', 'order_line', 'delivery']);
/** Drivers whose volume follows how a customer is served; moving to a cheaper channel is their remedy. */
export const CHANNEL_DRIVERS: ReadonlySet<DriverName> = new Set(['support_contact', 'campaign_contact', 'activity']);
/** Every other driver (unit, return, customer_year) is remedied by re-pricing (surcharge, restocking or account fee). */
