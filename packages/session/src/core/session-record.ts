/**
 * What a backend stores per session and how a session object maps to it. A session is kept as one
 * JSON value per top-level field (`f:userId`, `f:cart`, …) so a write can change only the fields
 * a request changed: a slow request that never touched `userId` cannot restore it after a parallel
 * logout removed it. The cookie is kept as one JSON value per cookie property (`c:expires`, `c:path`,
 * …): its JSON as a whole is longer than Redis' `hash-max-listpack-value` (64), which would turn every
 * session hash into a hashtable (2.4x the memory, slower HGETALL); its parts are short.
 */

/** Hidden field carried inside the session object between `get` and `set`: the base the request read. */
export const BASE_FIELD = '__po';

/** Field an ended session carries on the one request that is told why it ended. */
export const ENDED_FIELD = 'sessionEnded';

export type SessionData = Record<string, unknown>;

/** Why a session was ended; kept in a tombstone so a late write cannot bring it back. */
export type EndReason = 'logout' | 'duplicate-login' | 'admin';

/** Stored-field prefixes: `f:<name>` holds a top-level field, `c:<name>` one property of the cookie. */
const FIELD = 'f:';
const COOKIE_PART = 'c:';
const F_CHAR = 0x66; // 'f'
const C_CHAR = 0x63; // 'c'
const COLON = 0x3a;

/** The stored name of a top-level session field. */
export function storedName(field: string): string {
  return FIELD + field;
}

export interface StoredSession {
  /** Stored field name (`f:<field>` or `c:<cookie property>`) → JSON text. */
  fields: Record<string, string>;
  /**
   * Instead of `fields` (then empty): the stored hash as Redis' HGETALL returns it, `[name, text, …]`,
   * metadata (`_…`) included and skipped. Read as it comes: no object keyed by stored names per read.
   */
  flat?: readonly string[];
  version: number;
  /** Epoch ms; 0 when the backend does not report it on reads. */
  createdAt: number;
  expiresAt: number;
  userId?: string;
}

/** `fields` of a StoredSession that carries `flat`. */
export const NO_FIELDS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The base a request read: the version, the expiry and each field's JSON text as stored. It rides inside the
 * session object (express-session and @fastify/session copy every enumerable property of what the
 * store returns) but serialises to nothing, so it never shows in `JSON.stringify(req.session)`, in
 * express-session's change detection, or in the stored data.
 */
export class SessionBase {
  /** Stored name → JSON text, built from `flat` on first use (a request that only reads never needs it). */
  private fields: Readonly<Record<string, string>> | undefined;
  private readonly flat: readonly string[] | undefined;

  constructor(
    readonly v: number,
    source: Readonly<Record<string, string>> | readonly string[],
    /** Expiry (epoch ms) as stored; 0 when unknown. A write that keeps it need not send it again. */
    readonly e = 0,
  ) {
    if (Array.isArray(source)) this.flat = source as readonly string[];
    else this.fields = source as Readonly<Record<string, string>>;
  }

  /** Stored field name → JSON text as read. */
  get raw(): Readonly<Record<string, string>> {
    if (!this.fields) {
      const out: Record<string, string> = {};
      const flat = this.flat ?? [];
      for (let i = 0; i < flat.length; i += 2) if (isSessionField(flat[i])) out[flat[i]] = flat[i + 1];
      this.fields = out;
    }
    return this.fields;
  }

  toJSON(): undefined {
    return undefined;
  }
}

/** What `set` sends to a backend: only the changed fields. */
export interface SessionWrite {
  now: number;
  baseVersion: number;
  expiresAt: number;
  /** The expiry the base was read with (0 when unknown): when equal to `expiresAt`, it is not re-sent. */
  baseExpiresAt: number;
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

/** Session object → stored name → JSON text: one per top-level field, one per cookie property (the hidden base excluded). */
export function toFields(session: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(session)) {
    if (key === BASE_FIELD || key === ENDED_FIELD) continue;
    const value = (session as Record<string, unknown>)[key];
    if (key === 'cookie' && splitCookie(value, out)) continue;
    const json = JSON.stringify(value);
    if (json !== undefined) out[FIELD + key] = json;
  }
  return out;
}

