import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { AccessError, ForbiddenError } from './errors.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * The server's request guards, registered in this order before any route:
 * 1. with `allowedHosts`, a request addressed to another host name is refused (403 `bad_host`), so a
 *    page on another site cannot reach the API through DNS rebinding;
 * 2. every answer carries `nosniff`, no referrer and no framing; pages also a Content-Security-Policy;
 * 3. with `token`, every /api call must send `Authorization: Bearer TOKEN` (401 `unauthorized`;
 *    compared as SHA-256 digests in constant time);
 * 4. (issue 12) a call that changes the workspace is refused (403 `bad_origin`) when a browser says it
 *    comes from another site's page (Origin or Sec-Fetch-Site), against CSRF; clients without those
 *    headers (curl, scripts) are unaffected.
 *
 * @example
 * useSecurity(app, { allowedHosts: ['127.0.0.1', 'localhost'], token: process.env.CVM_TOKEN });
 * // GET http://evil.example/api/overview → 403 { code: 'bad_host', … }
 */
export function useSecurity(app: Hono, options: { allowedHosts?: readonly string[]; token?: string }): void {
  if (options.allowedHosts) {
    const allowed = new Set(options.allowedHosts.map((x) => x.toLowerCase()));
    app.use('*', async (c, next) => {
      const host = new URL(c.req.url).hostname.toLowerCase();
      if (!allowed.has(host)) {
        throw new ForbiddenError(
          'bad_host',
          `This cvm server answers only requests addressed to ${[...allowed].join(', ')}; got host "${host}". Open the URL cvm serve printed`,
          { host },
        );
      }
      await next();
    });
  }

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    if (!c.req.path.startsWith('/api/')) {
      c.header(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
      );
    }
  });

  if (options.token) {
    const expected = digest(`Bearer ${options.token}`);
    app.use('/api/*', async (c, next) => {
      const given = digest(c.req.header('authorization') ?? '');
      if (!timingSafeEqual(given, expected)) {
        throw new AccessError(
          'unauthorized',
          'This cvm server needs its token: send "Authorization: Bearer TOKEN" (the token given with --token or CVM_TOKEN)',
          {},
        );
      }
      await next();
    });
  }

  // issue 12: calls that change the workspace (uploads, saving and deleting audiences) are refused
  // when a browser says they come from another site's page (Origin or Sec-Fetch-Site), so a page
  // elsewhere cannot make the user's browser change the workspace (CSRF); clients without those
  // headers (curl, scripts) are unaffected, and the token check above still applies.
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const host = new URL(c.req.url).host;
      let foreign = c.req.header('sec-fetch-site') === 'cross-site';
      if (origin !== undefined) {
        try {
          foreign ||= new URL(origin).host !== host;
        } catch {
          foreign = true; // "null" (sandboxed or file pages) and malformed origins
        }
      }
      if (foreign)
        throw new ForbiddenError(
          'bad_origin',
          `This cvm server accepts changes only from its own pages (origin ${origin ?? 'unknown'} is not ${host}); use the dashboard it serves, or call the API without a browser`,
          { origin: origin ?? null },
        );
    }
    await next();
  });
}
