/**
 * CPU (or memory, heap) spike root cause: spike windows against each instance's trailing baseline and
 * the route and user that explain most of the excess, from metric samples and raw transactions.
 */
import { z } from 'zod';
import { resourceSpikeFromStore } from '../../analysis/data-access.js';
import type { ResourceSpikeResult } from '../../analysis/rca/resource-spike.js';
import { addAnalysisEvidence, callOf, EvidenceLog, instanceSchema, ms, rangeSchema, storeOf } from './tool-support.js';
import { defineTool } from './tool-types.js';

export const rcaCpuTool = defineTool({
  name: 'rca_cpu',
  description:
    'Why CPU (or memory/heap) spiked: the spike window and the route and user that explain most of the excess',
  input: z
    .object({
      range: rangeSchema,
      metric: z.enum(['cpu', 'memory', 'heap']).optional(),
      instance: instanceSchema.optional(),
    })
    .strict(),
  async run(ctx, input) {
    const store = storeOf(ctx, 'rca_cpu');
    const metric = input.metric ?? 'cpu';
    const range = { from: ms(input.range.from), to: ms(input.range.to) };
    const log = new EvidenceLog('rca_cpu');
    const result: ResourceSpikeResult = await resourceSpikeFromStore(store, {
      metric,
      range,
      ...(input.instance ? { instance: input.instance } : {}),
    });
    const call = callOf('resourceSpikeFromStore', {
      metric,
      from: input.range.from,
      to: input.range.to,
      instance: input.instance,
    });
    addAnalysisEvidence(log, result.evidence, call, 'raw-transactions');
    const caveats = [
      'a cause is named only when it explains at least a quarter of the excess and runs at three times its usual rate',
    ];
    if (!result.found) caveats.push(result.reason);
    return { data: result, evidence: log.items, caveats };
  },
});
