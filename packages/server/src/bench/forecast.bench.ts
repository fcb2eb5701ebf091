/**
 * `npx promptops bench forecast`: rolling-origin back-test of the Holt-Winters forecaster against
 * seasonal-naive forecasts (and their combination) in the same run, on the NASA Kennedy 1995 hourly requests (daily + weekly
 * cycles) and Prophet's daily traffic examples (weekly cycle). Reports MASE and sMAPE per horizon, and how
 * often the actuals fell inside the product forecast's 95 % prediction band at the same origins.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sharedDataRoot } from '../analysis/anomaly/nab/nab-corpus.js';
import { rollingBacktest } from '../analysis/forecast/rolling-backtest.js';
import type { BacktestOptions } from '../analysis/forecast/rolling-backtest.js';
import { readSeriesCsv } from '../analysis/series/read-series-csv.js';
import { regularizeSeries } from '../analysis/series/regularize-series.js';
import { DAY_MS, HOUR_MS } from '../analysis/series/series.js';
import type { BenchModule } from './bench-module.js';
import { machineHeader } from './machine-info.js';

interface Dataset {
  name: string;
  file: string;
  stepMs: number;
  /** Season used to fill missing steps (one season back). */
  fillSeason: number;
  horizons: number[];
  options: (n: number) => Omit<BacktestOptions, 'horizon'>;
  describe: string;
}

/** The coverage the product claims for its forecast band (capacity and forecast answers). */
const CLAIMED_COVERAGE = 0.95;

const DATASETS: Dataset[] = [
  {
    name: 'NASA KSC 1995 hourly requests',
    file: 'nasa_kennedy_1995/nasa_hourly_requests_derived.csv',
    stepMs: HOUR_MS,
    fillSeason: 168,
    horizons: [24, 168],
    options: () => ({
      periods: [24, 168],
      firstOrigin: 21 * 24,
      originStep: 24,
      masePeriod: 24,
      naivePeriods: [24, 168],
    }),
    describe: 'periods 24 h + 168 h; origins every 24 h from day 21; MASE scaled by in-sample seasonal-naive (m=24)',
  },
  ...['example_wp_log_peyton_manning', 'example_wp_log_R', 'example_pedestrians_covid'].map((f): Dataset => ({
    name: `Prophet ${f.replace('example_', '')} (daily)`,
    file: `prophet_examples/${f}.csv`,
    stepMs: DAY_MS,
    fillSeason: 7,
    horizons: [7, 28],
    options: (n) => ({ periods: [7], firstOrigin: n - 365, originStep: 7, masePeriod: 7, naivePeriods: [7] }),
    describe: 'period 7 d; origins weekly over the last 365 days; MASE scaled by in-sample seasonal-naive (m=7)',
  })),
];

export const bench: BenchModule = {
  description:
    'Forecast back-test: Holt-Winters vs seasonal-naive (MASE, sMAPE) on NASA hourly and Prophet daily series',
  async run({ quick, log }) {
    const root = sharedDataRoot();
    const rows: string[] = [];
    const notes: string[] = [];
    const losses = { 'holt-winters': 0, combined: 0, cases: 0 };
    const bands: string[] = [];
    const pooled = { inside: 0, total: 0 };
    const caseCoverage: number[] = [];
    for (const ds of quick ? DATASETS.slice(1, 2) : DATASETS) {
      const file = path.join(root, ds.file);
      if (!existsSync(file)) {
        notes.push(`- ${ds.name}: skipped, ${file} not found`);
        continue;
      }
      const reg = regularizeSeries(readSeriesCsv(file).points, ds.stepMs, ds.fillSeason);
      notes.push(
        `- ${ds.name}: ${reg.values.length} steps (${reg.filled.length} missing filled from one season back); ${ds.describe}`,
      );
      for (const horizon of quick ? ds.horizons.slice(0, 1) : ds.horizons) {
        log(`forecast: ${ds.name}, horizon ${horizon}…`);
        const t0 = performance.now();
        const r = rollingBacktest(reg.values, {
          ...ds.options(reg.values.length),
          horizon,
          interval: { coverage: CLAIMED_COVERAGE, stepMs: ds.stepMs },
        });
        if (r.interval) {
          const c = r.interval.inside / r.interval.total;
          pooled.inside += r.interval.inside;
          pooled.total += r.interval.total;
          caseCoverage.push(c);
          bands.push(
            `| ${ds.name} | ${horizon} | ${r.origins} | ${(100 * r.interval.nominal).toFixed(0)} % | ${(100 * c).toFixed(1)} % (${r.interval.inside}/${r.interval.total}) | ${r.interval.relativeWidth.toFixed(2)} | ${r.interval.relativeWidthP90.toFixed(2)} |`,
          );
        }
        const secs = ((performance.now() - t0) / 1000).toFixed(1);
        const bestNaive = r.scores
          .filter((s) => s.model.startsWith('seasonal-naive'))
          .sort((a, b) => a.mase - b.mase)[0];
        losses.cases++;
        for (const s of r.scores) {
          if (bestNaive && s.mase >= bestNaive.mase && !s.model.startsWith('seasonal-naive')) {
            losses[s.model === 'holt-winters' ? 'holt-winters' : 'combined']++;
          }
          const mark =
            !s.model.startsWith('seasonal-naive') && bestNaive ? (s.mase < bestNaive.mase ? ' ✅' : ' ❌') : '';
          rows.push(
            `| ${ds.name} | ${horizon} | ${r.origins} | ${s.model}${mark} | ${s.mase.toFixed(3)} | ${s.smape.toFixed(2)} | ${secs} s |`,
          );
        }
      }
    }
    return [
      machineHeader('Forecast back-test (rolling origin)'),
      ...notes,
      '- models: additive Holt-Winters with damped trend and one or two seasonal cycles, grid-fitted by one-step SSE at every origin (raw or log scale, chosen by SSE on the original scale); the product default `forecastSeries` is the mean of Holt-Winters and seasonal-naive of the longest cycle (second row); ✅/❌: MASE below/above the best seasonal-naive',
      `- result: Holt-Winters alone loses to the best seasonal-naive in ${losses['holt-winters']} of ${losses.cases} series × horizon cases, the combination in ${losses.combined} of ${losses.cases}.`,
      '- caveat: the combination and the three-cycle seasonal initialisation were adopted after seeing these back-tests, so they were chosen on the test data.',
      '',
      '| series | horizon (steps) | origins | model | MASE | sMAPE % | time (all models and the band) |',
      '|---|---:|---:|---|---:|---:|---:|',
      ...rows,
      '',
      `Prediction band of the product forecast (\`forecastSeries\`, combined; half-width = split-conformal quantile of its own rolling-origin errors in the history before each origin, finite-sample corrected per horizon), scored on the same origins: share of actuals inside the band claimed to hold ${(100 * CLAIMED_COVERAGE).toFixed(0)} %.`,
      '',
      '| series | horizon (steps) | origins | claimed | actuals inside the band | band width ÷ point, median | p90 |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...bands,
      ...(pooled.total > 0
        ? [
            `| all series × horizons (pooled) | | | ${(100 * CLAIMED_COVERAGE).toFixed(0)} % | ${((100 * pooled.inside) / pooled.total).toFixed(1)} % (${pooled.inside}/${pooled.total}); cases ${(100 * Math.min(...caseCoverage)).toFixed(1)}–${(100 * Math.max(...caseCoverage)).toFixed(1)} % | | |`,
          ]
        : []),
      '',
    ].join('\n');
  },
};
