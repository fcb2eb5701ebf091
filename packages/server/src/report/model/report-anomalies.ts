/**
 * Anomalies of a period: the streaming detector (analysis/anomaly) runs over the hourly CCU peaks and
 * error rates of the weeks before and through the period — it learns on the weeks before, so only the
 * period's own hours are scored — and consecutive anomalous hours become one incident. The cause is
 * what the per-instance rows show: the instance whose figure moved most against the same hour a week
 * earlier.
 */
import { createMetricDetector } from '../../analysis/anomaly/metric-detector.js';
import type { AnomalyCause, AnomalyMetric, AnomalyRow, ServerRow } from '../report-types.js';
import { HOUR_MS, type HourlyReader, type HourPoint } from './hourly-reader.js';

const WEEK_MS = 7 * 86_400_000;
/** Weeks of history the detector learns from before the period. */
export const ANOMALY_LEARN_WEEKS = 3;
/** Score at or above which an hour is anomalous (the detector's alarm level, as in `promptops detect`). */
export const ANOMALY_THRESHOLD = 0.5;

interface Scored {
  t: number;
  value: number;
  score: number;
}

function score(metric: AnomalyMetric, points: readonly { t: number; value: number }[]): Scored[] {
  const detector = createMetricDetector(metric, { stepMs: HOUR_MS, learnMs: 2 * WEEK_MS });
  return points.map((p) => ({ ...p, score: detector.update(p.t, p.value) }));
}

function errorRate(txs: readonly HourPoint[], errors: readonly HourPoint[]): { t: number; value: number }[] {
  const errs = new Map(errors.map((p) => [p.t, p.value]));
  return txs.filter((p) => p.value > 0).map((p) => ({ t: p.t, value: (errs.get(p.t) ?? 0) / p.value }));
}

/** Runs of consecutive anomalous hours inside [from, to). */
function runs(scored: readonly Scored[], from: number, to: number): Scored[][] {
  const out: Scored[][] = [];
  let cur: Scored[] = [];
  for (const p of scored) {
    const hit = p.t >= from && p.t < to && p.score >= ANOMALY_THRESHOLD;
    const last = cur[cur.length - 1];
    if (hit && last !== undefined && p.t - last.t <= HOUR_MS) cur.push(p);
    else if (hit) {
      if (cur.length) out.push(cur);
      cur = [p];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

export async function detectAnomalies(
  reader: HourlyReader,
  ccu: readonly HourPoint[],
  txs: readonly HourPoint[],
  errors: readonly HourPoint[],
  servers: readonly ServerRow[],
  from: number,
  to: number,
): Promise<AnomalyRow[]> {
  const learnFrom = from - ANOMALY_LEARN_WEEKS * WEEK_MS;
  const [ccuBefore, txBefore, errBefore] = await Promise.all([
    reader.series('ccu', learnFrom, from),
    reader.series('transactions', learnFrom, from),
    reader.series('errors', learnFrom, from),
  ]);
  const ccuAll = [...ccuBefore, ...ccu];
  const rateAll = errorRate([...txBefore, ...txs], [...errBefore, ...errors]);
  const rows: AnomalyRow[] = [];
  for (const [metric, series] of [
    ['ccu', ccuAll],
    ['error_rate', rateAll],
  ] as const) {
    const byT = new Map(series.map((p) => [p.t, p.value]));
    for (const run of runs(score(metric, series), from, to)) {
      const first = run[0] as Scored;
      const last = run[run.length - 1] as Scored;
      const worst = run.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.value > a.value) ? b : a));
      const expected = byT.get(worst.t - WEEK_MS);
      rows.push({
        from: first.t,
        to: last.t,
        metric,
        value: metric === 'ccu' ? Math.round(worst.value) : Math.round(worst.value * 10_000) / 10_000,
        expected:
          expected === undefined
            ? null
            : metric === 'ccu'
              ? Math.round(expected)
              : Math.round(expected * 10_000) / 10_000,
        score: Math.round(worst.score * 1000) / 1000,
        cause: await causeOf(reader, metric, worst.t, servers),
      });
    }
  }
  return rows.sort((a, b) => a.from - b.from);
}

/** The instance whose figure at `t` moved most against a week earlier (reads not listed one by one as evidence). */
async function causeOf(
  reader: HourlyReader,
  metric: AnomalyMetric,
  t: number,
  servers: readonly ServerRow[],
): Promise<AnomalyCause | null> {
  let best: { instance: string; now: number; before: number } | null = null;
  for (const { instance } of servers) {
    const figure = async (at: number): Promise<number | null> => {
      if (metric === 'ccu') return (await reader.series('ccu', at, at + HOUR_MS, instance, true))[0]?.value ?? null;
      const [tx, er] = await Promise.all([
        reader.series('transactions', at, at + HOUR_MS, instance, true),
        reader.series('errors', at, at + HOUR_MS, instance, true),
      ]);
      const n = tx[0]?.value ?? 0;
      return n > 0 ? (er[0]?.value ?? 0) / n : null;
    };
    const [now, before] = await Promise.all([figure(t), figure(t - WEEK_MS)]);
    if (now === null || before === null) continue;
    if (best === null || Math.abs(now - before) > Math.abs(best.now - best.before)) best = { instance, now, before };
  }
  if (best === null) return null;
  const round = (v: number): number => (metric === 'ccu' ? Math.round(v) : Math.round(v * 10_000) / 10_000);
  return { instance: best.instance, value: round(best.now), weekBefore: round(best.before) };
}
