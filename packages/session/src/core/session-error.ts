/**
 * The one error type of the session library: a closed set of codes, each mapped to the HTTP status an
 * app should answer with (express, Fastify and Koa all read `status`/`statusCode`), so a store outage
 * becomes a clear 503 instead of a hang or a generic 500.
 */

export const SESSION_ERROR_STATUS = {
  /** Options given to `createSessionStore` are invalid. */
  invalid_option: 500,
  /** The store (Redis) did not answer within the failover budget. */
  unavailable: 503,
  /** The write was applied on the primary but not acknowledged by `minReplicas` replicas in time. */
  not_durable: 503,
  /** The duplicate-login policy `reject-new` refused this login. */
  login_rejected: 409,
  internal: 500,
} as const;

export type SessionErrorCode = keyof typeof SESSION_ERROR_STATUS;

export class SessionStoreError extends Error {
  readonly code: SessionErrorCode;
  /** Lets framework error handlers show the message: it never contains session data. */
  readonly expose = true;

  constructor(code: SessionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SessionStoreError';
    this.code = code;
  }

  get status(): number {
    return SESSION_ERROR_STATUS[this.code];
  }

  /** Fastify reads `statusCode`. */
  get statusCode(): number {
    return this.status;
  }

  toJSON(): { error: { code: SessionErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }

  static from(err: unknown, fallback: SessionErrorCode = 'internal'): SessionStoreError {
    if (err instanceof SessionStoreError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new SessionStoreError(fallback, message, { cause: err });
  }
}
