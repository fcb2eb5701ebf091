/**
 * ECharts options for trend answers: each series as a line with its error band drawn as a shaded area
 * between low and high (a transparent base plus a stacked band), so the uncertainty is visible.
 */
import type { SeriesPoint } from '../../analysis/series/series.js';
import type { ChartOption } from './answer-types.js';
import { localTime } from './format.js';

export function bandChart(
  title: string,
  series: { name: string; points: readonly SeriesPoint[] }[],
  timeZone: string,
): ChartOption {
  const out: Record<string, unknown>[] = [];
  for (const s of series) {
    const stack = `band-${s.name}`;
    out.push(
      {
        name: `${s.name} low`,
        type: 'line',
        stack,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: s.points.map((p) => [localTime(p.t, timeZone), p.low ?? p.value]),
        tooltip: { show: false },
      },
      {
        name: `${s.name} band`,
        type: 'line',
        stack,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { opacity: 0.25 },
        data: s.points.map((p) => [localTime(p.t, timeZone), (p.high ?? p.value) - (p.low ?? p.value)]),
        tooltip: { show: false },
      },
      { name: s.name, type: 'line', symbol: 'none', data: s.points.map((p) => [localTime(p.t, timeZone), p.value]) },
    );
  }
  return {
    title: { text: title },
    tooltip: { trigger: 'axis' },
    legend: { data: series.map((s) => s.name) },
    xAxis: { type: 'category', name: timeZone },
    yAxis: { type: 'value', min: 0 },
    series: out,
  };
}
