import { CvmError } from '@cvm/core';

/** The request lacks the bearer token the server was started with (HTTP 401). */
export class AccessError extends CvmError {}

/** The thing asked for does not exist: a customer id, a route (HTTP 404). */
export class NotFoundError extends CvmError {}

/** The upload is larger than the server's limit (HTTP 413). */
export class PayloadTooLargeError extends CvmError {}

/** The request is addressed to a host name the server does not answer for (HTTP 403). */
export class ForbiddenError extends CvmError {}
