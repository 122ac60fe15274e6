import { randomBytes } from 'node:crypto';

/**
 * A fresh write token for a campaign's assignment, responses or (on ClickHouse) campaign row: the
 * time in base 36 then 12 random hex digits, so tokens are unique, sort by the time they were made
 * and hold only [0-9a-z] (a partition name that needs no quoting).
 * @example
 * writeToken(); // => 'mifx3k2a9c41f0b2d7e1'
 */
export function writeToken(): string {
  return `${Date.now().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}
