/**
 * The transaction: one server span or one access-log line, the unit everything else counts.
 * Every ingest path (OTLP traces, access logs) produces these; the store keeps them raw and the
 * rollups count them.
 */

/** User identification modes of the product reference, in mode-number order. */
export const USER_KEY_MODES = ['ip', 'session', 'cookie', 'user'] as const;
export type UserKeyMode = (typeof USER_KEY_MODES)[number];

/** One SQL statement executed inside a transaction (from a client span of a database system). */
export interface QuerySummary {
  /** Normalised statement text: literals replaced by `?`. */
  statement: string;
  durationMs: number;
  rows?: number;
  system?: string;
}

/** One outgoing HTTP call made inside a transaction. */
export interface OutgoingCallSummary {
  url: string;
  method?: string;
  status?: number;
  durationMs: number;
}

/** One exception recorded on the transaction or one of its child spans. */
export interface ExceptionSummary {
  type: string;
  message?: string;
}

export interface Transaction {
  /** Start time, epoch milliseconds (UTC). */
  time: number;
  durationMs: number;
  /** HTTP status code; 0 when unknown. */
  status: number;
  /** True when the transaction failed (status >= 500 or span status ERROR). */
  error: boolean;
  method: string;
  /** Full request target (path and query) as received, already PII-free is NOT assumed. */
  url: string;
  /** Route template when the agent reports one (`/users/:id`), else the path without query. */
  route: string;
  /** Reporting instance (`service.instance.id`, or `host.name`, or the import's `--instance`). */
  instance: string;
  /** `service.name`, or the instance when unknown. */
  service: string;
  /** Client address after trusted-proxy resolution of X-Forwarded-For. */
  clientIp: string;
  /** Session id (JSESSIONID, configured cookie, or `session.id`). */
  sessionId?: string;
  /** Persistent visitor cookie value. */
  visitorId?: string;
  /** Authenticated user id (`enduser.id`). */
  userId?: string;
  userAgent?: string;
  /** Response body size in bytes. */
  bytes: number;
  traceId?: string;
  spanId?: string;
  queries?: QuerySummary[];
  calls?: OutgoingCallSummary[];
  exceptions?: ExceptionSummary[];
}

/** The user key of a transaction in a given mode; undefined when the mode's key is absent. */
export function userKeyOf(tx: Transaction, mode: UserKeyMode): string | undefined {
  switch (mode) {
    case 'ip':
      return tx.clientIp || undefined;
    case 'session':
      return tx.sessionId;
    case 'cookie':
      return tx.visitorId;
    case 'user':
      return tx.userId;
  }
}
