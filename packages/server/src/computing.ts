import type { MiddlewareHandler } from 'hono';
import type { ApiComputing } from '@cvm/core/api';

/** One piece of work the server announced as under way: what it is and since when (ISO). */
export interface WorkUnderWay {
  label: string;
  since: string;
}

/**
 * The long computations the server runs while it already answers (issue 18: `cvm serve` serves at
 * once and fills the pages in the background): the report it prints, the warm-up of the customer
 * table, a recomputation after new data. Requests read it to say "computing…" instead of hanging.
 *
 * @example
 * const work = new ComputingWork();
 * void work.track('the overview report', state.overview());
 * work.current(); // → { label: 'the overview report', since: '2026-12-07T05:40:00.000Z' } until it settles
 */
export class ComputingWork {
  private readonly pending = new Map<number, WorkUnderWay & { work: Promise<unknown> }>();
  private nextId = 0;

  /** Notes `work` as under way until it settles (either way) and returns it unchanged. */
  track<T>(label: string, work: Promise<T>): Promise<T> {
    const id = this.nextId++;
    this.pending.set(id, { label, since: new Date().toISOString(), work });
    const settle = (): void => {
      this.pending.delete(id);
    };
    work.then(settle, settle);
    return work;
  }

  /** The oldest work still under way, or null when the server is idle. */
  current(): WorkUnderWay | null {
    for (const w of this.pending.values()) return { label: w.label, since: w.since };
    return null;
  }

  /** Resolves once every piece of work under way now, and any tracked while waiting, has settled. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending.values()].map((w) => w.work));
  }
}

/** Seconds a client should wait before asking again (the `Retry-After` of a computing answer). */
export const COMPUTING_RETRY_SECONDS = 2;

/** Answers that are never held back: liveness, the API description and anything that is not a read. */
export const ALWAYS_ANSWERED = new Set(['/api/health', '/api/openapi.json', '/api/settings']);

/**
 * Middleware for /api/*: while `work` has something under way, a GET that has not answered within
 * `afterMs` gets `202 {status: 'computing', report, computing, reason, since}` with `Retry-After`, and its
 * computation goes on in the background (stages are memoised, so the retry finds it done). When
 * nothing is under way, or for downloads (`format=csv`, `Accept: text/csv`), requests wait as usual:
 * a script that asks once an idle server is warm never sees a 202.
 */
export function computingAnswer(work: ComputingWork, afterMs: number): MiddlewareHandler {
  return async (c, next) => {
    const download = c.req.query('format') === 'csv' || (c.req.header('accept') ?? '').includes('text/csv');
    if (c.req.method !== 'GET' || ALWAYS_ANSWERED.has(c.req.path) || download || work.current() === null) {
      await next();
      return;
    }
    const answer = next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), afterMs);
    });
    const first = await Promise.race([answer.then(() => 'answered' as const), late]);
    clearTimeout(timer);
    const under = first === 'late' ? work.current() : null;
    if (under === null) {
      await answer; // answered, or the work finished meanwhile: the real answer follows
      return;
    }
    answer.catch(() => undefined); // it finishes in the background; its answer is not sent
    c.header('Retry-After', String(COMPUTING_RETRY_SECONDS));
    return c.json(
      {
        status: 'computing',
        report: c.req.path,
        computing: under.label,
        reason: `cvm is still computing ${under.label} (since ${under.since.slice(11, 19)} UTC); this answer follows when it is done: ask again in ${COMPUTING_RETRY_SECONDS} s`,
        since: under.since,
      } satisfies ApiComputing,
      202,
    );
  };
}
