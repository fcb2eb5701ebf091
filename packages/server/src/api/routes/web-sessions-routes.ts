/**
 * The dashboard's sessions view, masked: `GET /api/v1/web/sessions?view=active|longest` lists
 * logged-in users' sessions and `GET /api/v1/web/users/{ref}/requests` one user's requests, with
 * personal data (e-mails, phone numbers, client addresses…) masked before it reaches the browser.
 * Because a masked user id cannot be looked up again, each row carries `userRef`: the id sealed with
 * AES-GCM under a key that lives only in this process, so the page can ask for a user's requests
 * without ever holding the id itself (and a ref from another server or a guess is simply 404).
 */
import crypto from 'node:crypto';
import type { Hono } from 'hono';
import { z } from 'zod';
import { maskStructured } from '../../ask/mask/index.js';
import type { MaskOptions } from '../../ask/mask/index.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { Transaction } from '../../model/transaction.js';
import type { SessionSummary } from '../../store/store.js';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';
import { parseQuery } from '../http/parse-query.js';
import { instantParam } from '../http/parse-time.js';
import { intParam, resolveRange } from '../http/query-params.js';

const DAY_MS = 86_400_000;
/** Client addresses are personal data once shown on a screen others can see; the API keeps them raw. */
const WEB_MASK: MaskOptions = { level: 'partial', ip: true };
/** Sessions read to rank the longest: enough for a busy day's logged-in users, bounded per request. */
const SCAN_LIMIT = 5_000;

/** Seals and opens user refs with a per-process key. */
export class UserRefCipher {
  private readonly key = crypto.randomBytes(32);

  seal(userId: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(userId, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The user id, or undefined for a ref this process did not make. */
  open(ref: string): string | undefined {
    const raw = Buffer.from(ref, 'base64url');
    if (raw.length < 29) return undefined;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

interface WebSession {
  sessionId: string;
  instance: string;
  user: string | null;
  userRef: string | null;
  clientIp: string | null;
  userAgent: string | null;
  firstSeen: string;
  lastSeen: string;
  durationSeconds: number;
  transactions: number;
  state: SessionSummary['state'];
}

function webSession(s: SessionSummary, refs: UserRefCipher): WebSession {
  return {
    sessionId: s.sessionId,
    instance: s.instance,
    user: s.userId,
    userRef: s.userId === null ? null : refs.seal(s.userId),
    clientIp: s.clientIp,
    userAgent: s.userAgent,
    firstSeen: new Date(s.firstSeen).toISOString(),
    lastSeen: new Date(s.lastSeen).toISOString(),
    durationSeconds: Math.round((s.lastSeen - s.firstSeen) / 1000),
    transactions: s.transactions,
    state: s.state,
  };
}

/** Masks the displayed strings; the ref is opaque ciphertext and is left as it is. */
function maskSession(s: WebSession): WebSession {
  const { userRef, ...rest } = s;
  return { ...maskStructured(rest, WEB_MASK).value, userRef };
}

function webRequest(t: Transaction) {
  return {
    time: new Date(t.time).toISOString(),
    method: t.method,
    url: t.url,
    route: t.route ?? null,
    status: t.status,
    durationMs: t.durationMs,
    instance: t.instance,
    clientIp: t.clientIp ?? null,
  };
}

export function registerWebSessionsRoutes(app: Hono, ctx: ApiContext): void {
  const refs = new UserRefCipher();
  const instant = instantParam(ctx.now);

  const sessionsQuery = z.object({
    view: z.enum(['active', 'longest']).optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: intParam(1, 500).optional(),
  });
  app.get('/api/v1/web/sessions', async (c) => {
    const q = parseQuery(new URL(c.req.url), sessionsQuery);
    const view = q.view ?? 'active';
    const limit = q.limit ?? 50;
    const range = resolveRange(q.from, q.to, ctx.now(), DAY_MS);
    const all = await ctx.collector.sessions({ ...range, activeOnly: view === 'active', limit: SCAN_LIMIT });
    // "Logged-in users" are sessions with an authenticated id; anonymous ones are counted, not listed.
    const loggedIn = all.filter((s) => s.userId !== null);
    const ranked =
      view === 'longest'
        ? loggedIn.sort((a, b) => b.lastSeen - b.firstSeen - (a.lastSeen - a.firstSeen))
        : loggedIn.sort((a, b) => b.lastSeen - a.lastSeen);
    return c.json({
      view,
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      scanned: all.length,
      truncated: all.length >= SCAN_LIMIT,
      loggedInUsers: new Set(loggedIn.map((s) => s.userId)).size,
      anonymousSessions: all.length - loggedIn.length,
      masked: true,
      sessions: ranked.slice(0, limit).map((s) => maskSession(webSession(s, refs))),
    });
  });
  guardMethods(app, '/api/v1/web/sessions', ['GET', 'HEAD']);

  const requestsQuery = z.object({
    from: instant.optional(),
    to: instant.optional(),
    limit: intParam(1, 1000).optional(),
  });
  app.get('/api/v1/web/users/:ref/requests', async (c) => {
    const q = parseQuery(new URL(c.req.url), requestsQuery);
    const userId = refs.open(c.req.param('ref'));
    if (userId === undefined)
      throw new PromptOpsError(
        'not_found',
        'unknown user reference (refs are valid on the server that issued them until it restarts)',
      );
    const range = resolveRange(q.from, q.to, ctx.now(), DAY_MS);
    const requests = await ctx.collector.userRequests(userId, { ...range, limit: q.limit ?? 100 });
    const { value: user } = maskStructured(userId, WEB_MASK);
    return c.json({
      user,
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      count: requests.length,
      masked: true,
      requests: maskStructured(requests.map(webRequest), WEB_MASK).value,
    });
  });
  guardMethods(app, '/api/v1/web/users/:ref/requests', ['GET', 'HEAD']);
}
