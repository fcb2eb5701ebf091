/**
 * The collector facade: the one object the HTTP layer, the CLI, the ask engine and the demo hold.
 * It is a TelemetrySink (ingest is synchronous, journaled before it returns, never throws per record)
 * plus the read side (CCU, series, sessions, raw transactions, live numbers).
 *
 * Every 2 s a ticker finalizes buckets (CCU gauges, rollups) and flushes: the closed journal segments
 * (bulk-loaded as raw rows by DuckDB), changed rollup rows, late-data backfill and the checkpoint go
 * to the store in one transaction, then the segments it covers are deleted. On open, stored rollup state of the live horizon is loaded
 * back and the journal replayed past the checkpoint, so a killed process loses nothing it acknowledged.
 */
import path from 'node:path';
import { parseCollectorConfig } from '../config/collector-config.js';
import type { CollectorConfig, CollectorConfigInput } from '../config/collector-config.js';
import { PromptOpsError } from '../errors/promptops-error.js';
import type { TelemetrySink } from '../ingest/telemetry-sink.js';
import { emptyIngestReport } from '../model/telemetry.js';
import type { IngestReport, LogRecord, MetricSample, SessionEvent } from '../model/telemetry.js';
import type { Transaction, UserKeyMode } from '../model/transaction.js';
import { RollupEngine } from '../rollup/rollup-engine.js';
import type { DueGaugeHour } from '../rollup/gauge-backfill.js';
import { LEVEL_MS, TOTAL_INSTANCE } from '../rollup/rollup-row.js';
import { BUCKET_MS } from '../rollup/series-state.js';
import { DuckDbStore } from '../store/duckdb-store.js';
import { MAX_QUERY_ROWS } from '../store/store.js';
import type { SessionQuery, SessionSummary, Store, TimeRange, TransactionQuery } from '../store/store.js';
import type {
  CollectorReadApi,
  ConcurrentUsersQuery,
  ConcurrentUsersResult,
  LiveSnapshot,
  SeriesQuery,
  SeriesResult,
} from './collector-types.js';
import { concurrentUsersAt } from './concurrent-users.js';
import { applyBackfill, applyBackfillToDirty, loadLiveState, recomputeBackfilledGauges } from './collector-state.js';
import { IngestGuard, checkTimed, checkTransaction } from './ingest-guard.js';
import { Journal } from './journal.js';
import type { JournalRecord } from './journal.js';
import { liveSnapshotOf } from './live-snapshot.js';
import { seriesOf } from './series-query.js';
import { queryTransactionPage } from './transaction-page.js';
import type { TransactionPage } from './transaction-page.js';

export type { CollectorConfig, CollectorConfigInput } from '../config/collector-config.js';
export * from './collector-types.js';

export interface CollectorOptions extends CollectorConfigInput {
  /** Epoch-ms clock; tests and the simulator inject their own. Default `Date.now`. */
  clock?: () => number;
  /** Run the 2 s ticker on a timer (default true). With false, call `tick()` yourself. */
  autoTick?: boolean;
  /**
   * Read the data directory without writing (`ask --data`): the store opened read-only, no journal
   * replay, no flush, no ticker; batches journaled but never flushed (only after a crash) are not seen.
   * Default false.
   */
  readOnly?: boolean;
}

const TICK_MS = 2_000;
const HOUR_MS = LEVEL_MS['1h'];
const STATE_JOURNAL_SEQ = 'journal_seq';
const STATE_FINALIZED = 'finalized_bucket';
/** Hours whose CCU gauges wait for a recompute (JSON `DueGaugeHour[]`), checkpointed with each flush. */
const STATE_GAUGE_PENDING = 'gauge_pending_hours';

/** Opens the data directory (store + journal), restores live state and starts the ticker. */
export async function openCollector(options: CollectorOptions): Promise<Collector> {
  const { clock = Date.now, autoTick = true, readOnly = false, ...input } = options;
  const config = parseCollectorConfig(input);
  const store = await DuckDbStore.open(config.dataDir, { readOnly });
  try {
    const collector = new Collector(config, store, clock);
    await collector.start(autoTick, readOnly);
    return collector;
  } catch (err) {
    await store.close();
    throw PromptOpsError.from(err);
  }
}

