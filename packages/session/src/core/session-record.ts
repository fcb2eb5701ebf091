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

export interface SessionBase {
  v: number;
  /** Field name → digest of the JSON the request read. */
  d: Record<string, string>;
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

/** 32-bit FNV-1a of a string, hex: cheap change detection for field values. */
export function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

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

/** The fields to write and delete relative to the base the request read. */
export function diffFields(
  fields: Record<string, string>,
  base: SessionBase | undefined,
): { writes: Record<string, string>; deletes: string[]; next: Record<string, string> } {
  const next: Record<string, string> = {};
  for (const k in fields) next[k] = digest(fields[k]);
  if (!base) return { writes: fields, deletes: [], next };
  const writes: Record<string, string> = {};
  for (const k in fields) if (base.d[k] !== next[k]) writes[k] = fields[k];
  const deletes = Object.keys(base.d).filter((k) => !(k in fields));
  return { writes, deletes, next };
}

export function baseOf(version: number, fields: Record<string, string>): SessionBase {
  const d: Record<string, string> = {};
  for (const [k, json] of Object.entries(fields)) d[k] = digest(json);
  return { v: version, d };
}

/** Stored fields → session object with the hidden base attached. */
export function fromStored(stored: StoredSession): SessionData {
  const out: SessionData = {};
  for (const [k, json] of Object.entries(stored.fields)) out[k] = JSON.parse(json) as unknown;
  out[BASE_FIELD] = baseOf(stored.version, stored.fields);
  return out;
}

export function readBase(session: object): SessionBase | undefined {
  const b = (session as Record<string, unknown>)[BASE_FIELD];
  if (b && typeof b === 'object' && typeof (b as SessionBase).v === 'number') return b as SessionBase;
  return undefined;
}
