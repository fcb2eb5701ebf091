/**
 * The CLI text of a policy simulation: the mapping explained, the three strategies side by side
 * (pod-hours, scaling events, bounds), warnings, then one line per day (or per hour) with the pods
 * each strategy ran. Times are UTC (hour buckets as stored).
 */
import type { PolicyHistory } from './policy-history.js';
import type { ScalingPolicy } from './scaling-policy.js';
import type { SimulatedHour, SimulationResult, StrategySummary } from './simulate-policy.js';

const pad = (s: string | number, n: number): string => String(s).padStart(n);

function row(name: string, s: StrategySummary, base: number): string {
  const vs = base > 0 ? `${s.podHours >= base ? '+' : ''}${(((s.podHours - base) / base) * 100).toFixed(0)} %` : '';
  return `  ${name.padEnd(22)}${pad(s.podHours, 10)}${pad(vs, 9)}${pad(s.scaleEvents, 8)}${pad(`${s.minPods}-${s.maxPods}`, 8)}${pad(s.hoursAtMax, 8)}${pad(s.flaps, 7)}`;
}

function day(hours: SimulatedHour[]): string {
  const first = hours[0] as SimulatedHour;
  const peak = Math.max(...hours.map((h) => h.ccu));
  const span = (k: 'hpa' | 'literal' | 'cpu') => {
    const xs = hours.map((h) => h[k]);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    return `${lo === hi ? lo : `${lo}-${hi}`} (${xs.reduce((a, b) => a + b, 0)})`;
  };
  return `  ${new Date(first.t).toISOString().slice(0, 10)}${pad(Math.round(peak), 9)}   ${span('hpa').padEnd(14)}${span('literal').padEnd(14)}${span('cpu')}`;
}

export function formatSimulation(
  policy: ScalingPolicy,
  history: PolicyHistory,
  sim: SimulationResult,
  options: { hourly: boolean },
): string {
  const lines: string[] = [];
  const days = Math.round((history.to - history.from) / 86_400_000);
  lines.push(
    `Policy simulation over ${days} days (${new Date(history.from).toISOString().slice(0, 13)}h – ${new Date(history.to).toISOString().slice(0, 13)}h UTC), ${sim.hours.length} hourly CCU peaks, ${history.servers} server(s) reporting`,
    '',
    'Mapping:',
    ...policy.explanation.map((l) => `  - ${l}`),
    `  - CPU comparison: ${sim.cpuModel.description}`,
    '',
    `  ${'strategy'.padEnd(22)}${pad('pod-hours', 10)}${pad('vs HPA', 9)}${pad('events', 8)}${pad('pods', 8)}${pad('h@max', 8)}${pad('flaps', 7)}`,
    row(`HPA (CCU ÷ ${policy.targetPerPod})`, sim.hpa, sim.hpa.podHours),
    row('rule as stated', sim.literal, sim.hpa.podHours),
    row('CPU HPA', sim.cpu, sim.hpa.podHours),
    '',
  );
  if (sim.warnings.length > 0) lines.push('Warnings:', ...sim.warnings.map((w) => `  ! ${w}`), '');
  if (options.hourly) {
    lines.push(`  ${'hour (UTC)'.padEnd(17)}${pad('CCU', 8)}${pad('HPA', 6)}${pad('rule', 6)}${pad('CPU', 6)}`);
    for (const h of sim.hours)
      lines.push(
        `  ${new Date(h.t).toISOString().slice(0, 16).replace('T', ' ')}${pad(Math.round(h.ccu), 8)}${pad(h.hpa, 6)}${pad(h.literal, 6)}${pad(h.cpu, 6)}`,
      );
  } else {
    lines.push(
      `  ${'day (UTC)'.padEnd(10)}${pad('peak', 9)}   ${'HPA (pod-h)'.padEnd(14)}${'rule (pod-h)'.padEnd(14)}CPU (pod-h)`,
    );
    const byDay = new Map<string, SimulatedHour[]>();
    for (const h of sim.hours) {
      const k = new Date(h.t).toISOString().slice(0, 10);
      byDay.set(k, [...(byDay.get(k) ?? []), h]);
    }
    for (const hours of byDay.values()) lines.push(day(hours));
  }
  return `${lines.join('\n')}\n`;
}