export class Collector implements TelemetrySink, CollectorReadApi {
  readonly config: CollectorConfig;
  readonly store: Store;
  /** Default identification mode for answers (the first configured). */
  readonly defaultMode: UserKeyMode;
  private readonly engine: RollupEngine;
  private readonly guard = new IngestGuard();
  private journal: Journal | null = null;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPrune = 0;
  /** Journal seq of the last committed checkpoint (-1 before the first flush). */
  private checkpointSeq = -1;
  private isReady = false;
  private closed = false;
  /** Opened with `readOnly`: nothing is ever written. */
  private readOnly = false;
  /** Last flush failure, kept for /readyz; cleared by the next successful flush. */
  lastFlushError: Error | null = null;

  /** Use `openCollector`. */
  constructor(
    config: CollectorConfig,
    store: Store,
    private readonly clock: () => number,
  ) {
    this.config = config;
    this.store = store;
    this.defaultMode = config.modes[0];
    this.engine = new RollupEngine({
      modes: config.modes,
      windowSeconds: config.windowSeconds,
      lateGraceSeconds: config.lateGraceSeconds,
      precision: config.precision,
    });
  }

  /** True once restored and replayed: the collector accepts traffic and answers. */
  get ready(): boolean {
    return this.isReady && !this.closed;
  }

  /** @internal Restores state and replays the journal; called by openCollector. */
  async start(autoTick: boolean, readOnly = false): Promise<void> {
    const seq = Number((await this.store.readState(STATE_JOURNAL_SEQ)) ?? 0);
    const finalizedText = await this.store.readState(STATE_FINALIZED);
    if (finalizedText !== undefined) {
      const rows = await loadLiveState(this.store, this.engine, Number(finalizedText));
      this.engine.restore(rows, Number(finalizedText));
    }
    if (readOnly) {
      // The journal belongs to the writer: replaying it would delete its committed segments.
      this.readOnly = true;
      this.engine.advance(this.clock());
      this.isReady = true;
      return;
    }
    this.journal = Journal.open(this.config.dataDir, this.config.fsync, seq, (r) => this.replay(r));
    await this.restageGaugeHours();
    this.engine.advance(this.clock());
    this.isReady = true;
    await this.flush();
    if (autoTick) {
      this.timer = setInterval(() => void this.tick().catch(() => undefined), TICK_MS);
      this.timer.unref();
    }
  }

  // ---- TelemetrySink: synchronous, journaled before returning, never throws per record ----
  // Each returns what it accepted and rejected (the sink interface ignores it; HTTP can report it).
  // A batch-level failure (journal cannot be written) throws PromptOpsError 'unavailable': nothing
  // of that batch was acknowledged.

  transactions(txs: Transaction[]): IngestReport {
    const report = emptyIngestReport();
    const ok = this.guard.filter(txs, this.clock(), checkTransaction, report);
    if (ok.length > 0) {
      this.requireJournal().append('tx', ok);
      this.engine.addTransactions(ok);
    }
    return report;
  }

  metrics(samples: MetricSample[]): IngestReport {
    const report = emptyIngestReport();
    const ok = this.guard.filter(samples, this.clock(), checkTimed, report);
    if (ok.length > 0) {
      this.requireJournal().append('metric', ok);
      this.engine.addMetrics(ok);
    }
    return report;
  }

  logs(records: LogRecord[]): IngestReport {
    const report = emptyIngestReport();
    const ok = this.guard.filter(records, this.clock(), checkTimed, report);
    if (ok.length > 0) this.requireJournal().append('log', ok);
    return report;
  }

  sessionEvents(events: SessionEvent[]): IngestReport {
    const report = emptyIngestReport();
    const ok = this.guard.filter(events, this.clock(), checkTimed, report);
    if (ok.length > 0) {
      this.requireJournal().append('session', ok);
      this.engine.addSessionEvents(ok);
    }
    return report;
  }

  // ---- read side ----

