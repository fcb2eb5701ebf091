/**
 * Sessions stored in the previous layout (up to 2026-11-26): a hash per session with one JSON value per
 * top-level field (`f:<name>`), the cookie per property (`c:<name>`, or as one `f:cookie` value before
 * 2026-11-25), metadata `_v`, `_c`, `_e`, `_uid`, and in an ended session `_x` (its tombstone) and `_n`
 * (told why). Read here as a document of the current layout; the session's next write replaces the
 * hash by that document (redis-scripts.ts, WRITE_SCRIPT), so sessions live at the upgrade stay usable.
 */
import { encodeDocument } from '../core/session-record.js';
import type { EndReason, SessionData } from '../core/session-record.js';

export type LegacyHash =
  | { kind: 'found'; doc: string }
  | { kind: 'missing' }
  | { kind: 'ended'; reason: EndReason; at: number; told: boolean };

/** A previous-layout session hash (HGETALL) → its document, or its tombstone. */
export function readLegacyHash(hash: Record<string, string>): LegacyHash {
  if (hash._x !== undefined) {
    const t = JSON.parse(hash._x) as { reason: EndReason; at: number };
    return { kind: 'ended', reason: t.reason, at: t.at, told: hash._n !== undefined };
  }
  if (Object.keys(hash).length === 0) return { kind: 'missing' };
  const session: SessionData = {};
  let cookie: Record<string, unknown> | undefined;
  for (const k in hash) {
    if (k.startsWith('f:')) session[k.slice(2)] = JSON.parse(hash[k]) as unknown;
    else if (k.startsWith('c:')) (cookie ??= {})[k.slice(2)] = JSON.parse(hash[k]) as unknown;
  }
  // The per-property cookie is the newer one: it wins over an `f:cookie` value.
  if (cookie) session.cookie = cookie;
  const doc = encodeDocument(Number(hash._v ?? 0), JSON.stringify(session));
  return { kind: 'found', doc };
}
