import { InputError } from '../errors.js';

/** The logical fields of a transaction log. Only customer and date are always required. */
export type TransactionField = 'customer' | 'date' | 'amount' | 'order' | 'product' | 'quantity' | 'price' | 'channel' | 'cost';

/** Which source column feeds each logical field. */
export type ColumnMapping = Partial<Record<TransactionField, string>>;

/** Where each mapped column came from: a flag, or auto-detection from the header. */
export interface ResolvedMapping {
  mapping: ColumnMapping;
  detected: TransactionField[];
  /** True when the amount is computed as price × quantity (no amount column). */
  amountFromPriceQuantity: boolean;
}

/** Common header names per field, normalised (lower case, letters and digits only), in priority order. */
const CANDIDATES: Record<TransactionField, string[]> = {
  customer: [
    'customerid',
    'customer',
    'custid',
    'cust',
    'clientid',
    'client',
    'userid',
    'user',
    'memberid',
    'accountid',
    'buyerid',
    'shopperid',
    'id',
  ],
  date: [
    'date',
    'orderdate',
    'transactiondate',
    'purchasedate',
    'invoicedate',
    'txndate',
    'saledate',
    'datetime',
    'timestamp',
    'ts',
    'time',
    'createdat',
    'orderedat',
  ],
  amount: [
    'amount',
    'sales',
    'revenue',
    'value',
    'total',
    'totalamount',
    'orderamount',
    'ordervalue',
    'salesamount',
    'netamount',
    'spend',
    'monetary',
    'dollarvalue',
    'price_total',
    'totalprice',
  ],
  order: ['orderid', 'order', 'invoiceno', 'invoice', 'invoiceid', 'transactionid', 'txnid', 'receiptid', 'basketid'],
  product: ['productid', 'product', 'sku', 'stockcode', 'itemid', 'item', 'productcode', 'articleid'],
  quantity: ['quantity', 'qty', 'units', 'unitssold', 'count', 'numberofitems'],
  price: ['unitprice', 'price', 'itemprice'],
  channel: ['channel', 'saleschannel', 'acquisitionchannel', 'source', 'medium', 'store'],
  cost: ['cost', 'cogs', 'unitcost', 'productcost'],
};

const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Resolves the column mapping: explicit flags win; the remaining fields are matched against
 * common header names (case, spaces and punctuation ignored); the customer and date fields fall
 * back to the first column whose name contains "cust"/ends in "id", or contains "date"/"time".
 *
 * @throws InputError `unknown_column` when a flag names a column the file does not have;
 *   `missing_columns` when no customer, date or amount (nor price × quantity) can be found,
 *   naming the columns present.
 * @example
 * resolveMapping(['Customer ID', 'InvoiceDate', 'Quantity', 'UnitPrice'], {})
 * // → { mapping: { customer: 'Customer ID', date: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice' },
 * //     amountFromPriceQuantity: true, detected: [...] }
 */
export function resolveMapping(columns: readonly string[], flags: ColumnMapping, fileLabel = 'the file'): ResolvedMapping {
  const mapping: ColumnMapping = {};
  const detected: TransactionField[] = [];
  const used = new Set<string>();
  for (const [field, column] of Object.entries(flags) as [TransactionField, string | undefined][]) {
    if (column === undefined || column === '') continue;
    if (!columns.includes(column)) {
      throw new InputError(
        'unknown_column',
        `--${field}-col "${column}" is not a column of ${fileLabel}; columns present: ${columns.join(', ')}`,
        { field, column, columns },
      );
    }
    mapping[field] = column;
    used.add(column);
  }
  const byNorm = new Map<string, string>();
  for (const c of columns) if (!byNorm.has(normalise(c))) byNorm.set(normalise(c), c);
  for (const field of Object.keys(CANDIDATES) as TransactionField[]) {
    if (mapping[field] !== undefined) continue;
    for (const candidate of CANDIDATES[field]) {
      const column = byNorm.get(candidate);
      if (column !== undefined && !used.has(column)) {
        mapping[field] = column;
        used.add(column);
        detected.push(field);
        break;
      }
    }
  }
  const fallback = (field: TransactionField, test: (n: string) => boolean): void => {
    if (mapping[field] !== undefined) return;
    const column = columns.find((c) => !used.has(c) && test(normalise(c)));
    if (column !== undefined) {
      mapping[field] = column;
      used.add(column);
      detected.push(field);
    }
  };
  fallback('customer', (n) => n.includes('cust') || n.endsWith('id'));
  fallback('date', (n) => n.includes('date') || n.includes('time'));
  const amountFromPriceQuantity = mapping.amount === undefined && mapping.price !== undefined && mapping.quantity !== undefined;
  const missing: string[] = [];
  if (mapping.customer === undefined) missing.push('customer id (--customer-col)');
  if (mapping.date === undefined) missing.push('date (--date-col)');
  if (mapping.amount === undefined && !amountFromPriceQuantity) missing.push('amount (--amount-col, or --price-col with --quantity-col)');
  if (missing.length > 0) {
    throw new InputError(
      'missing_columns',
      `${fileLabel} has no ${missing.join(', no ')}; columns present: ${columns.length ? columns.join(', ') : '(none)'}`,
      { missing, columns },
    );
  }
  return { mapping, detected, amountFromPriceQuantity };
}