  /** CCU now (or at a past instant) per contract: total across instances plus each instance. */
  async concurrentUsers(q: ConcurrentUsersQuery = {}): Promise<ConcurrentUsersResult> {
    const mode = this.modeOf(q.mode);
    const now = this.clock();
    this.engine.advance(now);
    return concurrentUsersAt(this.engine, this.store, this.config, { ...q, mode }, now);
  }

  /** A metric over time at one rollup level (store rows overlaid with the newer in-memory rows). */
  async series(q: SeriesQuery): Promise<SeriesResult> {
    const mode = this.modeOf(q.mode);
    return seriesOf(this.engine, this.store, { ...q, mode });
  }

  /** Sessions from session events and session ids on transactions; `activeSince` defaults to to − W. */
  sessions(q: SessionQuery): Promise<SessionSummary[]> {
    return this.store.querySessions({ activeSince: q.to - this.config.windowSeconds * 1000, ...q });
  }

  /** One user's transactions (mode `user` key = `enduser.id`), oldest first. */
  userRequests(userId: string, range: TimeRange & { limit?: number }): Promise<Transaction[]> {
    return this.store.queryTransactions({ ...range, userId });
  }

  /** Raw transactions (flushed ones: at most one 2 s tick behind ingest); `transactionPage` says what a limit left out. */
  queryTransactions(q: TransactionQuery): Promise<Transaction[]> {
    if (q.limit !== undefined && q.limit > MAX_QUERY_ROWS)
      return Promise.reject(
        new PromptOpsError(
          'invalid_parameter',
          `limit ${q.limit} is above the ${MAX_QUERY_ROWS} rows one read returns; use transactionPage, which says how many matched`,
        ),
      );
    return this.store.queryTransactions(q);
  }

  /** Raw transactions that say when the limit left rows out, and how many matched. */
  transactionPage(q: TransactionQuery): Promise<TransactionPage> {
    return queryTransactionPage(this.store, q);
  }

  /** Live per-instance numbers for `/metrics` and the demo; synchronous and cheap. */
  liveSnapshot(): LiveSnapshot {
    const now = this.clock();
    this.engine.advance(now);
    return liveSnapshotOf(this.engine, this.guard, this.config, now);
  }

  /** Instances seen since the collector opened (and restored ones). */
  instances(): string[] {
    return this.engine.instances();
  }

  // ---- lifecycle ----

  /** One 2 s step: finalize due buckets, flush, and prune now and then. */
  async tick(): Promise<void> {
    if (this.closed || this.readOnly) return;
    await this.flush();
    const now = this.clock();
    if (now - this.lastPrune >= this.config.pruneIntervalSeconds * 1000) {
      this.lastPrune = now;
      await this.store.prune(now, this.config.retention);
    }
  }

