/**
 * Replays a scaling policy over hourly CCU history: the pods an HPA with this policy would have run
 * each hour, the literal step rule as stated, and a CPU-based HPA for comparison (CPU modelled as
 * proportional to CCU per pod, the factor read from the history's cpu metric or stated as an
 * assumption), with pod-hours, scaling events and warnings (bounds hit, flapping, a threshold never
 * reached, the stuck `Value` target). Hourly peaks drive it, so it sizes for each hour's peak and
 * cannot show minute-level behaviour (the 60 s policies and 300 s stabilisation act inside an hour).
 */
import type { ScalingPolicy } from './scaling-policy.js';

export interface HourlyPoint {
  /** Bucket start, epoch ms. */
  t: number;
  value: number;
}

export interface SimulationInput {
  policy: ScalingPolicy;
  /** Hourly CCU peaks, oldest first. */
  ccu: readonly HourlyPoint[];
  /** Hourly CPU (0..1, average over instances) for the CPU model; absent: stated assumption. */
  cpu?: readonly HourlyPoint[];
  /** Servers that produced the CPU figures (instances reporting); default 1. */
  servers?: number;
  /** CPU utilisation target of the comparison HPA; default 0.7. */
  cpuTarget?: number;
}

export interface SimulatedHour {
  /** Bucket start, epoch ms. */
  t: number;
  ccu: number;
  /** The HPA of the policy. */
  hpa: number;
  /** The rule as stated, evaluated once an hour. */
  literal: number;
  /** CPU-based HPA. */
  cpu: number;
}

export interface StrategySummary {
  podHours: number;
  scaleEvents: number;
  minPods: number;
  maxPods: number;
  hoursAtMax: number;
  /** Direction reversals within 3 h of the previous change. */
  flaps: number;
}

export interface SimulationResult {
  hours: SimulatedHour[];
  hpa: StrategySummary;
  literal: StrategySummary;
  cpu: StrategySummary;
  cpuModel: { cpuPerUserPerPod: number; basis: 'history' | 'assumption'; description: string };
  warnings: string[];
}

