import type { ApiComputing, ApiSettings } from '@cvm/core/api';
/** The dashboard's only way to data: the server's JSON API, with the bearer token when there is one. */
const TOKEN_KEY = 'cvm-token';

/** Takes a token from `#token=…` in the URL once (the address `cvm serve --token` prints), then keeps it for the tab. */
export function captureToken(): void {
  const m = /[#&]token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]!));
    history.replaceState(null, '', location.pathname + '#/overview');
  }
}

export function authHeaders(): Record<string, string> {
  const t = sessionStorage.getItem(TOKEN_KEY);
  return t ? { authorization: `Bearer ${t}` } : {};
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The data the current page's answers reflect (issue 16): the server's data version, its last ingest
 * and the newest computation time over the page's requests (from the X-Cvm-* headers of every answer).
 */
export interface DataStamp {
  version: string | null;
  lastIngest: string | null;
  computedAt: string | null;
  /** The oldest data version the page's figures reflect (older than `version` after an incremental refresh, until the next re-fit). */
  reflects: string | null;
  /** The oldest data version the page's model parameters were fitted at (null when it read no model). */
  fit: string | null;
}

const stamp: DataStamp = { version: null, lastIngest: null, computedAt: null, reflects: null, fit: null };
const older = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : Number(b) < Number(a) ? b : a);
let stampListener: ((s: DataStamp) => void) | null = null;

/** Starts a page's stamp afresh and calls `listener` whenever an answer changes it. */
export function watchDataStamp(listener: (s: DataStamp) => void): void {
  stamp.version = stamp.lastIngest = stamp.computedAt = stamp.reflects = stamp.fit = null;
  stampListener = listener;
}

function noteStamp(res: Response): void {
  const version = res.headers.get('x-cvm-data-version');
  if (version === null) return;
  const computedAt = res.headers.get('x-cvm-computed-at');
  stamp.version = version;
  stamp.lastIngest = res.headers.get('x-cvm-last-ingest');
  if (computedAt !== null && (stamp.computedAt === null || computedAt > stamp.computedAt)) stamp.computedAt = computedAt;
  stamp.reflects = older(stamp.reflects, res.headers.get('x-cvm-reflects-version'));
  stamp.fit = older(stamp.fit, res.headers.get('x-cvm-fit-version'));
  stampListener?.({ ...stamp });
}

/** Reads under way that the server answered "computing" (issue 18), and who shows them. */
const waiting = new Map<number, string>();
let waitingId = 0;
let computingListener: ((reasons: readonly string[]) => void) | null = null;

/** Calls `listener` with the reasons of the reads still waiting for the server's computation (empty when none). */
export function watchComputing(listener: (reasons: readonly string[]) => void): void {
  computingListener = listener;
}

const noteWaiting = (id: number, reason: string | null): void => {
  if (reason === null) waiting.delete(id);
  else waiting.set(id, reason);
  computingListener?.([...new Set(waiting.values())]);
};

const isComputing = (res: Response, body: unknown): body is ApiComputing =>
  res.status === 202 && (body as { status?: unknown } | null)?.status === 'computing';

/**
 * Fetches a JSON answer. A read the server is still computing (202 Computing, `cvm serve` at start-up
 * or after new data) is asked again after its Retry-After until it is there; meanwhile the reason is
 * shown (see {@link watchComputing}).
 * @throws ApiError for a 4xx/5xx answer, with the server's code and message
 */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const id = waitingId++;
  try {
    for (;;) {
      const res = await fetch(path, { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string> | undefined) } });
      noteStamp(res);
      const body = await res.json().catch(() => null);
      if (isComputing(res, body) && (init.method ?? 'GET') === 'GET') {
        noteWaiting(id, `Still computing ${body.computing} (since ${body.since.slice(11, 19)} UTC)`);
        await new Promise((r) => setTimeout(r, 1000 * Math.max(1, Number(res.headers.get('retry-after')) || 2)));
        continue;
      }
      if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'http_' + res.status, body?.error?.message ?? res.statusText);
      return body as T;
    }
  } finally {
    if (waiting.has(id)) noteWaiting(id, null);
  }
}

/** Downloads a CSV from the API (with the token) as a file. */
export async function downloadCsv(path: string, fileName: string): Promise<void> {
  const res = await fetch(path, { headers: authHeaders() });
  if (!res.ok) throw new ApiError(res.status, 'download_failed', `Download failed (${res.status})`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** GET /api/settings: the currency of amounts. */
export const fetchSettings = (): Promise<ApiSettings> => api<ApiSettings>('/api/settings');
