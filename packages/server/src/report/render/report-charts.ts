/**
 * The report's charts as SVG strings, rendered server-side by ECharts (SSR, no DOM, no animation):
 * the hourly CCU trend beside the previous period, the per-server distribution and daily SLA
 * availability against its target. The SVG is embedded inline in the HTML (and so in the PDF).
 */
import * as echarts from 'echarts';
import type { ReportData } from '../report-types.js';
import type { ReportFormatter } from './report-format.js';
import type { ReportLabels } from './report-labels.js';

/** Noto Sans CJK comes from the system (fonts-noto-cjk): Chromium finds it and embeds it in the PDF. */
export const CHART_FONT = "'Noto Sans CJK KR', 'Noto Sans KR', 'Noto Sans', sans-serif";

type Option = Parameters<echarts.ECharts['setOption']>[0];

function renderSvg(option: Option, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function trendChartSvg(d: ReportData, f: ReportFormatter, l: ReportLabels): string {
  const categories = d.trend.map((p) => f.day(p.t).slice(5));
  // One tick per local midnight, thinned to at most ~10 labels (daily for a week, every few days for a month).
  const midnights = d.trend.map((p, i) => (f.hour(p.t) === '00:00' ? i : -1)).filter((i) => i >= 0);
  const every = Math.max(1, Math.ceil(midnights.length / 10));
  const shown = new Set(midnights.filter((_, k) => k % every === 0));
  return renderSvg(
    {
      grid: { left: 56, right: 20, top: 40, bottom: 40 },
      legend: { top: 4, data: [l.thisPeriod, l.previousPeriod] },
      xAxis: {
        type: 'category',
        data: categories,
        axisTick: { interval: (i: number) => shown.has(i) },
        axisLabel: { interval: (i: number) => shown.has(i), fontSize: 10 },
      },
      yAxis: { type: 'value', name: 'CCU', nameTextStyle: { fontSize: 10 } },
      series: [
        {
          name: l.thisPeriod,
          type: 'line',
          showSymbol: false,
          lineStyle: { width: 1.5, color: '#1f6feb' },
          itemStyle: { color: '#1f6feb' },
          areaStyle: { color: 'rgba(31,111,235,0.08)' },
          data: d.trend.map((p) => p.peak),
        },
        {
          name: l.previousPeriod,
          type: 'line',
          showSymbol: false,
          lineStyle: { width: 1, type: 'dashed', color: '#8b949e' },
          itemStyle: { color: '#8b949e' },
          data: d.trend.map((p) => p.previousPeak),
        },
      ],
    },
    760,
    300,
  );
}

export function serverChartSvg(d: ReportData, _f: ReportFormatter, l: ReportLabels): string {
  return renderSvg(
    {
      grid: { left: 56, right: 20, top: 36, bottom: 30 },
      legend: { top: 4, data: [l.ccuPeak, l.sessionsPeak] },
      xAxis: { type: 'category', data: d.servers.map((s) => s.instance) },
      yAxis: { type: 'value' },
      series: [
        {
          name: l.ccuPeak,
          type: 'bar',
          itemStyle: { color: '#1f6feb' },
          label: { show: true, position: 'top', fontSize: 10 },
          data: d.servers.map((s) => s.ccuPeak),
        },
        {
          name: l.sessionsPeak,
          type: 'bar',
          itemStyle: { color: '#d29922' },
          label: { show: true, position: 'top', fontSize: 10 },
          data: d.servers.map((s) => s.sessionsPeak),
        },
      ],
    },
    760,
    240,
  );
}

export function slaChartSvg(d: ReportData, f: ReportFormatter, l: ReportLabels): string {
  const target = d.sla.availabilityTarget * 100;
  const values = d.sla.days.map((x) => Math.round(x.availability * 100_000) / 1000);
  const low = Math.min(target, ...values);
  return renderSvg(
    {
      grid: { left: 64, right: 24, top: 24, bottom: 50 },
      xAxis: {
        type: 'category',
        data: d.sla.days.map((x) => f.day(x.from).slice(5)),
        axisLabel: { rotate: 30, fontSize: 10 },
      },
      yAxis: {
        type: 'value',
        min: Math.floor((low - 0.05) * 100) / 100,
        max: 100,
        axisLabel: { formatter: '{value}%' },
      },
      series: [
        {
          name: l.availability,
          type: 'bar',
          data: values.map((v, i) => ({
            value: v,
            itemStyle: { color: d.sla.days[i]?.availabilityMet ? '#2da44e' : '#cf222e' },
          })),
          markLine: {
            symbol: 'none',
            label: { formatter: `${l.target} ${target}%`, fontSize: 10, position: 'insideEndTop' },
            lineStyle: { type: 'dashed', color: '#57606a' },
            data: [{ yAxis: target }],
          },
        },
      ],
    },
    760,
    240,
  );
}
