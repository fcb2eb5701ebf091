/**
 * Capacity recommendation: given the servers, the CCU one server can carry (configured or learnt), the
 * target utilisation and a headroom, decide scale-out, hold or scale-in for the planned peak (the higher of
 * the observed peak and the forecast's point peak by default), with the numbers behind it, what would
 * change the answer, and the servers the forecast's upper bound would need as a separate risk line:
 * sizing on the upper bound of a wide interval buys servers for an outcome the model itself calls
 * unlikely. `whatIfRemoveServers` answers "what if we remove one server?".
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { Estimate } from '../compare/measured-change.js';
import type { Evidence } from '../evidence.js';

export interface CapacityInput {
  servers: number;
  /** CCU one server can carry before degrading. */
  capacityPerServer: number;
  /** Share of capacity to run at, at peak (default 0.7). */
  targetUtilisation?: number;
  /** Extra margin on top of the planned peak (default 0.2 = 20 %). */
  headroom?: number;
  currentPeak: Estimate;
  forecastPeak?: Estimate;
  /** Plan on the forecast's point value ('value', default) or its upper bound ('high'). */
  planOn?: 'high' | 'value';
  /** Evidence of the inputs (series, forecast, knee), carried into the answer. */
  evidence?: Evidence[];
}

export type CapacityAction = 'scale_out' | 'hold' | 'scale_in';

export interface CapacityRecommendation {
  action: CapacityAction;
  servers: number;
  serversNeeded: number;
  /** Servers to add (+) or remove (−). */
  delta: number;
  plannedPeak: number;
  /** plannedPeak × (1 + headroom). */
  requiredCapacity: number;
  /** servers × capacityPerServer × targetUtilisation. */
  usableCapacity: number;
  /** usableCapacity − requiredCapacity (negative: short by that many CCU). */
  margin: number;
  marginRatio: number;
  /** plannedPeak / (servers × capacityPerServer). */
  utilisationAtPeak: number;
  /** What would change the answer. */
  thresholds: {
    /** A planned peak above this needs more servers than we have. */
    scaleOutAbovePeak: number;
    /** A planned peak below this fits on one server fewer (null with one server). */
    scaleInBelowPeak: number | null;
    /** With less capacity per server than this, the current servers are not enough. */
    minCapacityPerServer: number;
  };
  /**
   * The risk line: what the forecast's upper bound would need, when it is above the planned peak
   * (absent when planning on the upper bound already, or without a forecast interval).
   */
  ifUpperBound?: { peak: number; serversNeeded: number; delta: number };
  /** One line saying what the plan was computed from. */
  basis: string;
  evidence: Evidence[];
}

export function recommendCapacity(input: CapacityInput): CapacityRecommendation {
  const target = input.targetUtilisation ?? 0.7;
  const headroom = input.headroom ?? 0.2;
  const problems = [
    !(Number.isInteger(input.servers) && input.servers >= 1) &&
      `servers must be a whole number ≥ 1 (got ${input.servers})`,
    !(input.capacityPerServer > 0) && `capacityPerServer must be > 0 (got ${input.capacityPerServer})`,
    !(target > 0 && target <= 1) && `targetUtilisation must be in (0, 1] (got ${target})`,
    !(headroom >= 0) && `headroom must be ≥ 0 (got ${headroom})`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length) throw new PromptOpsError('invalid_parameter', `capacity: ${problems.join('; ')}`);
  const fc = input.forecastPeak;
  const planOn = input.planOn ?? 'value';
  const forecastPlan = fc ? (planOn === 'high' ? (fc.high ?? fc.value) : fc.value) : 0;
  const plannedPeak = Math.max(input.currentPeak.high ?? input.currentPeak.value, forecastPlan);
  const perServer = input.capacityPerServer * target;
  const needed = (peak: number): number => Math.max(1, Math.ceil((peak * (1 + headroom)) / perServer - 1e-9));
  const requiredCapacity = plannedPeak * (1 + headroom);
  const serversNeeded = needed(plannedPeak);
  const upper = fc?.high;
  const action: CapacityAction =
    serversNeeded > input.servers ? 'scale_out' : serversNeeded < input.servers ? 'scale_in' : 'hold';
  const usableCapacity = input.servers * perServer;
  const margin = usableCapacity - requiredCapacity;
  return {
    action,
    servers: input.servers,
    serversNeeded,
    delta: serversNeeded - input.servers,
    plannedPeak,
    requiredCapacity,
    usableCapacity,
    margin,
    marginRatio: usableCapacity > 0 ? margin / usableCapacity : Number.NaN,
    utilisationAtPeak: plannedPeak / (input.servers * input.capacityPerServer),
    thresholds: {
      scaleOutAbovePeak: usableCapacity / (1 + headroom),
      scaleInBelowPeak: input.servers > 1 ? ((input.servers - 1) * perServer) / (1 + headroom) : null,
      minCapacityPerServer: requiredCapacity / (input.servers * target),
    },
    ...(upper !== undefined && upper > plannedPeak
      ? { ifUpperBound: { peak: upper, serversNeeded: needed(upper), delta: needed(upper) - input.servers } }
      : {}),
    basis: `peak ${plannedPeak.toFixed(0)} CCU (${fc ? `higher of the current peak and the forecast ${planOn === 'high' ? 'upper bound' : 'point'}` : 'current peak, no forecast'}) × (1 + ${headroom}) headroom, over ${input.capacityPerServer} CCU/server at ${target} target utilisation`,
    evidence: input.evidence ?? [],
  };
}

export interface WhatIf {
  removed: number;
  recommendation: CapacityRecommendation;
  /** True when the remaining servers still carry the planned peak within target and headroom. */
  stillFits: boolean;
}

export function whatIfRemoveServers(input: CapacityInput, removed = 1): WhatIf {
  const servers = Math.max(1, input.servers - removed);
  const recommendation = recommendCapacity({ ...input, servers });
  return { removed: input.servers - servers, recommendation, stillFits: recommendation.margin >= 0 };
}