  /** Writes everything accepted so far to the store and checkpoints the journal. */
  flush(): Promise<void> {
    if (this.readOnly) return Promise.resolve();
    if (this.flushing !== null) {
      // One flush at a time; a caller arriving mid-flush gets a fresh one after it, so it sees its data.
      return this.flushing.then(() => this.flush());
    }
    this.flushing = this.flushOnce().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer !== null) clearInterval(this.timer);
    this.engine.gaugeBackfill.completeAll(); // An import ends here: its past hours get their gauges.
    await this.flush().catch(() => undefined);
    // The next open, and any reader of the directory, starts from columnar raw files.
    if (!this.readOnly) await this.store.compactRaw?.().catch(() => undefined);
    this.closed = true;
    this.journal?.close();
    await this.store.close();
  }

  private async flushOnce(): Promise<void> {
    const journal = this.requireJournal();
    this.engine.advance(this.clock());
    const files = journal.rotate();
    const seq = journal.lastSeq;
    const dirty = this.engine.takeDirty();
    const backfill = applyBackfillToDirty(this.engine.takeBackfill(), dirty);
    const idle =
      dirty.length === 0 &&
      backfill.length === 0 &&
      files.tx.length + files.txTsv.length + files.metric.length + files.log.length + files.session.length === 0;
    // Idle ticks write nothing: an empty bucket only matters when it changes a row (its gauge does).
    if (idle && seq === this.checkpointSeq) return this.recomputeGauges();
    try {
      const rows = dirty.map((acc) => this.engine.snapshotRow(acc));
      rows.push(...(await applyBackfill(this.store, backfill, this.config, this.clock())));
      await this.store.writeBatch({
        rawFiles: { transactions: files.tx, metrics: files.metric, logs: files.log, sessionEvents: files.session },
        rawTransactionSegments: files.txTsv,
        rollups: rows,
        state: {
          [STATE_JOURNAL_SEQ]: String(seq),
          [STATE_FINALIZED]: String(this.engine.finalizedThrough),
          [STATE_GAUGE_PENDING]: JSON.stringify(this.engine.gaugeBackfill.pendingHours()),
        },
      });
      this.lastFlushError = null;
      this.checkpointSeq = seq;
    } catch (err) {
      // Nothing is lost: the segments stay in the journal for the next flush; rows are re-queued.
      this.engine.requeue(dirty, backfill);
      this.lastFlushError = PromptOpsError.from(err);
      throw this.lastFlushError;
    }
    journal.truncateThrough(seq);
    await this.recomputeGauges();
  }

  /**
   * After a restart: the hours whose gauges were still pending at the last checkpoint get their user
   * keys staged again from the raw transactions they read (batches after the checkpoint are staged
   * again by the journal replay). An hour whose reads reach past the raw retention keeps its stored
   * gauge: rows already pruned would make the recompute a lower count.
   */
  private async restageGaugeHours(): Promise<void> {
    const text = await this.store.readState(STATE_GAUGE_PENDING);
    if (text === undefined) return;
    let hours: DueGaugeHour[];
    try {
      hours = JSON.parse(text) as DueGaugeHour[];
    } catch {
      return; // Written by this code only; a damaged value costs the gauges of those hours, nothing else.
    }
    const leadIn = (this.engine.windowBuckets - 1) * BUCKET_MS;
    const oldest = this.clock() - this.config.retention.transactions;
    for (const hour of hours) {
      // The total's gauge counts every instance's users.
      const instance = hour.instance === TOTAL_INSTANCE ? undefined : hour.instance;
      const range = { from: hour.start - leadIn, to: hour.start + HOUR_MS, instance };
      if (range.from < oldest) continue;
      const txs: Transaction[] = [];
      for (let offset = 0; ; offset += MAX_QUERY_ROWS) {
        const page = await this.store.queryTransactions({ ...range, limit: MAX_QUERY_ROWS, offset });
        txs.push(...page);
        if (page.length < MAX_QUERY_ROWS) break;
      }
      if (txs.length > 0) this.engine.gaugeBackfill.restage(hour.instance, hour.start, txs, hour.hadLiveGauge);
    }
  }

  /** CCU gauges of closed hours changed by late or imported data, once that data is complete. */
  private recomputeGauges(): Promise<void> {
    return recomputeBackfilledGauges(this.store, this.engine, this.config, this.clock());
  }

  /** Re-counts a journaled batch after a restart; its raw rows load with the segment at the next flush. */
  private replay(record: JournalRecord): void {
    switch (record.kind) {
      case 'tx':
        this.engine.addTransactions(record.records as Transaction[]);
        return;
      case 'metric':
        this.engine.addMetrics(record.records as MetricSample[]);
        return;
      case 'log':
        return;
      case 'session':
        this.engine.addSessionEvents(record.records as SessionEvent[]);
        return;
    }
  }

  private requireJournal(): Journal {
    if (this.journal === null || this.closed) throw new PromptOpsError('unavailable', 'collector is not open');
    return this.journal;
  }

  private modeOf(mode: UserKeyMode | undefined): UserKeyMode {
    if (mode === undefined) return this.defaultMode;
    if (!this.config.modes.includes(mode))
      throw new PromptOpsError(
        'invalid_parameter',
        `mode '${mode}' is not collected (collected: ${this.config.modes.join(', ')})`,
      );
    return mode;
  }
}

/** Path of the database file of a data directory (for messages and tools). */
export function databaseFileOf(dataDir: string): string {
  return path.join(dataDir, 'promptops.duckdb');
}

export { TOTAL_INSTANCE };
