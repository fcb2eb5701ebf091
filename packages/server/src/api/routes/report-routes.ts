/**
 * `GET /api/v1/reports/{weekly|monthly|sla}?format=html|pdf|xlsx|csv|json[&from=&to=&lang=ko|en]`:
 * a report of the collector's data with the right Content-Type and Content-Disposition (HTML shown
 * inline, the other formats as a download). Reports are heavy (PDF starts a browser), so only a few
 * are built at once; more answer 429.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { buildReport } from '../../report/build-report.js';
import type { ReportCapacityConfig, ReportCollector } from '../../report/model/report-context.js';
import { DEFAULT_REPORT_TIME_ZONE } from '../../report/model/report-context.js';
import { REPORT_FORMATS, REPORT_KINDS, REPORT_LANGS } from '../../report/report-types.js';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';
import { parseQuery } from '../http/parse-query.js';
import { instantParam } from '../http/parse-time.js';

export interface ReportRouteOptions {
  /** IANA zone whose calendar defines "last week" and "last month"; default Asia/Seoul. */
  timeZone?: string;
  /** Reports built at once; default 2. */
  maxConcurrent?: number;
  /** Capacity planning inputs; CCU per server is learnt from history when absent. */
  capacity?: ReportCapacityConfig;
}

export function registerReportRoutes(app: Hono, ctx: ApiContext, options: ReportRouteOptions = {}): void {
  const instant = instantParam(ctx.now);
  const query = z.object({
    format: z.enum(REPORT_FORMATS).optional(),
    lang: z.enum(REPORT_LANGS).optional(),
    from: instant.optional(),
    to: instant.optional(),
  });
  const maxConcurrent = options.maxConcurrent ?? 2;
  let running = 0;
  app.get('/api/v1/reports/:kind', async (c) => {
    const kind = z.enum(REPORT_KINDS).safeParse(c.req.param('kind'));
    if (!kind.success)
      throw new PromptOpsError('not_found', `no report '${c.req.param('kind')}'; reports: ${REPORT_KINDS.join(', ')}`);
    const q = parseQuery(new URL(c.req.url), query);
    if (running >= maxConcurrent)
      throw new PromptOpsError('rate_limited', `${running} reports are being built; retry shortly`);
    running++;
    try {
      const live = ctx.collector.liveSnapshot();
      // The embedded collector also exposes its store (latency histograms, every instance that reported).
      const collector: ReportCollector = ctx.collector;
      const report = await buildReport(
        kind.data,
        { format: q.format ?? 'html', lang: q.lang ?? 'ko', from: q.from, to: q.to },
        {
          collector,
          now: ctx.now(),
          timeZone: options.timeZone ?? DEFAULT_REPORT_TIME_ZONE,
          windowSeconds: live.windowSeconds,
          modes: live.modes,
          ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
        },
      );
      const disposition = report.format === 'html' || report.format === 'json' ? 'inline' : 'attachment';
      return c.body(new Uint8Array(report.body), 200, {
        'Content-Type': report.contentType,
        'Content-Disposition': `${disposition}; filename="${report.filename}"`,
        'Cache-Control': 'no-store',
      });
    } finally {
      running--;
    }
  });
  guardMethods(app, '/api/v1/reports/:kind', ['GET', 'HEAD']);
}
