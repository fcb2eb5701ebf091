/**
 * Which servers surged: each instance's CCU rise over the window against its own yesterday and last-week
 * curve, with the sketches' bands and its own noise, so ordinary morning ramps are not called surges.
 */
import { z } from 'zod';
import { surgeFromStore } from '../../analysis/data-access.js';
import type { SurgeResult } from '../../analysis/surge/instance-surge.js';
import {
  addAnalysisEvidence,
  callOf,
  EvidenceLog,
  modeCaveat,
  modeOf,
  ms,
  rangeSchema,
  storeOf,
} from './tool-support.js';
import { defineTool } from './tool-types.js';

const MAX_WINDOW_MS = 24 * 3_600_000;

export const surgesTool = defineTool({
  name: 'surges',
  description:
    "Servers whose concurrent users rose beyond their own seasonal expectation over a window ending at the range's end",
  input: z.object({ range: rangeSchema }).strict(),
  async run(ctx, input) {
    const store = storeOf(ctx, 'surges');
    const mode = modeOf(ctx, undefined);
    const to = Math.min(ms(input.range.to), ctx.now);
    const windowMs = Math.min(MAX_WINDOW_MS, Math.max(5 * 60_000, to - ms(input.range.from)));
    const log = new EvidenceLog('surges');
    const result: SurgeResult = await surgeFromStore(store, {
      now: to,
      windowMs,
      mode,
      precision: ctx.precision ?? 14,
    });
    addAnalysisEvidence(
      log,
      result.evidence,
      callOf('surgeFromStore', { now: new Date(to).toISOString(), windowMs, mode }),
      'history-rollups',
    );
    const caveats = [modeCaveat(mode)];
    if (ms(input.range.to) - ms(input.range.from) > MAX_WINDOW_MS)
      caveats.push('surges are measured over at most the last 24 h of the period');
    return { data: result, evidence: log.items, caveats };
  },
});
