/**
 * Fills a finest-level history row once its chunk is complete: CCU gauges from the visit counters
 * (scaled per mode by distinct keys per visit), active sessions, CPU and memory from the
 * infrastructure model, and transactions, errors and the latency histogram (a total row adds up its
 * instances instead of drawing its own).
 */
import type { UserKeyMode } from '../model/transaction.js';
import { LEVEL_MS, ROLLUP_LEVELS, type RollupLevel } from '../rollup/rollup-row.js';
import type { GaugeLines } from './gauge-lines.js';
import { latencyMixFor, spreadLatency } from './history-latency.js';
import type { HistoryRows, Slot } from './history-rows.js';
import type { InfraModel } from './infra-model.js';
import { Rng } from './prng.js';
import type { SimOptions } from './sim-options.js';
import type { VisitKeys } from './visit-keys.js';

/** Gauge sampling stride (in 2 s samples) per finest level: fine where it shows, coarse where cheap. */
const STRIDE: Record<RollupLevel, number> = { '2s': 1, '1m': 1, '5m': 5, '1h': 15 };

export class RowFiller {
  private readonly lastRatio: Float64Array;
  private readonly nInst: number;

  constructor(
    private readonly opts: SimOptions,
    private readonly modes: readonly UserKeyMode[],
    private readonly keys: VisitKeys,
    private readonly ratios: HistoryRows,
    private readonly lines: GaugeLines,
    private readonly infra: InfraModel,
  ) {
    this.nInst = opts.instances.length;
    // Ratio of the last row with visits, per (instance, mode): used by rows without any.
    this.lastRatio = new Float64Array((this.nInst + 1) * modes.length).fill(1);
  }

  /** Gauges, errors, latency, sessions and infrastructure figures of a finest-level row. */
  fill(s: Slot, li: number, c0: number, instancesOfTotal: Slot[] | undefined): void {
    const { opts, modes, keys, ratios, lines, infra, lastRatio, nInst } = this;
    const level = ROLLUP_LEVELS[li] as RollupLevel;
    const ms = LEVEL_MS[level];
    const acc = s.acc;
    const isTotal = s.inst === nInst;
    const rng = Rng.derive(opts.seed, 'fill', acc.start, s.inst);
    const stride = STRIDE[level];
    const i0 = (acc.start - c0) / 2000;
    const i1 = i0 + ms / 2000;
    modes.forEach((mode, m) => {
      // Distinct keys per visit over the 5 minutes around the row (the CCU window's own ratio).
      const ratioSource = level === '1m' || level === '2s' ? keys.ratioSlot(ratios, s, acc.start) : s;
      const r = keys.ratio(ratioSource, mode);
      const idx = s.inst * modes.length + m;
      const ratio = r ?? (lastRatio[idx] as number);
      if (r !== undefined) lastRatio[idx] = r;
      const u = acc.users.get(mode);
      if (!u) return;
      for (let i = i0; i < i1; i += stride) {
        const active = lines.userAt(s.inst, i);
        const crawl =
          mode === 'ip' ? lines.crawlerIpAt(s.inst, i) : mode === 'session' ? lines.crawlerSessAt(s.inst, i) : 0;
        acc.addGauge(mode, Math.round(active * ratio + crawl));
      }
      // Strided samples stand for all the 2 s samples of the row.
      u.ccuSum *= stride;
      u.samples *= stride;
    });
    let sessions = 0;
    for (let i = i0; i < i1; i += stride) sessions = Math.max(sessions, lines.sessionsAt(s.inst, i));
    acc.observeSessions(sessions);
    // Infrastructure: the model sampled across the row; the total averages its instances.
    const points = Math.max(1, Math.min(12, ms / 10_000));
    let cpuSum = 0;
    let cpuMax = 0;
    let memSum = 0;
    let memMax = 0;
    let count = 0;
    for (let k = 0; k < points; k++) {
      const t = acc.start + (k * ms) / points;
      for (let i = isTotal ? 0 : s.inst; i < (isTotal ? nInst : s.inst + 1); i++) {
        const cpu = infra.cpuAt(i, t);
        const mem = infra.memoryAt(i, t);
        cpuSum += cpu;
        memSum += mem;
        cpuMax = Math.max(cpuMax, cpu);
        memMax = Math.max(memMax, mem);
        count++;
      }
    }
    const nominal = Math.max(1, ms / 10_000) * (isTotal ? nInst : 1);
    acc.cpuSamples = nominal;
    acc.cpuSum = (cpuSum / count) * nominal;
    acc.cpuMax = cpuMax;
    acc.memorySamples = nominal;
    acc.memorySum = (memSum / count) * nominal;
    acc.memoryMax = memMax;
    if (instancesOfTotal) {
      // The total counts what its instances counted.
      for (const child of instancesOfTotal) {
        acc.transactions += child.acc.transactions;
        acc.errors += child.acc.errors;
        acc.durationSumMs += child.acc.durationSumMs;
        acc.bytes += child.acc.bytes;
        child.acc.latency.forEach((c, k) => (acc.latency[k] = (acc.latency[k] as number) + c));
      }
      return;
    }
    // Transactions: counted by the visits; errors and latency follow how busy the instance was.
    const tx = Math.round(s.tx);
    acc.transactions = tx;
    acc.errors = rng.poisson(tx * (0.002 + 0.05 * Math.max(0, cpuMax - 0.85)));
    const mix = latencyMixFor(cpuMax);
    spreadLatency(tx, mix, rng, acc.latency);
    acc.durationSumMs = Math.round(tx * mix.meanMs);
    acc.bytes = Math.round(tx * mix.meanBytes);
  }
}
