/**
 * The live view behind `GET /api/v1/live`: the collector's live snapshot turned into what an operator
 * watches — CCU with its error band, active sessions, transactions/s, errors/s, p95 latency of the
 * last interval, CPU and memory — per instance and for the total. Rates and p95 need two snapshots,
 * so one sampler is shared by every subscriber: it samples at most once per `minIntervalMs`, and a
 * hundred open dashboards cost the collector one snapshot and one CPU/memory read per interval.
 */
import type {
  CcuEstimate,
  CollectorReadApi,
  LiveInstanceSnapshot,
  LiveSnapshot,
} from '../../collector/collector-types.js';
import type { UserKeyMode } from '../../model/transaction.js';
import { latencyQuantile } from '../../rollup/latency-histogram.js';
import { TOTAL_INSTANCE } from '../../rollup/rollup-row.js';

export interface LiveInstanceView {
  /** Instance name; `*` is the all-instances total. */
  instance: string;
  /** CCU now in the default (first) mode, with its error band. */
  ccu: CcuEstimate | null;
  /** CCU now per configured mode. */
  ccuByMode: Partial<Record<UserKeyMode, CcuEstimate>>;
  /** Latest active-sessions gauge; null when no session source reports. */
  activeSessions: number | null;
  /** Transactions and errors per second over the last ~10 s (`intervalSeconds`); null on the first sample. */
  transactionsPerSecond: number | null;
  errorsPerSecond: number | null;
  /** p95 latency (ms) of the transactions of that span; null when there were none. */
  p95Ms: number | null;
  /** Latest CPU use 0..1 and memory bytes reported by the host/JVM metrics; null when none. */
  cpu: number | null;
  memoryBytes: number | null;
}

export interface LiveView {
  /** Instant of the snapshot, ISO 8601. */
  at: string;
  /** Seconds between the two snapshots the rates come from, up to ~10 (null on the first). */
  intervalSeconds: number | null;
  windowSeconds: number;
  /** Configured modes; the first is the default `ccu`. */
  modes: UserKeyMode[];
  total: LiveInstanceView;
  instances: LiveInstanceView[];
}

/** How far back CPU/memory readings still count as "now" (hosts report every 10–60 s). */
const GAUGE_LOOKBACK_MS = 5 * 60_000;
/** Span the rates and p95 are computed over (the oldest snapshot kept within it is the base). */
const RATE_WINDOW_MS = 10_000;
/** 2 s rows searched first for the newest reading. */
const RECENT_2S_MS = 2 * 60_000;

interface Gauges {
  cpu: number | null;
  memoryBytes: number | null;
}

function instanceView(
  cur: LiveInstanceSnapshot,
  prev: LiveInstanceSnapshot | undefined,
  seconds: number | null,
  modes: readonly UserKeyMode[],
  gauges: Gauges,
): LiveInstanceView {
  const first = modes[0];
  const ccu = first === undefined ? null : (cur.ccu[first] ?? null);
  let tps: number | null = null;
  let eps: number | null = null;
  let p95: number | null = null;
  if (prev && seconds !== null && seconds > 0) {
    // A collector restart resets counters; a negative delta is "unknown", not a negative rate.
    const dt = cur.transactions - prev.transactions;
    const de = cur.errors - prev.errors;
    if (dt >= 0 && de >= 0) {
      tps = dt / seconds;
      eps = de / seconds;
      const delta = cur.latency.counts.map((c, i) => c - (prev.latency.counts[i] ?? 0));
      p95 = delta.every((d) => d >= 0) ? latencyQuantile(delta, 0.95) : null;
    }
  }
  return {
    instance: cur.instance,
    ccu,
    ccuByMode: cur.ccu,
    activeSessions: cur.activeSessions,
    transactionsPerSecond: tps,
    errorsPerSecond: eps,
    p95Ms: p95,
    cpu: gauges.cpu,
    memoryBytes: gauges.memoryBytes,
  };
}

/**
 * The latest value of a metric, or null (no host metrics for that instance). The 2 s rows hold the
 * newest readings; a 1 min row only carries them once its minute has been folded, so it is the
 * fallback for hosts that report less often than the 2 s rows are kept in memory.
 */
