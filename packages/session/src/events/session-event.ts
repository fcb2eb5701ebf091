/**
 * Wire format of session events sent to the PromptOps collector
 * (`POST {collector}/api/v1/ingest/session-events`). Kept in the library, not imported from the
 * server, so the library has no dependency on it; it matches the server's `SessionEvent`.
 */

export const SESSION_EVENT_TYPES = ['created', 'touched', 'login', 'destroyed', 'expired'] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

export interface SessionEvent {
  type: SessionEventType;
  /** Epoch milliseconds. */
  time: number;
  instance: string;
  sessionId: string;
  userId?: string;
  clientIp?: string;
  userAgent?: string;
  /** Session lifetime in seconds (on `created`/`touched`/`login`). */
  ttlSeconds?: number;
}

/** Periodic gauge sent in the same body (`gauges`), shaped like the server's `MetricSample`. */
export interface SessionGauge {
  time: number;
  instance: string;
  metric: 'sessions';
  /** Active sessions this instance holds (created or last used here and not expired). */
  value: number;
}

export interface SessionEventBatch {
  events: SessionEvent[];
  gauges?: SessionGauge[];
}
