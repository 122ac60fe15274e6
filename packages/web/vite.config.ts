import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every built text file over 1 kB, so the server
 * sends compressed files without compressing at start-up or per request (issue 18: the first page
 * under 200 kB on the wire). Node's own zlib; no dependency.
 */
function precompress(): Plugin {
  return {
    name: 'cvm-precompress',
    apply: 'build',
    // after the files are written, so the copies hold the final code (Vite still rewrites chunks in generateBundle)
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const path = join(options.dir!, name);
        const bytes = readFileSync(path);
        if (bytes.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// The dashboard is static files served by @cvm/server; it talks to the JSON API only. Each page is a
// chunk of its own (pages/index.ts imports them on first visit), ECharts another.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  plugins: [precompress()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:4173' } },
});
