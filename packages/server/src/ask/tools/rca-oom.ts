/** Out-of-memory root cause: each OutOfMemoryError and the requests, SQL statements and sessions before it. */
import { z } from 'zod';
import { oomFromStore } from '../../analysis/data-access.js';
import type { OomResult } from '../../analysis/rca/oom-analysis.js';
import { addAnalysisEvidence, callOf, EvidenceLog, ms, rangeSchema, storeOf } from './tool-support.js';
import { defineTool } from './tool-types.js';

export const rcaOomTool = defineTool({
  name: 'rca_oom',
  description: 'Which requests and SQL statements preceded each OutOfMemoryError in a period',
  input: z.object({ range: rangeSchema }).strict(),
  async run(ctx, input) {
    const store = storeOf(ctx, 'rca_oom');
    const log = new EvidenceLog('rca_oom');
    const result: OomResult = await oomFromStore(store, { from: ms(input.range.from), to: ms(input.range.to) });
    const call = callOf('oomFromStore', { from: input.range.from, to: input.range.to });
    const evidence = result.found ? result.ooms.flatMap((o) => o.evidence) : result.evidence;
    addAnalysisEvidence(log, evidence, call, 'raw-transactions');
    const caveats = [
      'candidates come from transaction summaries (SQL row counts and durations where the agent reports them)',
    ];
    if (!result.found) caveats.push(result.reason);
    return { data: result, evidence: log.items, caveats };
  },
});
