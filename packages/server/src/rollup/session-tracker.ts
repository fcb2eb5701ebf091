/**
 * Active sessions of one instance from session events: a session is active from `created`/`touched`/
 * `login` until its TTL runs out or a `destroyed`/`expired` event arrives. Sampled every 2 s into the
 * rollups' `sessions` gauge when the application reports events rather than a sessions metric.
 */
import type { SessionEvent } from '../model/telemetry.js';

/** TTL assumed when an event does not carry one (the servlet default of 30 min). */
const DEFAULT_TTL_SECONDS = 1800;

export class SessionTracker {
  private readonly expiresAt = new Map<string, number>();

  apply(event: SessionEvent): void {
    switch (event.type) {
      case 'created':
      case 'touched':
      case 'login': {
        const until = event.time + (event.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
        const known = this.expiresAt.get(event.sessionId);
        if (known === undefined || until > known) this.expiresAt.set(event.sessionId, until);
        return;
      }
      case 'destroyed':
      case 'expired':
        this.expiresAt.delete(event.sessionId);
        return;
    }
  }

  /** Sessions not yet expired at `now` (expired ones are forgotten as a side effect). */
  activeAt(now: number): number {
    for (const [id, until] of this.expiresAt) if (until <= now) this.expiresAt.delete(id);
    return this.expiresAt.size;
  }
}
