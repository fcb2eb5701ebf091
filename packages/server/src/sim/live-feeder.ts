/**
 * Feeds simulated traffic into a TelemetrySink (the collector) on a clock it controls: first a
 * catch-up replay of a past window in simulated time (the collector's clock follows it, so the
 * records are live for it, not late), then live, second by second, on the wall clock. Records are
 * released only once their time has come, so nothing arrives from the future.
 */
import type { TelemetrySink } from '../ingest/telemetry-sink.js';
import type { TrafficBatch, TrafficGenerator } from './traffic-generator.js';

export interface LiveFeederOptions {
  generator: TrafficGenerator;
  sink: TelemetrySink;
  /** The collector's 2 s step (finalize buckets, flush); called while catching up and live. */
  tick: () => Promise<void>;
  /** Wall clock; default Date.now. */
  now?: () => number;
}

export class LiveFeeder {
  private simTime: number;
  private live = false;
  private held: TrafficBatch = { transactions: [], metrics: [], logs: [], sessionEvents: [] };
  private timers: NodeJS.Timeout[] = [];
  private readonly wall: () => number;
  private stepping: Promise<void> | null = null;
  /** Records handed to the sink so far. */
  fed = { transactions: 0, metrics: 0, logs: 0, sessionEvents: 0 };

  constructor(private readonly options: LiveFeederOptions) {
    this.simTime = options.generator.start;
    this.wall = options.now ?? Date.now;
  }

  /** The collector's clock: simulated time while catching up, then the wall clock. */
  readonly clock = (): number => (this.live ? this.wall() : this.simTime);

  get isLive(): boolean {
    return this.live;
  }

  /**
   * Replays from the generator's start until the wall clock, in `stepMs` steps, ticking the
   * collector every `tickEveryMs` of simulated time; then switches to the wall clock.
   */
  async catchUp(stepMs = 10_000, tickEveryMs = 30_000, progress?: (simTime: number) => void): Promise<void> {
    let lastTick = this.simTime;
    while (this.simTime < this.wall() - stepMs) {
      this.feed(this.simTime + stepMs);
      if (this.simTime - lastTick >= tickEveryMs) {
        await this.options.tick();
        lastTick = this.simTime;
        progress?.(this.simTime);
      }
    }
    this.feed(this.wall());
    this.live = true;
    await this.options.tick();
  }

  /** Live: every `intervalMs` the traffic up to now; the collector ticks every 2 s. */
  start(intervalMs = 1_000): void {
    this.live = true;
    this.timers.push(
      setInterval(() => {
        try {
          this.feed(this.wall());
        } catch {
          // The sink closed under us (shutdown): nothing more to feed.
          void this.stop();
        }
      }, intervalMs),
      setInterval(() => {
        if (this.stepping !== null) return;
        this.stepping = this.options
          .tick()
          .catch(() => undefined)
          .finally(() => {
            this.stepping = null;
          });
      }, 2_000),
    );
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.stepping;
  }

  /** Generates up to `until` and hands over what is due. */
  private feed(until: number): void {
    const batch = this.options.generator.advance(until);
    this.simTime = Math.max(this.simTime, until);
    const due = <T extends { time: number }>(held: T[], fresh: T[]): [T[], T[]] => {
      const all = held.length === 0 ? fresh : [...held, ...fresh];
      const now: T[] = [];
      const later: T[] = [];
      for (const r of all) (r.time <= until ? now : later).push(r);
      return [now, later];
    };
    const [tx, txLater] = due(this.held.transactions, batch.transactions);
    const [metrics, metricsLater] = due(this.held.metrics, batch.metrics);
    const [logs, logsLater] = due(this.held.logs, batch.logs);
    const [events, eventsLater] = due(this.held.sessionEvents, batch.sessionEvents);
    this.held = { transactions: txLater, metrics: metricsLater, logs: logsLater, sessionEvents: eventsLater };
    const sink = this.options.sink;
    if (tx.length > 0) sink.transactions(tx);
    if (metrics.length > 0) sink.metrics(metrics);
    if (logs.length > 0) sink.logs(logs);
    if (events.length > 0) sink.sessionEvents(events);
    this.fed.transactions += tx.length;
    this.fed.metrics += metrics.length;
    this.fed.logs += logs.length;
    this.fed.sessionEvents += events.length;
  }
}