const TOLERANCE = 0.1;

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** One HPA step (the controller's formula): ratio = current ÷ target; inside tolerance keep. */
function hpaStep(pods: number, ratio: number, min: number, max: number): number {
  if (Math.abs(ratio - 1) <= TOLERANCE) return pods;
  return clamp(Math.ceil(pods * ratio), min, max);
}

function summarise(series: number[], max: number): StrategySummary {
  let events = 0;
  let flaps = 0;
  let lastDir = 0;
  let lastChange = -Infinity;
  for (let i = 1; i < series.length; i++) {
    const d = Math.sign((series[i] as number) - (series[i - 1] as number));
    if (d === 0) continue;
    events++;
    if (lastDir !== 0 && d !== lastDir && i - lastChange <= 3) flaps++;
    lastDir = d;
    lastChange = i;
  }
  return {
    podHours: series.reduce((a, b) => a + b, 0),
    scaleEvents: events,
    minPods: series.length ? Math.min(...series) : 0,
    maxPods: series.length ? Math.max(...series) : 0,
    hoursAtMax: series.filter((p) => p >= max).length,
    flaps,
  };
}

export function simulatePolicy(input: SimulationInput): SimulationResult {
  const { policy } = input;
  const { minReplicas: min, maxReplicas: max, targetPerPod: target } = policy;
  const cpuTarget = input.cpuTarget ?? 0.7;
  const servers = Math.max(1, input.servers ?? 1);
  const ccuAt = new Map(input.ccu.map((p) => [p.t, p.value]));
  const ratios = (input.cpu ?? [])
    .filter((c) => (ccuAt.get(c.t) ?? 0) > 0 && c.value > 0)
    .map((c) => c.value / ((ccuAt.get(c.t) as number) / servers));
  const k = median(ratios);
  const cpuModel: SimulationResult['cpuModel'] =
    k !== undefined && ratios.length >= 24
      ? {
          cpuPerUserPerPod: k,
          basis: 'history',
          description: `CPU per pod = ${k.toExponential(2)} × CCU per pod (median over ${ratios.length} hours of cpu ÷ (CCU ÷ ${servers} servers)); a CPU HPA at ${Math.round(cpuTarget * 100)} % then wants ⌈CCU × ${k.toExponential(2)} ÷ ${cpuTarget}⌉ pods`,
        }
      : {
          cpuPerUserPerPod: cpuTarget / target,
          basis: 'assumption',
          description: `no CPU history: assumed a pod reaches the ${Math.round(cpuTarget * 100)} % CPU target at ${target} users (so the CPU policy equals the CCU one)`,
        };
  const hours: SimulatedHour[] = [];
  let hpa = min;
  let literal = min;
  let cpu = min;
  let valuePods = min;
  let valueStuckHours = 0;
  let belowHours = 0;
  const up = policy.rule.scaleUp;
  const down = policy.rule.scaleDown;
  for (const p of input.ccu) {
    hpa = hpaStep(hpa, p.value / (hpa * target), min, max);
    const cpuPerPod = (cpuModel.cpuPerUserPerPod * p.value) / cpu;
    cpu = hpaStep(cpu, cpuPerPod / cpuTarget, min, max);
    if (up && p.value > up.above) literal = clamp(up.to ?? literal + (up.add ?? 1), min, max);
    else if (down && p.value < down.below) literal = clamp(down.to ?? literal - (down.remove ?? 1), min, max);
    // The same threshold written as a `Value` target: ratio = total ÷ threshold, independent of pods.
    const valueTarget = up?.above ?? target;
    valuePods = hpaStep(valuePods, p.value / valueTarget, min, max);
    if (down && p.value < down.below) {
      belowHours++;
      if (valuePods > min) valueStuckHours++;
    }
    hours.push({ t: p.t, ccu: p.value, hpa, literal, cpu });
  }
  const result: SimulationResult = {
    hours,
    hpa: summarise(
      hours.map((h) => h.hpa),
      max,
    ),
    literal: summarise(
      hours.map((h) => h.literal),
      max,
    ),
    cpu: summarise(
      hours.map((h) => h.cpu),
      max,
    ),
    cpuModel,
    warnings: [],
  };
  const w = result.warnings;
  const peak = Math.max(0, ...input.ccu.map((p) => p.value));
  if (hours.length === 0) w.push('no hourly CCU history in the period: nothing to simulate');
  if (up && hours.length > 0 && peak <= up.above)
    w.push(`CCU never exceeded ${up.above} (peak ${Math.round(peak)}): this policy would never have scaled out`);
  if (result.hpa.hoursAtMax > 0)
    w.push(
      `maxReplicas ${max} reached in ${result.hpa.hoursAtMax} h (the peak ${Math.round(peak)} wanted ${Math.ceil(peak / target)} pods): raise maxReplicas or expect ${Math.round(peak / max)} users per pod`,
    );
  if (result.hpa.flaps > Math.max(2, hours.length * 0.02))
    w.push(
      `flapping: ${result.hpa.flaps} reversals within 3 h; lengthen scaleDown.stabilizationWindowSeconds or widen the gap between thresholds`,
    );
  if (valueStuckHours > 0)
    w.push(
      `a Value target of ${up?.above ?? target} (instead of AverageValue) would have stayed above ${min} pod(s) in ${valueStuckHours} of the ${belowHours} hours below ${down?.below}: ⌈pods × CCU ÷ target⌉ rounds back up, so it never scales down — use AverageValue`,
    );
  if (cpuModel.basis === 'history') {
    const usersAtTarget = cpuTarget / cpuModel.cpuPerUserPerPod;
    if (target > usersAtTarget * 1.1)
      w.push(
        `by the CPU history a pod reaches ${Math.round(cpuTarget * 100)} % CPU at about ${Math.round(usersAtTarget)} users; a target of ${target} users per pod would run pods near ${Math.round(target * cpuModel.cpuPerUserPerPod * 100)} % CPU: lower the threshold or give pods more CPU`,
      );
  }
  if (result.cpu.hoursAtMax > 0 && result.cpu.hoursAtMax > result.hpa.hoursAtMax)
    w.push(
      `the CPU-based comparison hits maxReplicas ${max} in ${result.cpu.hoursAtMax} h: its pod-hours are a lower bound`,
    );
  if (down && up && down.below * 1.1 > up.above)
    w.push(
      `the thresholds ${down.below} and ${up.above} are within the HPA's 10 % tolerance of each other: expect flapping`,
    );
  return result;
}
