import { readFileSync } from 'node:fs';
import { dataPath } from '../helpers/read-csv.js';

/** Splits one CSV line with RFC 4180 quotes (the file quotes "6) $750 - $1,000"). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '',
    quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The Hillstrom e-mail experiment read by a small line parser in the test (independent of DuckDB's reader). */
export interface Hillstrom {
  segment: string[];
  visit: Float64Array;
  conversion: Float64Array;
  spend: Float64Array;
  columns: Record<string, string[]>;
}

export function readHillstrom(): Hillstrom {
  const lines = readFileSync(dataPath('hillstrom/hillstrom_email.csv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]!);
  const columns: Record<string, string[]> = Object.fromEntries(header.map((h) => [h, [] as string[]]));
  for (let i = 1; i < lines.length; i++) {
    const cells = splitCsvLine(lines[i]!);
    header.forEach((h, j) => columns[h]!.push(cells[j]!));
  }
  const num = (name: string): Float64Array => Float64Array.from(columns[name]!, Number);
  return { segment: columns.segment!, visit: num('visit'), conversion: num('conversion'), spend: num('spend'), columns };
}
