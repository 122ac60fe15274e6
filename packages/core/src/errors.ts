/**
 * Typed errors. Every error cvm raises on purpose is a {@link CvmError} with a stable `code`,
 * a `context` object (what was found) and a message that says what to do. The CLI maps classes
 * to exit codes and the server maps them to HTTP statuses, each in one place.
 */
export class CvmError extends Error {
  readonly code: string;
  readonly context: Record<string, unknown>;
  constructor(code: string, message: string, context: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }
}

/** Bad usage or unreadable input (CLI exit code 2, HTTP 400). */
export class InputError extends CvmError {}

/** Input that parses but fails a data-quality rule the caller asked to enforce (e.g. `--strict`). */
export class DataQualityError extends CvmError {}

/**
 * A model fit that did not converge. `context.lastState` carries the last parameters, log-likelihood
 * and gradient norm; the message says what to try.
 */
export class ConvergenceError extends CvmError {}

/** The database engine failed (CLI exit code 1, HTTP 500). */
export class EngineError extends CvmError {}
