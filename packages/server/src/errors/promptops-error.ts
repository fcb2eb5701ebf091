/**
 * The one error type of PromptOps: a closed set of codes, each mapped to an HTTP status, so the API,
 * the CLI and the MCP server report failures the same way. Unknown throws are wrapped with their cause.
 */

export const ERROR_STATUS = {
  bad_request: 400,
  invalid_parameter: 400,
  unknown_parameter: 400,
  malformed_payload: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  range_too_large: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class PromptOpsError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PromptOpsError';
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }

  /** Wraps anything thrown into a PromptOpsError, keeping the original as the cause. */
  static from(err: unknown, fallback: ErrorCode = 'internal'): PromptOpsError {
    if (err instanceof PromptOpsError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new PromptOpsError(fallback, message, { cause: err });
  }
}
