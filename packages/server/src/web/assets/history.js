// The history view: a metric over 24 h / 7 d / 30 d / 13 months at a chosen step, optionally with
// last week's or last year's curve shifted onto it, the forecast band after it and the anomalies
// the streaming detector flags marked on it; below, the hour × weekday seasonality heat map.
import { bandSeries, baseOption, chartOf, PALETTE } from './charts.js';
import { fetchJson, num } from './format.js';
import { onLangChange, t } from './i18n.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RANGES = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '13mo': 395 * DAY };
const STEP_MS = { '1m': 60_000, '5m': 300_000, '1h': HOUR };
const MAX_POINTS = 10_000;
const SHIFT = { week: 7 * DAY, year: 364 * DAY }; // 52 weeks: the same weekday last year

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
let last = null;

/** The finest step that fits the API's point limit, or the chosen one if it fits. */
function stepFor(range, chosen) {
  const span = RANGES[range];
  if (chosen !== 'auto' && span / STEP_MS[chosen] <= MAX_POINTS) return chosen;
  // Auto: about 300–2000 points, which a chart can show legibly.
  if (span <= DAY) return '1m';
  if (span <= 7 * DAY) return '5m';
  return '1h';
}

const iso = (ms) => new Date(ms).toISOString();
const toPoints = (s, shift = 0) => s.points.map((p) => [Date.parse(p.t) + shift, p.value]);

async function load() {
  const form = /** @type {HTMLFormElement} */ ($('history-form'));
  const f = new FormData(form);
  const metric = String(f.get('metric'));
  const range = String(f.get('range'));
  const chosen = String(f.get('step'));
  const step = stepFor(range, chosen);
  const overlay = String(f.get('overlay'));
  const now = Date.now();
  const from = now - RANGES[range];
  const q = (m, a, b) => `/api/v1/series?metric=${m}&step=${step}&from=${iso(a)}&to=${iso(b)}`;
  $('history-status').textContent = t('h.loading');
  try {
    const forecastStep = step === '1m' ? '5m' : step;
    // A quarter of the range ahead (at most a week), so the history stays the larger part of the chart.
    const horizon = Math.max(1, Math.round(Math.min(RANGES[range] / 4, 7 * DAY) / STEP_MS[forecastStep]));
    const [main, over, forecast, anomalies] = await Promise.all([
      fetchJson(q(metric, from, now)),
      overlay === 'none' ? null : fetchJson(q(metric, from - SHIFT[overlay], now - SHIFT[overlay])),
      f.get('forecast')
        ? fetchJson(`/api/v1/forecast?metric=${metric}&step=${forecastStep}&horizon=${horizon}`).catch((e) => ({
            error: e.message,
          }))
        : null,
      f.get('anomalies')
        ? fetchJson(`/api/v1/anomalies?metric=${metric}&step=${step}&from=${iso(from)}&to=${iso(now)}`).catch((e) => ({
            error: e.message,
            anomalies: [],
          }))
        : null,
    ]);
    last = { metric, step, overlay, main, over, forecast, anomalies, adjusted: chosen !== 'auto' && chosen !== step };
    draw();
  } catch (e) {
    $('history-status').textContent = t('error', { message: e.message });
  }
}

