import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { encodedBody, loadStaticFiles } from './static-files.js';

/** Where the built dashboard is looked for by default (packages/web/dist). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Serves the built dashboard for every non-API GET: files by path, `index.html` for `/` and for
 * page paths without a dot (client-side routes), 404 otherwise. Hashed `/assets/` are cached for a
 * year, everything else revalidated; the build's Brotli or gzip copy goes to a browser that takes
 * it (issue 18). With `webDir` null, or no build found, a page says how to build it.
 *
 * @example
 * serveDashboard(app, DEFAULT_WEB_DIR); // GET /segments → index.html
 */
export function serveDashboard(app: Hono, webDir: string | null | undefined): void {
  const files = webDir === null ? null : loadStaticFiles(webDir ?? DEFAULT_WEB_DIR);
  app.get('*', (c) => {
    if (!files) {
      return c.html(
        '<!doctype html><title>cvm</title><p>The dashboard is not built. Run <code>npm run build -w @cvm/web</code> (npm install does it) and restart; the JSON API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>',
        200,
      );
    }
    const file =
      files.get(c.req.path === '/' ? '/index.html' : c.req.path) ?? (c.req.path.includes('.') ? undefined : files.get('/index.html'));
    if (!file) return c.text('Not found', 404);
    // issue 18: the build's Brotli or gzip copy when the browser takes it
    const { body, encoding } = encodedBody(file, c.req.header('accept-encoding'));
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.type,
      'cache-control': c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
  });
}
