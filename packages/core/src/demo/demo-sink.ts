import { join } from 'node:path';
import type { DemoCatalog } from './demo-catalog.js';
import type { DemoVolumes } from './demo-files.js';
import { DEMO_ATTRIBUTES, DEMO_CATEGORIES } from './demo-params.js';
import { ORDER_CHANNELS, type DemoSink } from './demo-simulate.js';
import { asciiBytes, TextFile, writeTimestamp } from './demo-writer.js';

/**
 * The demo's CSV files and the sink that writes a simulated customer's events into them (order lines
 * and returns, support contacts, survey answers), counting the activity volumes for the cost model.
 * Ids are fixed-width (`C` + `width` digits, `O` + 8 digits); the customers file is written by the
 * caller, after `setCustomer`.
 */
export function csvSink(dir: string, catalog: DemoCatalog, dayBytes: readonly Uint8Array[], width: number) {
  const files = {
    transactions: new TextFile(
      join(dir, 'transactions.csv'),
      'order_id,order_date,customer_id,product_id,category,quantity,unit_price,amount,channel',
    ),
    customers: new TextFile(
      join(dir, 'customers.csv'),
      `customer_id,signup_date,acquisition_channel,${DEMO_ATTRIBUTES[0]!.name},${DEMO_ATTRIBUTES[1]!.name},first_category,${DEMO_ATTRIBUTES[2]!.name},site_visits`,
    ),
    surveys: new TextFile(join(dir, 'surveys.csv'), 'customer_id,response_date,nps,csat'),
    contacts: new TextFile(join(dir, 'support-contacts.csv'), 'customer_id,activity,count,date'),
  };
  const volumes: DemoVolumes = { orders: 0, units: 0, returnOrders: 0, contacts: 0, customerYears: 0 };
  // "P0001,apparel," per product and ",search" per order channel, prepared once
  const productBytes = catalog.id.map((id, i) => asciiBytes(`${id},${DEMO_CATEGORIES[catalog.category[i]!]!.name},`));
  const channelBytes = ORDER_CHANNELS.map((c) => asciiBytes(`,${c}`));
  let customerNo = 0,
    orderNo = 0,
    orderTime = 0,
    orderChannel = 0,
    returnedOrder = -1;
  const tx = files.transactions;
  const row = (time: number, product: number, quantity: number, unit: number): void => {
    tx.char(79).padded(orderNo, 8).comma();
    writeTimestamp(tx, dayBytes, time).comma().char(67).padded(customerNo, width).comma();
    tx.bytesOf(productBytes[product]!)
      .int(quantity)
      .comma()
      .cents(unit)
      .comma()
      .cents(quantity * unit)
      .bytesOf(channelBytes[orderChannel]!)
      .end();
  };
  const sink: DemoSink = {
    order(time, channel) {
      orderNo++;
      orderTime = time;
      orderChannel = channel;
      volumes.orders++;
    },
    line(product, quantity, unit) {
      row(orderTime, product, quantity, unit);
      volumes.units += quantity;
    },
    ret(time, product, quantity, unit) {
      row(time, product, -quantity, unit);
      if (returnedOrder !== orderNo) {
        returnedOrder = orderNo;
        volumes.returnOrders++;
      }
    },
    contact(time) {
      files.contacts.char(67).padded(customerNo, width).ascii(',support_contact,1,').bytesOf(dayBytes[Math.floor(time)]!).end();
      volumes.contacts++;
    },
    survey(time, nps, csat) {
      const f = files.surveys.char(67).padded(customerNo, width).comma().bytesOf(dayBytes[Math.floor(time)]!).comma();
      if (nps >= 0) f.int(nps);
      f.comma();
      if (csat >= 0) f.int(csat);
      f.end();
    },
  };
  return {
    files,
    sink,
    volumes,
    setCustomer: (i: number): void => {
      customerNo = i;
    },
  };
}
