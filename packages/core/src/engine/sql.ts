/**
 * Quoting for the few places where a value cannot be a bound parameter (file paths inside table
 * functions, identifiers from a file's header). Everything user-supplied that reaches SQL goes
 * through one of these or through a bound parameter.
 */

/** A SQL string literal: single quotes doubled, NUL rejected. */
export function sqlString(value: string): string {
  if (value.includes('\u0000')) throw new TypeError('sqlString: NUL byte in value');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier: double quotes doubled, NUL rejected. */
export function sqlIdent(name: string): string {
  if (name.includes('\u0000')) throw new TypeError('sqlIdent: NUL byte in identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Validates an ISO calendar date `YYYY-MM-DD` and returns it; anything else returns null. */
export function isoDateOrNull(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  if (d.getUTCFullYear() !== +m[1]! || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) return null;
  return value.trim();
}