function draw() {
  if (!last) return;
  const { metric, step, overlay, main, over, forecast, anomalies, adjusted } = last;
  const option = baseOption();
  option.xAxis = { type: 'time', axisLabel: { hideOverlap: true } };
  option.yAxis = {
    type: 'value',
    min: 0,
    ...(metric === 'cpu' ? { max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } } : {}),
  };
  option.dataZoom = [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 8 }];
  const name = t(`metric.${metric}`);
  const series = [];
  if (main.points.some((p) => p.low !== undefined)) {
    series.push(
      ...bandSeries(
        t('series.band'),
        main.points.map((p) => [Date.parse(p.t), p.low ?? p.value, p.high ?? p.value]),
        PALETTE[0],
        'band',
      ),
    );
  }
  const anomalyPoints = (anomalies?.anomalies ?? []).map((a) => [Date.parse(a.t), a.value, a.score]);
  series.push({
    name,
    type: 'line',
    data: toPoints(main),
    symbol: 'none',
    lineStyle: { width: 1.8, color: PALETTE[0] },
    itemStyle: { color: PALETTE[0] },
  });
  if (over) {
    const label = t(overlay === 'week' ? 'series.overlayWeek' : 'series.overlayYear');
    series.push({
      name: label,
      type: 'line',
      data: toPoints(over, SHIFT[overlay]),
      symbol: 'none',
      lineStyle: { width: 1.2, type: 'dashed', color: PALETTE[6] },
      itemStyle: { color: PALETTE[6] },
    });
  }
  const notes = [t('h.summary', { n: num(main.points.length), step })];
  if (adjusted) notes.push(t('h.stepAdjusted', { step }));
  if (forecast && !forecast.error && forecast.points.length > 0) {
    const pts = forecast.points.map((p) => [Date.parse(p.t), p.low, p.high]);
    series.push(...bandSeries(t('series.forecastBand'), pts, PALETTE[2], 'forecast'));
    series.push({
      name: t('series.forecast'),
      type: 'line',
      data: forecast.points.map((p) => [Date.parse(p.t), p.value]),
      symbol: 'none',
      lineStyle: { width: 1.8, type: 'dotted', color: PALETTE[2] },
      itemStyle: { color: PALETTE[2] },
    });
    notes.push(t('h.forecastNote', { n: forecast.points.length, c: Math.round(forecast.model.coverage * 100) }));
  } else if (forecast) {
    notes.push(t('h.noForecast', { why: forecast.error ?? forecast.reason }));
  }
  if (anomalies) {
    series.push({
      name: t('series.anomaly'),
      type: 'scatter',
      data: anomalyPoints,
      symbol: 'triangle',
      symbolSize: 11,
      itemStyle: { color: '#c4001a' },
      z: 5,
    });
    notes.push(t('h.anomalyCount', { n: anomalyPoints.length }));
  }
  option.series = series;
  option.legend.data = series.filter((s) => s.type === 'scatter' || s.stack === undefined).map((s) => s.name);
  chartOf($('history-chart')).setOption(option, { notMerge: true });
  $('history-caption').textContent = `${name} — ${t('h.chart')}`;
  $('history-status').textContent = notes.join(' · ');
}

let heat = null;
async function loadHeatmap() {
  const metric = String(new FormData(/** @type {HTMLFormElement} */ ($('history-form'))).get('metric'));
  try {
    heat = await fetchJson(`/api/v1/seasonality?metric=${metric}&weeks=8`);
    drawHeatmap();
  } catch (e) {
    $('history-status').textContent = t('error', { message: e.message });
  }
}

function drawHeatmap() {
  if (!heat) return;
  const days = t('weekdays').split(',');
  const values = heat.cells.filter((c) => c.mean !== null).map((c) => c.mean);
  const option = baseOption();
  option.tooltip = {
    position: 'top',
    formatter: (p) => `${days[p.value[1]]} ${p.value[0]}:00 — ${num(p.value[2], 1)}`,
  };
  option.grid = { left: 48, right: 24, top: 16, bottom: 64, containLabel: true };
  option.xAxis = { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h)), splitArea: { show: true } };
  option.yAxis = { type: 'category', data: days, inverse: true, splitArea: { show: true } };
  option.visualMap = {
    min: values.length ? Math.min(...values) : 0,
    max: values.length ? Math.max(...values) : 1,
    calculable: true,
    orient: 'horizontal',
    left: 'center',
    bottom: 0,
    inRange: { color: ['#f3f7fb', '#7fb2d9', '#0062a3', '#00304f'] },
    formatter: (v) => num(v, 0),
  };
  option.legend = { show: false };
  option.series = [
    {
      type: 'heatmap',
      data: heat.cells.filter((c) => c.mean !== null).map((c) => [c.hour, c.weekday, Math.round(c.mean * 10) / 10]),
      emphasis: { itemStyle: { borderColor: '#1d2330', borderWidth: 1 } },
    },
  ];
  chartOf($('heatmap-chart')).setOption(option, { notMerge: true });
}

export function initHistory() {
  $('history-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
    void loadHeatmap();
  });
  onLangChange(() => {
    draw();
    drawHeatmap();
  });
}

let loaded = false;
/** Loads on first display (history queries are heavier than the live view). */
export function showHistory() {
  if (loaded) {
    draw();
    drawHeatmap();
    return;
  }
  loaded = true;
  void load();
  void loadHeatmap();
}
