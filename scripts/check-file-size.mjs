// House rule (issue 19): no source file under packages/*/src is larger than 12 KB, so that each
// stays one cohesive module a reader can hold in mind; a file past the limit is split by role
// (see docs/architecture.md), not allow-listed. `npm run lint` runs this before Biome.
//
// Usage: node scripts/check-file-size.mjs [--root DIR]   (exit 0: all within; 1: files over the limit)
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The limit, in bytes (12 KiB). */
export const MAX_SOURCE_BYTES = 12 * 1024;

/** Files allowed past the limit, each with the reason (paths relative to the root, `/`-separated). */
export const ALLOWED = new Map([
  [
    'packages/core/src/index.ts',
    "the public barrel: the library's whole API as named exports grouped by stage, in one file on purpose (STYLE.md: no `export *`)",
  ],
]);

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs)$/;

function walk(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && SOURCE.test(e.name)) out.push(p);
  }
  return out;
}

/**
 * The source files under `root`/packages/NAME/src larger than `max` bytes and not in `allowed`.
 * @example oversizedFiles('.'); // → [] when the tree keeps the rule, else [{ path: 'packages/server/src/app.ts', bytes: 12346 }]
 */
export function oversizedFiles(root, max = MAX_SOURCE_BYTES, allowed = ALLOWED) {
  const found = [];
  const packages = join(root, 'packages');
  for (const pkg of readdirSync(packages, { withFileTypes: true })) {
    if (!pkg.isDirectory()) continue;
    const src = join(packages, pkg.name, 'src');
    try {
      if (!statSync(src).isDirectory()) continue;
    } catch {
      continue;
    }
    for (const file of walk(src, [])) {
      const path = relative(root, file).split(sep).join('/');
      const bytes = statSync(file).size;
      if (bytes > max && !allowed.has(path)) found.push({ path, bytes });
    }
  }
  return found.sort((a, b) => b.bytes - a.bytes);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? process.argv[i + 1] : process.cwd();
  const over = oversizedFiles(root);
  if (over.length > 0) {
    console.error(`check-file-size: ${over.length} source file${over.length === 1 ? '' : 's'} over ${MAX_SOURCE_BYTES} bytes (12 KB):`);
    for (const f of over) console.error(`  ${f.path}  ${f.bytes} bytes (${f.bytes - MAX_SOURCE_BYTES} over)`);
    console.error('Split each into cohesive modules (one role per file; see docs/architecture.md), keeping its exports.');
    process.exit(1);
  }
  console.log(
    `check-file-size: every source file under packages/*/src is within ${MAX_SOURCE_BYTES} bytes (allowed past it: ${[...ALLOWED.keys()].join(', ')})`,
  );
}
