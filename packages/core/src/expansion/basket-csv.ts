import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { basketSetFromLists, type BasketSet } from './basket-set.js';

/**
 * Parses a basket file in the "one basket per line" format of arules' `read.transactions(format =
 * "basket")` and of the Groceries CSV: no header, items separated by `sep` (default comma), no
 * quoting. Labels are trimmed; blank lines are skipped; repeated items in a line count once.
 * @throws InputError `empty_baskets` when no line holds an item.
 * @example
 * parseBasketCsv('milk,bread\nmilk\n').items; // → ['bread', 'milk']
 */
export function parseBasketCsv(text: string, sep = ','): BasketSet {
  const lists: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    lists.push(line.split(sep));
  }
  if (lists.length === 0)
    throw new InputError('empty_baskets', 'The basket file holds no basket (one basket per line, items separated by commas)', {});
  return basketSetFromLists(lists);
}

/**
 * Reads a basket file (see {@link parseBasketCsv}).
 * @throws InputError `baskets_unreadable` when the file cannot be read; `empty_baskets`.
 */
export async function readBasketFile(path: string, sep = ','): Promise<BasketSet> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError('baskets_unreadable', `Cannot read the basket file ${path}: ${(error as Error).message}`, { path });
  }
  return parseBasketCsv(text, sep);
}
