/**
 * What the demo prints once it listens: where it is, what was injected and when (in the simulated
 * users' time zone), and the commands to try next.
 */
import type { IncidentTruth } from './incidents.js';

export interface DemoGuideInput {
  url: string;
  dataDir: string;
  modes: readonly string[];
  seed: number;
  instances: readonly string[];
  timeZone: string;
  /** Start of the replayed raw window and of the history, epoch ms. */
  rawFrom: number;
  historyFrom: number;
  now: number;
  /** Incidents injected in the raw window (absent when the data directory was reused). */
  truth?: IncidentTruth;
  /** The data directory already held demo data: only the hours since the last run were added. */
  reused: boolean;
}

function localTime(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(t));
}

export function demoGuide(g: DemoGuideInput): string {
  const iso = (t: number): string => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const at = (t: number): string => `${localTime(t, g.timeZone)} (${g.timeZone})`;
  const server = g.url === 'http://127.0.0.1:4318' ? '' : ` --server ${g.url}`;
  const lines = [
    `PromptOps demo (seed ${g.seed}): a simulated web shop on ${g.instances.join(', ')}, listening on ${g.url}`,
    `  data: ${g.dataDir}   modes: ${g.modes.join(', ')} (answers use ${g.modes[0]})`,
    g.reused
      ? `  reusing the demo data already in ${g.dataDir} (history since ${at(g.historyFrom)}); live traffic from now on; --reset starts over`
      : `  history: rollups since ${at(g.historyFrom)}; raw transactions since ${at(g.rawFrom)}; live traffic from now on`,
    `  /readyz turns ready once the history is loaded (progress on stderr); every endpoint answers meanwhile`,
  ];
  const t = g.truth;
  if (t) {
    lines.push('', 'Injected incidents (for the analyses to find):');
    if (t.cpuSpike) {
      lines.push(
        `  CPU spike on ${t.cpuSpike.instance} ${at(t.cpuSpike.from)} – ${localTime(t.cpuSpike.to, g.timeZone)}: one user repeatedly downloading ${t.cpuSpike.route}`,
      );
    }
    if (t.oom) lines.push(`  OutOfMemoryError on ${t.oom.instance} at ${at(t.oom.at)} after a heavy report query`);
    if (t.loginBurst)
      lines.push(
        `  failed-login burst from ${t.loginBurst.clientIp} at ${at(t.loginBurst.from)} (${t.loginBurst.attempts} attempts)`,
      );
    if (t.longSessions.length > 0)
      lines.push(
        `  ${t.longSessions.length} sessions kept open by background polling since ${at(Math.min(...t.longSessions.map((s) => s.since)))}`,
      );
  }
  lines.push(
    '',
    'Try next:',
    `  curl -s '${g.url}/api/v1/concurrent-users'`,
    `  curl -s '${g.url}/api/v1/series?metric=ccu&step=1h&from=${iso(g.historyFrom)}&to=${iso(g.now)}'`,
    `  curl -s '${g.url}/api/v1/series?metric=visitors&step=1m&from=${iso(g.now - 3_600_000)}&to=${iso(g.now)}'`,
    `  curl -s '${g.url}/metrics'`,
    `  open ${g.url}/   (web UI)`,
    `  npx promptops ask "지금 동시접속자 몇 명이야?"${server}`,
    `  npx promptops ask "작년 이맘때와 비교해줘"${server}`,
    `  npx promptops ask "CPU 급증 원인이 뭐야?"${server}`,
    `  npx promptops ask "How many users are online now?"${server}`,
    '',
  );
  return lines.join('\n');
}
