/**
 * When users come: recurring peak windows of the week, the busiest hours of the day, and weekdays
 * against weekends, from hourly CCU peaks in the deployment's time zone.
 */
import { z } from 'zod';
import { recurringPeakWindows, type PeakWindow } from '../../analysis/seasonality/peak-windows.js';
import { weekdayVsWeekend, type DayClassSummary } from '../../analysis/seasonality/weekday-weekend.js';
import { readSeries } from './read-series.js';
import {
  EvidenceLog,
  instanceSchema,
  modeCaveat,
  modeOf,
  modeSchema,
  ms,
  rangeSchema,
  zoneOffsetMinutes,
} from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface SeasonalityData {
  mode: string;
  tzOffsetMinutes: number;
  days: number;
  peakWindows: PeakWindow[];
  dailyPeakHours: { hour: number; weekdays: number }[];
  weekday: DayClassSummary;
  weekend: DayClassSummary;
  /** weekend / weekday mean daily peak. */
  peakRatio: number;
  evidenceId: string;
}

export const seasonalityTool = defineTool({
  name: 'seasonality',
  description: 'Recurring peak hours and days, and weekday versus weekend concurrent users, from hourly peaks',
  input: z.object({ range: rangeSchema, instance: instanceSchema.optional(), mode: modeSchema.optional() }).strict(),
  async run(ctx, input) {
    const log = new EvidenceLog('seasonality');
    const mode = modeOf(ctx, input.mode);
    const from = ms(input.range.from);
    const to = ms(input.range.to);
    const s = await readSeries(ctx, log, { metric: 'ccu', from, to, step: '1h', instance: input.instance, mode });
    const tzOffsetMinutes = zoneOffsetMinutes(ctx.timeZone, to);
    const caveats = [modeCaveat(mode)];
    const days = Math.round((to - from) / 86_400_000);
    const enough = s.points.length >= 24 * 7;
    if (!enough)
      caveats.push(
        `only ${Math.floor(s.points.length / 24)} days of hourly data: a recurring pattern needs two weeks or more`,
      );
    const peaks =
      s.points.length > 0 ? recurringPeakWindows(s.points, { tzOffsetMinutes, minWeeks: enough ? 2 : 1 }) : null;
    const ww = weekdayVsWeekend(s.points, { tzOffsetMinutes });
    if (ww.weekend.days === 0 || ww.weekday.days === 0) caveats.push('the period holds no weekend day or no weekday');
    return {
      data: {
        mode,
        tzOffsetMinutes,
        days,
        peakWindows: peaks?.windows ?? [],
        dailyPeakHours: peaks?.dailyPeakHours ?? [],
        weekday: ww.weekday,
        weekend: ww.weekend,
        peakRatio: ww.peakRatio,
        evidenceId: s.evidenceId,
      },
      evidence: log.items,
      caveats,
    };
  },
});
