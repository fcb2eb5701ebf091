/**
 * What `/metrics` exports, built from the collector's live snapshot and the API's ingest counters:
 * CCU per instance and mode (the all-instances total as `instance="*"`, never a sum — a user on two
 * instances counts once), active sessions, transaction and error counters, the latency histogram,
 * ingest counters per signal and the records the collector dropped after decoding.
 */
import type { LiveInstanceSnapshot, LiveSnapshot } from '../../collector/collector-types.js';
import { TOTAL_INSTANCE } from '../../rollup/rollup-row.js';
import { INGEST_SIGNALS, type IngestSignal, type IngestTotals } from '../ingest-counters.js';
import type { HistogramSample, MetricFamily, Sample } from './exposition.js';

export function collectorMetricFamilies(
  live: LiveSnapshot,
  ingest: Record<IngestSignal, IngestTotals>,
): MetricFamily[] {
  // The total first, under the same label as the REST API's TOTAL_INSTANCE.
  const rows: LiveInstanceSnapshot[] = [{ ...live.total, instance: TOTAL_INSTANCE }, ...live.instances];

  const ccu: Sample[] = [];
  const low: Sample[] = [];
  const high: Sample[] = [];
  for (const row of rows) {
    for (const mode of live.modes) {
      const est = row.ccu[mode];
      if (!est) continue;
      const labels = { instance: row.instance, mode };
      ccu.push({ labels, value: est.value });
      low.push({ labels, value: est.low });
      high.push({ labels, value: est.high });
    }
  }

  const sessions: Sample[] = rows
    .filter((r) => r.activeSessions !== null)
    .map((r) => ({ labels: { instance: r.instance }, value: r.activeSessions ?? 0 }));

  const latency: HistogramSample[] = rows.map((r) => ({
    labels: { instance: r.instance },
    bounds: r.latency.boundsMs.map((ms) => ms / 1000),
    counts: r.latency.counts,
    sum: r.latency.sumMs / 1000,
  }));

  const records: Sample[] = INGEST_SIGNALS.flatMap((signal) => [
    { labels: { signal, outcome: 'accepted' }, value: ingest[signal].accepted },
    { labels: { signal, outcome: 'rejected' }, value: ingest[signal].rejected },
  ]);

  return [
    {
      type: 'gauge',
      name: 'promptops_concurrent_users',
      help: `Distinct user keys with a transaction in the last ${live.windowSeconds} s (HyperLogLog estimate); instance="*" is all instances merged, not a sum.`,
      samples: ccu,
    },
    {
      type: 'gauge',
      name: 'promptops_concurrent_users_low',
      help: 'Lower edge of the concurrent-users error band (value - 1.04/sqrt(m)).',
      samples: low,
    },
    {
      type: 'gauge',
      name: 'promptops_concurrent_users_high',
      help: 'Upper edge of the concurrent-users error band (value + 1.04/sqrt(m)).',
      samples: high,
    },
    {
      type: 'gauge',
      name: 'promptops_active_window_seconds',
      help: 'Active window W of the concurrent-users definition.',
      samples: [{ labels: {}, value: live.windowSeconds }],
    },
    {
      type: 'gauge',
      name: 'promptops_active_sessions',
      help: 'Sessions not yet expired in the session store, as last reported.',
      samples: sessions,
    },
    {
      type: 'counter',
      name: 'promptops_transactions_total',
      help: 'Transactions received since the collector started.',
      samples: rows.map((r) => ({ labels: { instance: r.instance }, value: r.transactions })),
    },
    {
      type: 'counter',
      name: 'promptops_transaction_errors_total',
      help: 'Failed transactions (status >= 500 or span status ERROR) since the collector started.',
      samples: rows.map((r) => ({ labels: { instance: r.instance }, value: r.errors })),
    },
    {
      type: 'histogram',
      name: 'promptops_transaction_duration_seconds',
      help: 'Transaction duration since the collector started.',
      samples: latency,
    },
    {
      type: 'counter',
      name: 'promptops_ingest_records_total',
      help: 'Records received per ingest signal, accepted or rejected.',
      samples: records,
    },
    {
      type: 'counter',
      name: 'promptops_ingest_failed_requests_total',
      help: 'Ingest requests refused as a whole (undecodable, too large, unsupported type, not ready).',
      samples: INGEST_SIGNALS.map((signal) => ({ labels: { signal }, value: ingest[signal].failedRequests })),
    },
    {
      // Decoded records the collector itself refused (no time, far-future time, no instance): these
      // were counted as accepted by the decoder, so without this family they would vanish silently.
      type: 'counter',
      name: 'promptops_collector_dropped_records_total',
      help: 'Decoded records the collector refused, by reason.',
      samples: live.ingest.rejections.map((r) => ({ labels: { reason: r.reason }, value: r.count })),
    },
  ];
}
