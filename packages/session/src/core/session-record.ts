/**
 * What a backend stores per session and how a session object maps to it. A session is kept as one
 * JSON value per top-level field (`cookie`, `userId`, `cart`, …) so a write can change only the fields
 * a request changed: a slow request that never touched `userId` cannot restore it after a parallel
 * logout removed it.
 */

/** Hidden field carried inside the session object between `get` and `set`: the base the request read. */
export const BASE_FIELD = '__po';

/** Field an ended session carries on the one request that is told why it ended. */
export const ENDED_FIELD = 'sessionEnded';

export type SessionData = Record<string, unknown>;

/** Why a session was ended; kept in a tombstone so a late write cannot bring it back. */
export type EndReason = 'logout' | 'duplicate-login' | 'admin';

export interface StoredSession {
  /** Top-level field name → JSON text. */
  fields: Record<string, string>;
  version: number;
  createdAt: number;
  expiresAt: number;
  userId?: string;
}

/**
 * The base a request read: the version and each field's JSON text as stored. It rides inside the
 * session object (express-session and @fastify/session copy every enumerable property of what the
 * store returns) but serialises to nothing, so it never shows in `JSON.stringify(req.session)`, in
 * express-session's change detection, or in the stored data.
 */
export class SessionBase {
  constructor(
    readonly v: number,
    readonly raw: Readonly<Record<string, string>>,
  ) {}

  toJSON(): undefined {
    return undefined;
  }
}

/** What `set` sends to a backend: only the changed fields. */
export interface SessionWrite {
  now: number;
  baseVersion: number;
  expiresAt: number;
  writes: Record<string, string>;
  deletes: string[];
  /** The user id after this write: a string, `null` when the user field was removed, undefined when unchanged. */
  userId: string | null | undefined;
}

export type WriteResult =
  | { status: 'ok'; version: number; created: boolean; interleaved: boolean; previousUserId?: string }
  | { status: 'ended' };

export type ReadResult =
  | { kind: 'found'; session: StoredSession }
  | { kind: 'missing' }
  /** Returned once per ended session for `duplicate-login`/`admin` so the app can tell the user why. */
  | { kind: 'ended'; reason: EndReason; at: number };

/** Session object → one JSON text per top-level field (the hidden base excluded). */
export function toFields(session: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(session)) {
    if (key === BASE_FIELD || key === ENDED_FIELD) continue;
    const json = JSON.stringify((session as Record<string, unknown>)[key]);
    if (json !== undefined) out[key] = json;
  }
  return out;
}

/** The fields to write and delete relative to the base the request read (all of them without a base). */
export function diffFields(
  fields: Record<string, string>,
  base: SessionBase | undefined,
): { writes: Record<string, string>; deletes: string[] } {
  if (!base) return { writes: fields, deletes: [] };
  const writes: Record<string, string> = {};
  for (const k in fields) if (base.raw[k] !== fields[k]) writes[k] = fields[k];
  const deletes: string[] = [];
  for (const k in base.raw) if (!(k in fields)) deletes.push(k);
  return { writes, deletes };
}

/** Stored fields → session object with the hidden base attached. */
export function fromStored(stored: StoredSession): SessionData {
  const out: SessionData = {};
  for (const k in stored.fields) out[k] = JSON.parse(stored.fields[k]) as unknown;
  out[BASE_FIELD] = new SessionBase(stored.version, stored.fields);
  return out;
}

export function readBase(session: object): SessionBase | undefined {
  const b = (session as Record<string, unknown>)[BASE_FIELD];
  if (b instanceof SessionBase) return b;
  // A structured clone keeps the data but not the class.
  const o = b as { v?: unknown; raw?: unknown } | undefined;
  if (o && typeof o.v === 'number' && o.raw && typeof o.raw === 'object') {
    return new SessionBase(o.v, o.raw as Record<string, string>);
  }
  return undefined;
}