/** Writes a cookie object's properties as `c:<name>` entries; false when it is not a non-empty object. */
function splitCookie(value: unknown, out: Record<string, string>): boolean {
  if (value === null || typeof value !== 'object') return false;
  // express-session's and @fastify/session's Cookie classes serialise through toJSON.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  const plain: unknown = typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) return false;
  let parts = 0;
  for (const k of Object.keys(plain)) {
    const json = JSON.stringify((plain as Record<string, unknown>)[k]);
    if (json === undefined) continue;
    out[COOKIE_PART + k] = json;
    parts++;
  }
  return parts > 0;
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

/**
 * Stored fields → session object with the hidden base attached. Sessions written before the cookie was
 * split keep it as one `f:cookie` value; it is read as is and split on the next write.
 */
export function fromStored(stored: StoredSession): SessionData {
  if (stored.flat) return fromFlat(stored.flat, stored.version, stored.expiresAt);
  return fromFields(stored.fields, stored.version, stored.expiresAt);
}

/** Stored name → its JSON-quoted plain name (`f:userId` → `"userId"`); the few names in use, cached. */
const quotedNames = new Map<string, string>();
const QUOTED_NAMES_MAX = 4096;

function quotedName(stored: string): string {
  let q = quotedNames.get(stored);
  if (q === undefined) {
    q = JSON.stringify(stored.slice(2));
    if (quotedNames.size < QUOTED_NAMES_MAX) quotedNames.set(stored, q);
  }
  return q;
}

/**
 * The flat HGETALL reply → session object. The stored values are JSON texts, so the session is
 * assembled as one JSON document (`{"userId":…,"cookie":{"path":…}}`) and parsed once, as
 * connect-redis parses its one string: V8's JSON parser builds the object and its keys far cheaper
 * than a parse and a keyed store per field. A value that is not valid JSON makes the whole parse fail;
 * the per-field path then reports it as before.
 */
function fromFlat(flat: readonly string[], version: number, expiresAt: number): SessionData {
  let doc = '';
  let cookie = '';
  for (let i = 0; i < flat.length; i += 2) {
    const k = flat[i];
    if (k.charCodeAt(1) !== COLON) continue; // metadata (`_v`, `_e`, …)
    const c0 = k.charCodeAt(0);
    if (c0 === F_CHAR) doc += (doc === '' ? '' : ',') + quotedName(k) + ':' + flat[i + 1];
    else if (c0 === C_CHAR) cookie += (cookie === '' ? '' : ',') + quotedName(k) + ':' + flat[i + 1];
  }
  // Last key wins in JSON.parse: the per-property cookie overrides a previous layout's `f:cookie`.
  if (cookie !== '') doc += (doc === '' ? '' : ',') + '"cookie":{' + cookie + '}';
  let out: SessionData;
  try {
    out = JSON.parse('{' + doc + '}') as SessionData;
  } catch {
    return fromFields(new SessionBase(version, flat).raw, version, expiresAt);
  }
  out[BASE_FIELD] = new SessionBase(version, flat, expiresAt);
  return out;
}

function fromFields(fields: Readonly<Record<string, string>>, version: number, expiresAt: number): SessionData {
  const out: SessionData = {};
  let cookie: Record<string, unknown> | undefined;
  for (const k in fields) {
    const value = JSON.parse(fields[k]) as unknown;
    // `c:`/`f:` by their first character and the colon: no startsWith per field.
    const c0 = k.charCodeAt(0);
    if (k.charCodeAt(1) !== COLON) out[k] = value;
    else if (c0 === C_CHAR) (cookie ??= {})[k.slice(2)] = value;
    else out[c0 === F_CHAR ? k.slice(2) : k] = value;
  }
  if (cookie) out.cookie = cookie;
  out[BASE_FIELD] = new SessionBase(version, fields, expiresAt);
  return out;
}

/** Whether a stored field name is session data (as opposed to a backend's own metadata). */
export function isSessionField(name: string): boolean {
  const c0 = name.charCodeAt(0);
  return (c0 === F_CHAR || c0 === C_CHAR) && name.charCodeAt(1) === COLON;
}

export function readBase(session: object): SessionBase | undefined {
  const b = (session as Record<string, unknown>)[BASE_FIELD];
  if (b instanceof SessionBase) return b;
  // A structured clone keeps the data (own properties) but not the class.
  const o = b as { v?: unknown; fields?: unknown; flat?: unknown; raw?: unknown; e?: unknown } | undefined;
  if (!o || typeof o.v !== 'number') return undefined;
  const e = typeof o.e === 'number' ? o.e : 0;
  if (o.fields && typeof o.fields === 'object') return new SessionBase(o.v, o.fields as Record<string, string>, e);
  if (Array.isArray(o.flat)) return new SessionBase(o.v, o.flat as string[], e);
  if (o.raw && typeof o.raw === 'object') return new SessionBase(o.v, o.raw as Record<string, string>, e);
  return undefined;
}
