/**
 * Months of history as rollup rows, generated directly (13 months of raw transactions would take
 * hours). Visits are drawn from the same load model and population as live traffic; each visit adds
 * its users' real hashed keys to real HyperLogLog sketches at the finest level kept for its time
 * (1 min for the last 8 days, 5 min for 35 days, 1 h beyond; 2 s when asked), coarser rows are folded
 * from finer ones with the collector's own row builder (so a 1 h sketch is exactly the union of its
 * 5 min sketches) and totals merge the instance sketches. CCU gauges come from counting overlapping
 * visits every 2 s, scaled per mode by the distinct-keys-per-visit ratio of the surrounding 5 minutes.
 */
import type { UserKeyMode } from '../model/transaction.js';
import { LEVEL_MS, ROLLUP_LEVELS, type RollupLevel, type RollupRow } from '../rollup/rollup-row.js';
import { RowFiller } from './history-fill.js';
import { ARRIVAL_CALIBRATION, MEAN_PAGES, THINK_MEDIAN_MS, VISIT_SPAN_MS } from './user-visit.js';
import { HistoryRows, type Slot } from './history-rows.js';
import { GaugeLines } from './gauge-lines.js';
import { collapsedGauges, collapsedKeys, type CollapsedContext } from './history-collapsed.js';
import { VisitKeys } from './visit-keys.js';
import { InfraModel } from './infra-model.js';
import { Rng } from './prng.js';
import type { Simulator } from './simulator.js';

export interface HistoryOptions {
  /** "Now": retention spans count back from here. */
  now: number;
  /** End of generated history (exclusive, rounded down to the hour): raw traffic takes over here. */
  end: number;
  /** Span kept per level, ms, counted back from `now`; levels left out are not generated. */
  retentionMs: Partial<Record<RollupLevel, number>>;
  modes: readonly UserKeyMode[];
  precision?: number;
  windowSeconds?: number;
  /** Rows per call of the writer. */
  batchRows?: number;
  /** Start no earlier than this (rounded down to the hour): fills a gap in history already stored. */
  from?: number;
}

