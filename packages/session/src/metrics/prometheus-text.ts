/** Renders session metric snapshots in the Prometheus text exposition format (version 0.0.4). */
import type { SessionMetricsSnapshot } from './session-metrics.js';

type Kind = 'gauge' | 'counter';

/** Prometheus name, kind and help per snapshot field; the help names the Tomcat attribute it mirrors. */
const SERIES: [keyof SessionMetricsSnapshot, string, Kind, string][] = [
  ['activeSessions', 'promptops_session_active_sessions', 'gauge', 'Active sessions (Tomcat activeSessions)'],
  ['sessionCounter', 'promptops_session_created_total', 'counter', 'Sessions created (Tomcat sessionCounter)'],
  ['expiredSessions', 'promptops_session_expired_total', 'counter', 'Sessions expired (Tomcat expiredSessions)'],
  [
    'rejectedSessions',
    'promptops_session_rejected_total',
    'counter',
    'Logins refused by reject-new (Tomcat rejectedSessions)',
  ],
  ['maxActive', 'promptops_session_max_active', 'gauge', 'Highest active sessions seen (Tomcat maxActive)'],
  [
    'sessionAverageAliveTime',
    'promptops_session_average_alive_seconds',
    'gauge',
    'Mean lifetime of the last 100 ended sessions (Tomcat sessionAverageAliveTime)',
  ],
  [
    'sessionCreateRate',
    'promptops_session_create_rate_per_minute',
    'gauge',
    'Sessions created in the last minute (Tomcat sessionCreateRate)',
  ],
  ['memoryPerSession', 'promptops_session_memory_bytes_per_session', 'gauge', 'Mean store bytes per session, sampled'],
  ['sessionsAvoided', 'promptops_session_avoided_total', 'counter', 'Requests given no session by the creation filter'],
  [
    'duplicateLoginsEnded',
    'promptops_session_duplicate_login_ended_total',
    'counter',
    'Sessions ended by expire-oldest',
  ],
  ['destroyedSessions', 'promptops_session_destroyed_total', 'counter', 'Sessions destroyed'],
  [
    'lateWritesRefused',
    'promptops_session_late_writes_refused_total',
    'counter',
    'Writes refused because the session had been destroyed',
  ],
  [
    'interleavedWrites',
    'promptops_session_interleaved_writes_total',
    'counter',
    'Writes merged field by field with a parallel write',
  ],
  ['storeErrors', 'promptops_session_store_errors_total', 'counter', 'Store operations that failed'],
  ['storeRetries', 'promptops_session_store_retries_total', 'counter', 'Command retries during failover or outage'],
  ['eventsSent', 'promptops_session_events_sent_total', 'counter', 'Session events delivered to the collector'],
  [
    'eventsDropped',
    'promptops_session_events_dropped_total',
    'counter',
    'Session events dropped (queue full or collector down)',
  ],
];

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function prometheusText(snapshots: SessionMetricsSnapshot[]): string {
  const lines: string[] = [];
  for (const [field, name, kind, help] of SERIES) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${kind}`);
    for (const s of snapshots) lines.push(`${name}{instance="${escape(s.instance)}"} ${Number(s[field])}`);
  }
  return `${lines.join('\n')}\n`;
}
