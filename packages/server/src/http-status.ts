import { ConvergenceError, CvmError, DataQualityError, EngineError, InputError } from '@cvm/core';
import { AccessError, ForbiddenError, NotFoundError, PayloadTooLargeError } from './errors.js';

/** The JSON body of every error answer: the core's stable `code`, a message that says what to do. */
export interface ErrorBody {
  error: { code: string; message: string; context?: Record<string, unknown> };
}

/**
 * Maps an error to an HTTP status and a JSON body; the only place that does so.
 * InputError 400, AccessError 401, ForbiddenError 403, NotFoundError 404, PayloadTooLargeError 413,
 * DataQualityError and ConvergenceError 422, EngineError and anything else 500.
 * Engine and internal errors never echo their context (it may hold SQL).
 */
export function httpError(error: unknown): { status: 400 | 401 | 403 | 404 | 413 | 422 | 500; body: ErrorBody } {
  const status =
    error instanceof InputError
      ? 400
      : error instanceof AccessError
        ? 401
        : error instanceof ForbiddenError
          ? 403
          : error instanceof NotFoundError
            ? 404
            : error instanceof PayloadTooLargeError
              ? 413
              : error instanceof DataQualityError || error instanceof ConvergenceError
                ? 422
                : 500;
  if (error instanceof CvmError && !(error instanceof EngineError)) {
    return { status, body: { error: { code: error.code, message: error.message, context: error.context } } };
  }
  if (error instanceof EngineError) return { status, body: { error: { code: error.code, message: error.message } } };
  return { status, body: { error: { code: 'internal', message: `Internal error: ${(error as Error)?.message ?? String(error)}` } } };
}
