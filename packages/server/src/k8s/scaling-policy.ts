/**
 * From a stated scaling rule ("above 1,000 users add 2 pods, below 500 go to 1") to an HPA policy on
 * the `concurrent_users` external metric. An HPA is proportional (desired = ⌈total ÷ target per pod⌉),
 * not a step rule, so the mapping is explicit and explained:
 * - minReplicas = the scale-down "to" (else 1); target per pod (AverageValue) = the scale-up threshold
 *   ÷ minReplicas, so the minimum fleet is exactly at target when CCU reaches the threshold;
 * - scale-up behaviour: at most `add` pods per 60 s (type Pods), no stabilisation (react at once);
 * - scale-down behaviour: a 300 s stabilisation window (the highest recommendation of the last
 *   5 min wins, which is the hysteresis the rule's gap between thresholds asks for) and at most
 *   `remove` pods per 60 s (or 100 % when the rule goes straight to a count).
 */
import type { ScalingRule } from '../ask/parse/index.js';
import { PromptOpsError } from '../errors/promptops-error.js';

export interface BehaviorPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: BehaviorPolicy[];
}

/** The HPA a rule maps to, with what the rule said kept beside it for the literal simulation. */
export interface ScalingPolicy {
  rule: ScalingRule;
  minReplicas: number;
  maxReplicas: number;
  /** AverageValue target: concurrent users per pod. */
  targetPerPod: number;
  scaleUp: ScalingRules;
  scaleDown: ScalingRules;
  /** One line per mapping decision, for answers and the CLI. */
  explanation: string[];
}

export interface PolicyOptions {
  /** Upper bound of pods; default from the observed peak (⌈peak × 1.2 ÷ target⌉), at least min + add. */
  maxReplicas?: number;
  /** Highest CCU in the history the policy will run on, to size maxReplicas. */
  observedPeak?: number;
}

export const DEFAULT_RULE = {
  scaleUp: { above: 1000, add: 2 },
  scaleDown: { below: 500, to: 1 },
} satisfies ScalingRule;

export function policyFromRule(rule: ScalingRule, options: PolicyOptions = {}): ScalingPolicy {
  const up = rule.scaleUp;
  const down = rule.scaleDown;
  if (!up && !down) throw new PromptOpsError('invalid_parameter', 'the rule has no scale-up or scale-down threshold');
  if (up && down && down.below > up.above)
    throw new PromptOpsError(
      'invalid_parameter',
      `the scale-down threshold (${down.below}) is above the scale-up threshold (${up.above}): the policy would flap`,
    );
  const minReplicas = Math.max(1, down?.to ?? 1);
  // Without an up threshold, the down threshold is where the minimum fleet is at target.
  const threshold = up?.above ?? (down as { below: number }).below;
  const targetPerPod = Math.max(1, Math.round(threshold / minReplicas));
  const step = up?.to !== undefined ? Math.max(1, up.to - minReplicas) : (up?.add ?? 1);
  const fromPeak = options.observedPeak ? Math.ceil((options.observedPeak * 1.2) / targetPerPod) : 0;
  const maxReplicas = options.maxReplicas ?? Math.max(minReplicas + step, up?.to ?? 0, fromPeak);
  const downPolicy: BehaviorPolicy =
    down?.remove !== undefined
      ? { type: 'Pods', value: down.remove, periodSeconds: 60 }
      : { type: 'Percent', value: 100, periodSeconds: 60 };
  const policy: ScalingPolicy = {
    rule,
    minReplicas,
    maxReplicas,
    targetPerPod,
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [{ type: 'Pods', value: step, periodSeconds: 60 }],
    },
    scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [downPolicy] },
    explanation: [],
  };
  if (policy.maxReplicas < minReplicas)
    throw new PromptOpsError(
      'invalid_parameter',
      `maxReplicas ${policy.maxReplicas} is below minReplicas ${minReplicas}`,
    );
  policy.explanation = explainPolicy(policy);
  return policy;
}

function explainPolicy(p: ScalingPolicy): string[] {
  const up = p.rule.scaleUp;
  const down = p.rule.scaleDown;
  const lines = [
    `HPA on external metric concurrent_users, target AverageValue ${p.targetPerPod} users per pod: desired pods = ⌈CCU ÷ ${p.targetPerPod}⌉, kept within ${p.minReplicas}..${p.maxReplicas} (the HPA ignores changes within ±10 %).`,
  ];
  if (up)
    lines.push(
      `Above ${up.above} users the ${p.minReplicas}-pod minimum is over target, so the HPA scales out; each minute it adds at most ${p.scaleUp.policies[0]?.value} pods (behavior.scaleUp: Pods ${p.scaleUp.policies[0]?.value} per 60 s, no stabilisation) — your "add ${up.add ?? up.to}" step.`,
    );
  if (down)
    lines.push(
      `Below ${down.below} users ⌈CCU ÷ ${p.targetPerPod}⌉ is ${Math.max(p.minReplicas, Math.ceil(down.below / p.targetPerPod))} pod(s); scale-in waits until the last 300 s of recommendations all agree (stabilizationWindowSeconds 300) and then ${p.scaleDown.policies[0]?.type === 'Percent' ? 'may go straight to the minimum' : `removes at most ${p.scaleDown.policies[0]?.value} pods per minute`}.`,
    );
  lines.push(
    'Not literal: an HPA is proportional, so between thresholds it follows CCU ÷ target instead of holding, and it adds pods in proportion to load rather than exactly "+2". The simulation shows both side by side.',
  );
  return lines;
}
