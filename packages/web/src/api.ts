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
}

const stamp: DataStamp = { version: null, lastIngest: null, computedAt: null };
let stampListener: ((s: DataStamp) => void) | null = null;

/** Starts a page's stamp afresh and calls `listener` whenever an answer changes it. */
export function watchDataStamp(listener: (s: DataStamp) => void): void {
  stamp.version = stamp.lastIngest = stamp.computedAt = null;
  stampListener = listener;
}

function noteStamp(res: Response): void {
  const version = res.headers.get('x-cvm-data-version');
  if (version === null) return;
  const computedAt = res.headers.get('x-cvm-computed-at');
  stamp.version = version;
  stamp.lastIngest = res.headers.get('x-cvm-last-ingest');
  if (computedAt !== null && (stamp.computedAt === null || computedAt > stamp.computedAt)) stamp.computedAt = computedAt;
  stampListener?.({ ...stamp });
}

export async function api<T = any>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string> | undefined) } });
  noteStamp(res);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'http_' + res.status, body?.error?.message ?? res.statusText);
  return body as T;
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
