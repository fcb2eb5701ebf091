// ECharts glue: one instance per element, resized with the window, sharing the dashboard's palette
// and a font stack that has Hangul glyphs (Noto Sans CJK KR ships with the system, nothing external).
/* global echarts */

export const FONT = "'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', system-ui, sans-serif";
/** Colour-blind-safe palette (Okabe–Ito), dark enough for 3:1 contrast on white. */
export const PALETTE = ['#0062a3', '#c75b00', '#00785a', '#b3206e', '#5b4fa8', '#8a6d00', '#3a3a3a'];

const charts = new Map();

/** @param {HTMLElement} node */
export function chartOf(node) {
  let chart = charts.get(node);
  if (!chart) {
    chart = echarts.init(node, null, { renderer: 'canvas' });
    charts.set(node, chart);
  }
  return chart;
}

/** Base option every dashboard chart starts from. */
export function baseOption() {
  return {
    color: PALETTE,
    textStyle: { fontFamily: FONT, color: '#1d2330' },
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 48, containLabel: true },
    tooltip: { trigger: 'axis' },
    // One scrolling row: a wrapped legend would run into the plot on narrow screens.
    legend: { type: 'scroll', top: 0, textStyle: { fontFamily: FONT, color: '#1d2330' } },
  };
}

/**
 * Two stacked line series drawing a shaded band between `low` and `high` (ECharts has no band type:
 * the lower line is transparent and the difference is stacked on it with an area fill).
 * @param {string} name @param {[number, number, number][]} points [t, low, high] @param {string} color @param {string} stack
 */
export function bandSeries(name, points, color, stack) {
  return [
    {
      name,
      type: 'line',
      stack,
      data: points.map(([t, low]) => [t, low]),
      lineStyle: { opacity: 0 },
      symbol: 'none',
      tooltip: { show: false },
      silent: true,
    },
    {
      name,
      type: 'line',
      stack,
      data: points.map(([t, low, high]) => [t, Math.max(0, high - low)]),
      lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.25 },
      symbol: 'none',
      tooltip: { show: false },
      silent: true,
    },
  ];
}

window.addEventListener('resize', () => {
  for (const chart of charts.values()) chart.resize();
});

/** Resizes the charts inside a panel that just became visible (hidden charts measure 0×0). @param {HTMLElement} panel */
export function resizeWithin(panel) {
  for (const [node, chart] of charts) if (panel.contains(node)) chart.resize();
}