async function latestGauge(
  collector: CollectorReadApi,
  metric: 'cpu' | 'memory',
  instance: string | undefined,
  now: number,
): Promise<number | null> {
  try {
    for (const step of ['2s', '1m'] as const) {
      const from = now - (step === '2s' ? RECENT_2S_MS : GAUGE_LOOKBACK_MS);
      const s = await collector.series({ metric, step, from, to: now + 1, instance });
      const last = s.points[s.points.length - 1];
      if (last !== undefined) return last.value;
    }
    return null;
  } catch {
    // The live view must keep flowing even if the store is momentarily unreadable.
    return null;
  }
}

/** Builds views from consecutive snapshots; shared by all subscribers of one app. */
export class LiveSampler {
  private last: { snapshot: LiveSnapshot; view: LiveView; takenAt: number } | undefined;
  private pending: Promise<LiveView> | undefined;
  /** Snapshots of the last RATE_WINDOW_MS, oldest first: the base of the rates. */
  private recent: LiveSnapshot[] = [];

  constructor(
    private readonly collector: CollectorReadApi,
    private readonly now: () => number,
    private readonly minIntervalMs = 1_000,
  ) {}

  /** The current view; a sample younger than `minIntervalMs` is reused. */
  sample(): Promise<LiveView> {
    const t = this.now();
    if (this.last && t - this.last.takenAt < this.minIntervalMs && t >= this.last.takenAt)
      return Promise.resolve(this.last.view);
    this.pending ??= this.take().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async take(): Promise<LiveView> {
    const snapshot = this.collector.liveSnapshot();
    // Rates over ~10 s rather than the last 2 s: at low traffic a 2 s slice is mostly 0 or a burst.
    this.recent = this.recent.filter((r) => r.at < snapshot.at && r.at >= snapshot.at - RATE_WINDOW_MS);
    const prev = this.recent[0] ?? (this.last && this.last.snapshot.at < snapshot.at ? this.last.snapshot : undefined);
    this.recent.push(snapshot);
    const seconds = prev && snapshot.at > prev.at ? (snapshot.at - prev.at) / 1000 : null;
    const names = snapshot.instances.map((i) => i.instance);
    const gauges = await Promise.all(
      [undefined, ...names].map(async (name): Promise<Gauges> => {
        const [cpu, memoryBytes] = await Promise.all([
          latestGauge(this.collector, 'cpu', name, snapshot.at),
          latestGauge(this.collector, 'memory', name, snapshot.at),
        ]);
        return { cpu, memoryBytes };
      }),
    );
    const prevOf = (name: string) =>
      name === TOTAL_INSTANCE ? prev?.total : prev?.instances.find((i) => i.instance === name);
    // Where the collector keeps no total reading yet (fresh 2 s rows), derive it from the instances:
    // CPU as their mean, memory as their sum — what the collector's own total rows hold.
    const known = gauges.slice(1);
    const cpus = known.map((g) => g.cpu).filter((v): v is number => v !== null);
    const mems = known.map((g) => g.memoryBytes).filter((v): v is number => v !== null);
    const totalGauges: Gauges = {
      cpu: gauges[0]!.cpu ?? (cpus.length ? cpus.reduce((a, b) => a + b, 0) / cpus.length : null),
      memoryBytes: gauges[0]!.memoryBytes ?? (mems.length ? mems.reduce((a, b) => a + b, 0) : null),
    };
    const view: LiveView = {
      at: new Date(snapshot.at).toISOString(),
      intervalSeconds: seconds,
      windowSeconds: snapshot.windowSeconds,
      modes: snapshot.modes,
      total: instanceView(snapshot.total, prevOf(TOTAL_INSTANCE), seconds, snapshot.modes, totalGauges),
      instances: snapshot.instances.map((i, k) =>
        instanceView(i, prevOf(i.instance), seconds, snapshot.modes, gauges[k + 1]!),
      ),
    };
    this.last = { snapshot, view, takenAt: this.now() };
    return view;
  }
}
