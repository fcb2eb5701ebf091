/**
 * What a backend stores per session: one JSON document, `{"v":<version>,"s":<the session>}`, read with
 * one GET and one JSON.parse (as connect-redis reads its string). The version comes first so a Lua
 * script compares it as a string prefix and never decodes the session (cjson would rewrite its
 * numbers). Nothing else is stored beside the session: its expiry is the key's TTL (and the cookie's
 * `expires`), its creation time is in the active index; 12 bytes around connect-redis' value keep the
 * string in the same allocation size for typical sessions. An ended session's document is a
 * tombstone, `{"v":-1,"x":"<reason>","at":<ms>}` (`-2` once the session was told why), which refuses
 * writes.
 */

/** Hidden field carried inside the session object between `get` and `set`: the base the request read. */
export const BASE_FIELD = '__po';

/** Field an ended session carries on the one request that is told why it ended. */
export const ENDED_FIELD = 'sessionEnded';

export type SessionData = Record<string, unknown>;

/** Why a session was ended; kept in a tombstone so a late write cannot bring it back. */
export type EndReason = 'logout' | 'duplicate-login' | 'admin';

/** A live session's stored document, parsed. */
export interface SessionDocument {
  /** Version, 1 on create, +1 per write (compare-and-set). */
  v: number;
  s: SessionData;
}

/** A tombstone's document, parsed. */
export interface TombstoneDocument {
  /** -1: not yet told why; -2: told. */
  v: -1 | -2;
  x: EndReason;
  at: number;
}

const DOC_HEAD = '{"v":';
const MINUS = 0x2d;

/** The stored document of a live session; `sessionJson` is the session's own JSON. */
export function encodeDocument(version: number, sessionJson: string): string {
  return DOC_HEAD + version + ',"s":' + sessionJson + '}';
}

/** The expiry a session's cookie states (`expires`, as stored), epoch ms; 0 when it states none. */
export function cookieExpiry(session: SessionData): number {
  const cookie = session.cookie as { expires?: unknown } | undefined;
  const t = typeof cookie?.expires === 'string' ? Date.parse(cookie.expires) : NaN;
  return Number.isFinite(t) ? t : 0;
}

export function encodeTombstone(reason: EndReason, at: number): string {
  return DOC_HEAD + '-1,"x":' + JSON.stringify(reason) + ',"at":' + at + '}';
}

/** A document's head up to its version, `{"v":<n>,`: what the compare-and-set script compares. */
export function versionHead(version: number): string {
  return DOC_HEAD + version + ',';
}

/** Whether a stored value is a document of this layout (live or a tombstone). */
export function isDocument(value: string): boolean {
  return value.startsWith(DOC_HEAD);
}

/** The version at the head of a document, read without parsing the session. */
export function versionOf(doc: string): number {
  return Number(doc.slice(DOC_HEAD.length, doc.indexOf(',')));
}

/** Whether a stored document is a tombstone (its version is negative): one character, no parse. */
export function isTombstone(doc: string): boolean {
  return doc.charCodeAt(5) === MINUS && doc.startsWith(DOC_HEAD);
}

export function parseDocument(doc: string): SessionDocument {
  return JSON.parse(doc) as SessionDocument;
}

/**
 * The session's JSON as stored: every enumerable property (a Cookie class serialises through its
 * toJSON; the hidden base serialises to nothing), without an ended-session notice.
 */
export function sessionJson(session: object): string {
  if (!(ENDED_FIELD in session)) return JSON.stringify(session);
  const copy: SessionData = { ...(session as SessionData) };
  delete copy[ENDED_FIELD];
  return JSON.stringify(copy);
}

/**
 * The base a request read: the document's version, the expiry its cookie stated, the user id it held,
 * and the document itself (parsed again only when a write meets a newer version and must merge). It rides
 * inside the session object (express-session and @fastify/session copy every enumerable property of
 * what the store returns) but serialises to nothing, so it never shows in `JSON.stringify(req.session)`,
 * in express-session's change detection, or in the stored data.
 */
export class SessionBase {
  constructor(
    readonly v: number,
    /** Expiry (epoch ms) the cookie stated; 0 when none. A write that keeps it keeps the key's TTL (which a touch may have moved). */
    readonly e: number,
    /** The stored document this base was read from (or written as). */
    readonly doc: string,
    /** The user id the document held. */
    readonly uid: string | undefined,
  ) {}

  toJSON(): undefined {
    return undefined;
  }
}

export function readBase(session: object): SessionBase | undefined {
  const b = (session as Record<string, unknown>)[BASE_FIELD];
  if (b instanceof SessionBase) return b;
  // A structured clone keeps the data (own properties) but not the class.
  const o = b as Partial<Record<keyof SessionBase, unknown>> | undefined;
  if (!o || typeof o.v !== 'number' || typeof o.doc !== 'string') return undefined;
  const num = (x: unknown) => (typeof x === 'number' ? x : 0);
  return new SessionBase(o.v, num(o.e), o.doc, typeof o.uid === 'string' ? o.uid : undefined);
}

/** What `set` sends to a backend: the whole new document, to replace the version it was built on. */
export interface SessionWrite {
  now: number;
  /** Version of the document this write replaces; 0: the session must not exist yet (a create). */
  baseVersion: number;
  /** The new document (`encodeDocument`), version `baseVersion + 1`. */
  doc: string;
  expiresAt: number;
  /** The expiry is the one the base was read with: the key keeps its TTL, which a touch may have moved. */
  keepTtl: boolean;
}

export type WriteResult =
  | { status: 'ok' }
  /** The session has ended (a tombstone): the write is refused. */
  | { status: 'ended' }
  /** The document this write was built on is gone (the session expired meanwhile). */
  | { status: 'missing' }
  /** Another write came first: the stored document, to merge with. */
  | { status: 'conflict'; doc: string };

export type ReadResult =
  /** A live session's document. */
  | { kind: 'found'; doc: string }
  | { kind: 'missing' }
  /** Returned once per ended session for `duplicate-login`/`admin` so the app can tell the user why. */
  | { kind: 'ended'; reason: EndReason; at: number };
