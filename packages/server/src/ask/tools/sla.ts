/** Availability against the SLA objective per day, and the error budget of the period, from hourly counts. */
import { z } from 'zod';
import { parseSlaObjectives } from '../../analysis/sla/sla-objectives.js';
import { slaCompliance, type SlaReport } from '../../analysis/sla/sla-compliance.js';
import { readSeries } from './read-series.js';
import { EvidenceLog, instanceSchema, ms, rangeSchema, zoneOffsetMinutes } from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface SlaData {
  availabilityTarget: number;
  requests: number;
  errors: number;
  availability: number | null;
  periods: SlaReport['periods'];
  budgets: SlaReport['budgets'];
}

export const slaTool = defineTool({
  name: 'sla',
  description: 'Availability per day against the SLA objective (99.9 % by default) and the error budget used',
  input: z
    .object({
      range: rangeSchema,
      instance: instanceSchema.optional(),
      availability: z.number().gt(0).lt(1).optional(),
    })
    .strict(),
  async run(ctx, input) {
    const log = new EvidenceLog('sla');
    const from = ms(input.range.from);
    const to = ms(input.range.to);
    const tx = await readSeries(ctx, log, { metric: 'transactions', from, to, step: '1h', instance: input.instance });
    const er = await readSeries(ctx, log, { metric: 'errors', from, to, step: '1h', instance: input.instance });
    const errorsAt = new Map(er.points.map((p) => [p.t, p.value]));
    const buckets = tx.points.map((p) => ({ t: p.t, requests: p.value, errors: errorsAt.get(p.t) ?? 0 }));
    const objectives = parseSlaObjectives(input.availability === undefined ? {} : { availability: input.availability });
    const report = slaCompliance(buckets, objectives, {
      period: 'day',
      tzOffsetMinutes: zoneOffsetMinutes(ctx.timeZone, to),
    });
    const requests = buckets.reduce((s, b) => s + b.requests, 0);
    const errors = buckets.reduce((s, b) => s + b.errors, 0);
    const caveats = [
      'availability = share of requests that did not fail (status ≥ 500 or span error); latency objective not evaluated here',
    ];
    if (requests === 0) caveats.push('no requests stored in this period');
    return {
      data: {
        availabilityTarget: objectives.availability,
        requests,
        errors,
        availability: requests > 0 ? 1 - errors / requests : null,
        periods: report.periods,
        budgets: report.budgets.filter((b) => b.objective === 'availability'),
      },
      evidence: log.items,
      caveats,
    };
  },
});
