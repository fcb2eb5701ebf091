/**
 * The read side of the REST API: concurrent users now or at an instant, time series by rollup step,
 * sessions, one user's requests and raw transactions. Parameters are validated at the edge (unknown
 * ones rejected); ranges and row counts are bounded so no request can ask for unbounded work.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { SERIES_METRICS } from '../../collector/collector-types.js';
import type { TransactionPage } from '../../collector/transaction-page.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { USER_KEY_MODES } from '../../model/transaction.js';
import { LEVEL_MS, ROLLUP_LEVELS, type RollupLevel } from '../../rollup/rollup-row.js';
import { MAX_QUERY_OFFSET } from '../../store/store.js';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';
import { parseQuery } from '../http/parse-query.js';
import { instantParam } from '../http/parse-time.js';
import { booleanParam, instanceParam, intParam, resolveRange } from '../http/query-params.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The finest step whose point count fits the limit: what a client that gives no step gets. */
function autoStep(spanMs: number, maxPoints: number): RollupLevel {
  return ROLLUP_LEVELS.find((l) => Math.ceil(spanMs / LEVEL_MS[l]) <= maxPoints) ?? '1h';
}

export function registerQueryRoutes(app: Hono, ctx: ApiContext): void {
  const instant = instantParam(ctx.now);
  const listLimit = intParam(1, ctx.limits.maxListRows);
  const pageOffset = intParam(0, MAX_QUERY_OFFSET);
  const defaultLimit = ctx.limits.defaultListRows;

  const ccuQuery = z.object({
    instance: instanceParam.optional(),
    at: instant.optional(),
    mode: z.enum(USER_KEY_MODES).optional(),
  });
  app.get('/api/v1/concurrent-users', async (c) => {
    const q = parseQuery(new URL(c.req.url), ccuQuery);
    return c.json(await ctx.collector.concurrentUsers(q));
  });

  const seriesQuery = z.object({
    metric: z.enum(SERIES_METRICS),
    from: instant.optional(),
    to: instant.optional(),
    step: z.enum(ROLLUP_LEVELS).optional(),
    instance: instanceParam.optional(),
    mode: z.enum(USER_KEY_MODES).optional(),
  });
  app.get('/api/v1/series', async (c) => {
    const q = parseQuery(new URL(c.req.url), seriesQuery);
    const range = resolveRange(q.from, q.to, ctx.now(), HOUR_MS);
    const span = range.to - range.from;
    const step = q.step ?? autoStep(span, ctx.limits.maxSeriesPoints);
    const points = Math.ceil(span / LEVEL_MS[step]);
    if (points > ctx.limits.maxSeriesPoints) {
      const coarser = ROLLUP_LEVELS.find((l) => Math.ceil(span / LEVEL_MS[l]) <= ctx.limits.maxSeriesPoints);
      throw new PromptOpsError(
        'range_too_large',
        `${iso(range.from)} to ${iso(range.to)} at step ${step} is ${points} points; at most ${ctx.limits.maxSeriesPoints} per request` +
          (coarser ? ` (use step=${coarser} or a shorter range)` : ' (use a shorter range)'),
        { details: { points, maxPoints: ctx.limits.maxSeriesPoints } },
      );
    }
    return c.json(await ctx.collector.series({ metric: q.metric, step, ...range, instance: q.instance, mode: q.mode }));
  });

  const sessionsQuery = z.object({
    from: instant.optional(),
    to: instant.optional(),
    instance: instanceParam.optional(),
    userId: z.string().min(1).max(1024).optional(),
    active: booleanParam.optional(),
    limit: listLimit.optional(),
  });
  app.get('/api/v1/sessions', async (c) => {
    const q = parseQuery(new URL(c.req.url), sessionsQuery);
    const range = resolveRange(q.from, q.to, ctx.now(), DAY_MS);
    const sessions = await ctx.collector.sessions({
      ...range,
      instance: q.instance,
      userId: q.userId,
      activeOnly: q.active,
      limit: q.limit ?? defaultLimit,
    });
    return c.json({ from: iso(range.from), to: iso(range.to), count: sessions.length, sessions });
  });

  const userRequestsQuery = z.object({
    from: instant.optional(),
    to: instant.optional(),
    limit: listLimit.optional(),
    offset: pageOffset.optional(),
  });
  app.get('/api/v1/users/:id/requests', async (c) => {
    const q = parseQuery(new URL(c.req.url), userRequestsQuery);
    const userId = c.req.param('id');
    const range = resolveRange(q.from, q.to, ctx.now(), DAY_MS);
    const page = await ctx.collector.transactionPage({
      ...range,
      userId,
      limit: q.limit ?? defaultLimit,
      offset: q.offset,
    });
    return c.json({
      userId,
      from: iso(range.from),
      to: iso(range.to),
      count: page.transactions.length,
      requests: page.transactions,
      ...pageFields(page),
    });
  });

  const transactionsQuery = z.object({
    from: instant.optional(),
    to: instant.optional(),
    instance: instanceParam.optional(),
    userId: z.string().min(1).max(1024).optional(),
    sessionId: z.string().min(1).max(1024).optional(),
    clientIp: z.string().min(1).max(64).optional(),
    urlPrefix: z.string().min(1).max(2048).optional(),
    minDurationMs: intParam(0, 86_400_000).optional(),
    errorsOnly: booleanParam.optional(),
    order: z.enum(['time', 'duration', 'bytes']).optional(),
    limit: listLimit.optional(),
    offset: pageOffset.optional(),
  });
  app.get('/api/v1/transactions', async (c) => {
    const { from, to, limit, ...filters } = parseQuery(new URL(c.req.url), transactionsQuery);
    const range = resolveRange(from, to, ctx.now(), HOUR_MS);
    const page = await ctx.collector.transactionPage({ ...range, ...filters, limit: limit ?? defaultLimit });
    // `count` is what this response holds; `matched` and `truncated` say whether the limit left rows out.
    return c.json({
      from: iso(range.from),
      to: iso(range.to),
      count: page.transactions.length,
      transactions: page.transactions,
      ...pageFields(page),
    });
  });

  for (const path of [
    '/api/v1/concurrent-users',
    '/api/v1/series',
    '/api/v1/sessions',
    '/api/v1/users/:id/requests',
    '/api/v1/transactions',
  ]) {
    guardMethods(app, path, ['GET', 'HEAD']);
  }
}

/**
 * The paging fields of a transactions answer: `matched` and `truncated` say whether rows were left
 * out; `nextOffset`, when they were, is the `offset` of the next page (pass the same `from` and `to`).
 */
function pageFields(page: TransactionPage): Record<string, unknown> {
  return {
    matched: page.matched,
    truncated: page.truncated,
    offset: page.offset,
    ...(page.nextOffset === undefined ? {} : { nextOffset: page.nextOffset }),
  };
}
