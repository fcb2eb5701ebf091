/**
 * `scaling_policy`: a stated scaling rule turned into the HPA on `concurrent_users` (manifest object,
 * the mapping explained) and replayed over the last N days of hourly CCU against the rule as stated
 * and a CPU-based HPA: pods per hour, scaling events, pod-hours and warnings.
 */
import { z } from 'zod';
import { scalingRuleSchema } from '../parse/index.js';
import { hpaManifest, manifestOptions, type K8sObject } from '../../k8s/manifests.js';
import { historyRange } from '../../k8s/policy-history.js';
import { policyFromRule, type ScalingPolicy } from '../../k8s/scaling-policy.js';
import { simulatePolicy, type SimulationResult } from '../../k8s/simulate-policy.js';
import { readSeries } from './read-series.js';
import { EvidenceLog, modeCaveat, modeOf, modeSchema } from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface ScalingPolicyData {
  policy: ScalingPolicy;
  hpa: K8sObject;
  simulation: SimulationResult;
  days: number;
  servers: number;
}

export const scalingPolicyTool = defineTool({
  name: 'scaling_policy',
  description:
    'HPA manifest for a concurrent-users scaling rule, with the mapping explained and a simulation over the last days of hourly CCU (pods, scaling events, pod-hours vs a CPU policy, warnings)',
  input: z
    .object({
      rule: scalingRuleSchema,
      days: z.number().int().min(1).max(400).default(30),
      maxReplicas: z.number().int().min(1).max(10_000).optional(),
      mode: modeSchema.optional(),
    })
    .strict(),
  async run(ctx, input) {
    const log = new EvidenceLog('scaling_policy');
    const mode = modeOf(ctx, input.mode);
    const { from, to } = historyRange(ctx.now, input.days);
    const ccu = await readSeries(ctx, log, { metric: 'ccu', from, to, step: '1h', mode });
    const cpu = await readSeries(ctx, log, { metric: 'cpu', from, to, step: '1h' });
    const live = ctx.collector.liveSnapshot();
    const servers = Math.max(1, live.instances.length);
    const peak = Math.max(0, ...ccu.points.map((p) => p.value));
    const policy = policyFromRule(input.rule, { observedPeak: peak, maxReplicas: input.maxReplicas });
    const simulation = simulatePolicy({ policy, ccu: ccu.points, cpu: cpu.points, servers });
    const hpa = hpaManifest(manifestOptions({ policy, modes: mode }));
    return {
      data: { policy, hpa, simulation, days: input.days, servers },
      evidence: log.items,
      caveats: [
        modeCaveat(mode),
        'simulated on hourly peaks: sized for each hour’s peak, minute-level behaviour (60 s policies, 300 s stabilisation) is inside the hour',
        ...(simulation.cpuModel.basis === 'assumption' ? [simulation.cpuModel.description] : []),
      ],
    };
  },
});