export interface HistoryResult {
  from: number;
  to: number;
  rows: number;
  rowsByLevel: Record<RollupLevel, number>;
  /** First bucket generated per level. */
  levelFrom: Partial<Record<RollupLevel, number>>;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const SLOT_MS = 300_000;

export async function generateHistory(
  sim: Simulator,
  options: HistoryOptions,
  write: (rows: RollupRow[]) => Promise<void>,
  progress?: (done: number, total: number, rows: number) => void,
): Promise<HistoryResult> {
  const opts = sim.options;
  const modes = options.modes;
  const precision = options.precision ?? 14;
  const windowMs = (options.windowSeconds ?? opts.activeWindowSeconds) * 1000;
  const timeoutMs = opts.sessionTimeoutSeconds * 1000;
  const batchRows = options.batchRows ?? 2000;
  const end = Math.floor(options.end / HOUR) * HOUR;
  const nInst = opts.instances.length;
  const infra = new InfraModel(sim.load);

  // Level zones, hour-aligned so every hour has exactly one finest level.
  const present: number[] = [];
  const zoneStart: number[] = ROLLUP_LEVELS.map(() => Infinity);
  ROLLUP_LEVELS.forEach((level, i) => {
    const span = options.retentionMs[level];
    if (span === undefined) return;
    present.push(i);
    zoneStart[i] = Math.ceil((options.now - span) / HOUR) * HOUR;
  });
  if (present.length === 0) throw new Error('history needs at least one level');
  const coarsest = present[present.length - 1] as number;
  const from = Math.max(zoneStart[coarsest] as number, Math.floor((options.from ?? -Infinity) / HOUR) * HOUR);
  const finestIdx = (t: number): number => {
    for (const i of present) if (t >= (zoneStart[i] as number)) return i;
    return coarsest;
  };
  const nextPresent = (i: number): number | undefined => present.find((p) => p > i);

  const rows = new HistoryRows(opts.instances, modes, precision);
  const ratios = new HistoryRows(opts.instances, modes, precision);
  const keys = new VisitKeys(sim, modes);
  const lines = new GaugeLines(nInst, opts.crawlers);
  const result: HistoryResult = {
    from,
    to: end,
    rows: 0,
    rowsByLevel: { '2s': 0, '1m': 0, '5m': 0, '1h': 0 },
    levelFrom: {},
  };
  for (const i of present) result.levelFrom[ROLLUP_LEVELS[i] as RollupLevel] = Math.max(from, zoneStart[i] as number);
  let batch: RollupRow[] = [];
  const filler = new RowFiller(opts, modes, keys, ratios, lines, infra);

  const pickInst = (rng: Rng): number => {
    let r = rng.next();
    for (let i = 0; i < nInst; i++) {
      r -= sim.load.instanceShare(i);
      if (r < 0) return i;
    }
    return nInst - 1;
  };

  /** Adds a visit's keys to the slot of its bucket (and to the 5 min ratio slot in request zones). */
  const touch = (levelIdx: number, inst: number, t: number): Slot => {
    const ms = LEVEL_MS[ROLLUP_LEVELS[levelIdx] as RollupLevel];
    const s = rows.slot(levelIdx, inst, Math.floor(t / ms) * ms);
    return s;
  };

  // Before the finer levels begin (less a day, so visits are running when they do), hours are drawn
  // whole instead of visit by visit.
  const finerStarts = present.filter((i) => i !== coarsest).map((i) => zoneStart[i] as number);
  const collapseBefore = (finerStarts.length > 0 ? Math.min(...finerStarts) : end) - DAY;
  const collapsed: CollapsedContext = {
    sim,
    rows,
    keys,
    levelIdx: coarsest,
    windowMs,
    visitSpanMs: VISIT_SPAN_MS * 1.06,
    arrivalsPerCcu: (ARRIVAL_CALIBRATION * 1000) / (VISIT_SPAN_MS + windowMs),
    txPerVisit: MEAN_PAGES * 2 + 5,
  };

  for (let c0 = from; c0 < end;) {
    const c1 = Math.min(end, Math.floor(c0 / DAY) * DAY + DAY);
    lines.startChunk(c0, c1 - c0);
    const horizon = c1 + lines.tailMs - windowMs - timeoutMs;
    if (c1 <= collapseBefore) {
      collapsedKeys(collapsed, c0, c1);
      lines.clear();
      collapsedGauges(collapsed, lines, c0, c1);
      await finishChunk(c0, c1);
      progress?.(c1 - from, end - from, result.rows);
      c0 = c1;
      continue;
    }

    // User visits starting in this chunk.
    for (let slotStart = c0; slotStart < c1; slotStart += SLOT_MS) {
      const rng = Rng.derive(opts.seed, 'history', slotStart);
      const lambda =
        (ARRIVAL_CALIBRATION * sim.load.expectedCcu(slotStart + SLOT_MS / 2) * SLOT_MS) / (VISIT_SPAN_MS + windowMs);
      const n = rng.poisson(lambda);
      // Office hours decide whether office users appear behind their NAT address (per 5 minutes).
      const local = sim.load.calendar.local(slotStart);
      const officeHours = local.weekday !== 0 && local.weekday !== 6 && local.hour >= 8 && local.hour < 19;
      for (let k = 0; k < n; k++) {
        const start = slotStart + rng.int(SLOT_MS);
        const user = sim.population.pickUser(rng);
        const inst = pickInst(rng);
        const anonymous = rng.chance(opts.anonymousShare);
        const pages = Math.min(40, 1 + Math.round(rng.exp(MEAN_PAGES - 1)));
        keys.forVisit(user, officeHours, anonymous);
        const fIdx = finestIdx(start);
        if (ROLLUP_LEVELS[fIdx] === '1m' || ROLLUP_LEVELS[fIdx] === '2s') {
          // Request mode: every page view lands in its own fine bucket.
          let t = start;
          let last = -1;
          let lastRatioBucket = -1;
          let first = start;
          for (let p = 0; p < pages; p++) {
            if (p > 0) {
              if (rng.chance(0.03)) {
                // Back after the session expired: a new session (and session key).
                lines.session(inst, first, t + timeoutMs);
                t += rng.range(35, 70) * 60_000;
                first = t;
                keys.newSession(p);
                last = -1;
                lastRatioBucket = -1;
              } else t += 1000 + rng.logNormal(THINK_MEDIAN_MS, 0.8);
            }
            if (t >= end || t >= horizon) break;
            const li = finestIdx(t);
            const s = touch(li, inst, t);
            if (s.acc.start !== last || s.acc.level !== ROLLUP_LEVELS[li]) {
              keys.addTo(s);
              s.touches++;
              last = s.acc.start;
            }
            s.tx += 1 + rng.int(3) + (p === 0 ? 5 : 0);
            const rb = Math.floor(t / SLOT_MS) * SLOT_MS;
            if (rb !== lastRatioBucket) {
              const r = ratios.slot(2, inst, rb);
              keys.addTo(r);
              r.touches++;
              lastRatioBucket = rb;
            }
            lines.userActive(inst, t, t + windowMs);
          }
          lines.flushUser();
          lines.session(inst, first, anonymous || !rng.chance(0.25) ? t + timeoutMs : t + 2000);
        } else {
          // Interval mode: the visit covers every coarse bucket between its first and last page.
          const span = (pages - 1) * 35_400 * rng.logNormal(1, 0.35);
          const stop = Math.min(start + span, end - 1, horizon);
          const txTotal = pages * 2 + 5;
          for (let t = start; t <= stop;) {
            const li = finestIdx(t);
            const ms = LEVEL_MS[ROLLUP_LEVELS[li] as RollupLevel];
            const s = touch(li, inst, t);
            keys.addTo(s);
            s.touches++;
            const bucketEnd = s.acc.start + ms;
            s.tx += span <= 0 ? txTotal : (txTotal * (Math.min(stop, bucketEnd) - t)) / span + (t === start ? 0.5 : 0);
            t = bucketEnd;
          }
          lines.userActive(inst, start, stop + windowMs);
          lines.flushUser();
          lines.session(inst, start, stop + timeoutMs);
        }
      }
    }

    // Crawlers: no cookies, no login; every hit a new session from the same address.
    sim.population.crawlers.forEach((c, j) => {
      const rng = Rng.derive(opts.seed, 'history-crawler', j, c0);
      for (
        let t = c0 + rng.exp(c.intervalSeconds * 1000);
        t < c1 && t < end;
        t += Math.max(500, rng.exp(c.intervalSeconds * 1000))
      ) {
        const inst = pickInst(rng);
        const s = touch(finestIdx(t), inst, t);
        keys.addCrawlerHits(s, j, t);
        s.crawlerHits++;
        s.crawlerMask |= 1 << j;
        s.tx += 1;
        lines.crawler(inst, j, t, t + windowMs, t + timeoutMs);
      }
    });

    lines.integrate();
    await finishChunk(c0, c1);
    progress?.(c1 - from, end - from, result.rows);
    c0 = c1;
  }
  if (batch.length > 0) await write(batch);
  return result;

  async function emit(row: RollupRow): Promise<void> {
    batch.push(row);
    result.rows++;
    result.rowsByLevel[row.level]++;
    if (batch.length >= batchRows) {
      const out = batch;
      batch = [];
      await write(out);
    }
  }

  /** Fills, folds and emits every row of [c0, c1), finest level first. */
  async function finishChunk(c0: number, c1: number): Promise<void> {
    // Every bucket of every instance gets a row at its finest level, traffic or not.
    for (let h = c0; h < c1; h += HOUR) {
      const li = finestIdx(h);
      const ms = LEVEL_MS[ROLLUP_LEVELS[li] as RollupLevel];
      for (let b = h; b < h + HOUR; b += ms) {
        const total = rows.slot(li, nInst, b);
        for (let inst = 0; inst < nInst; inst++) {
          const s = rows.slot(li, inst, b);
          keys.mergeInto(total, s);
        }
      }
    }
    for (const li of present) {
      const parentIdx = nextPresent(li);
      let group: Slot[] = [];
      for (const s of rows.take(li, c1)) {
        if (finestIdx(s.acc.start) === li) {
          // Instances of a bucket come before its total (sorted by start, then instance).
          filler.fill(s, li, c0, s.inst === nInst ? group : undefined);
          group = s.inst === nInst ? [] : [...group, s];
        }
        if (s.acc.start >= from) await emit(s.acc.toRow());
        if (parentIdx !== undefined) {
          const pms = LEVEL_MS[ROLLUP_LEVELS[parentIdx] as RollupLevel];
          rows.slot(parentIdx, s.inst, Math.floor(s.acc.start / pms) * pms).acc.mergeChild(s.acc);
        }
      }
    }
    ratios.take(2, c1);
  }
}
