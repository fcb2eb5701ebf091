// The live view: subscribes to GET /api/v1/live (Server-Sent Events, every 2 s), shows CCU with its
// error band beside active sessions (the gap is the product's headline), rates, p95, CPU and memory
// per instance, and a rolling chart seeded from the last 10 minutes of the 2 s series.
import { baseOption, bandSeries, chartOf, PALETTE } from './charts.js';
import { bytes, el, fetchJson, num, pct } from './format.js';
import { onLangChange, t } from './i18n.js';

const KEEP_MS = 10 * 60_000;
/** @type {{t:number, ccu:number, low:number, high:number, sessions:number|null, byInstance:Record<string, number>}[]} */
const samples = [];
let lastView = null;
let connected = false;
/** The stream's configured period, from its `hello` event. */
let streamSeconds = 2;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

function render() {
  const v = lastView;
  if (!v) return;
  const total = v.total;
  const ccu = total.ccu;
  $('ccu-value').textContent = ccu ? num(ccu.value) : '–';
  $('ccu-band').textContent = ccu
    ? t('live.band', {
        band: num(Math.max(ccu.value - ccu.low, ccu.high - ccu.value)),
        low: num(ccu.low),
        high: num(ccu.high),
      })
    : '–';
  // The other configured modes side by side: the ip/cookie gap shows NAT, session/user shows churn.
  const others = v.modes
    .slice(1)
    .filter((m) => total.ccuByMode[m])
    .map((m) => t('live.otherMode', { mode: m, value: num(total.ccuByMode[m].value) }));
  $('ccu-mode').textContent = [t('live.mode', { mode: v.modes[0] ?? '–', w: v.windowSeconds }), ...others].join(' · ');
  $('sessions-value').textContent = num(total.activeSessions);
  if (total.activeSessions !== null && ccu) {
    const gap = total.activeSessions - ccu.value;
    const ratio = ccu.value > 0 ? total.activeSessions / ccu.value : null;
    $('gap-value').textContent =
      gap >= 0
        ? t('live.gap', { gap: num(gap), ratio: ratio === null ? '–' : num(ratio, 1) })
        : t('live.gapNeg', { gap: num(-gap) });
  } else {
    $('gap-value').textContent = t('live.gapNone');
  }
  $('tps-value').textContent = num(total.transactionsPerSecond, 1);
  $('eps-value').textContent = num(total.errorsPerSecond, 2);
  $('p95-value').textContent = total.p95Ms === null ? '–' : `${num(total.p95Ms)} ms`;
  renderTable(v);
  renderChart();
  setStatus(connected ? t('live.connected', { s: streamSeconds }) : t('live.lost'));
}

/** Changes the status line only when its text changes, so screen readers do not repeat it every 2 s. */
function setStatus(text) {
  const node = $('live-status');
  if (node.textContent !== text) node.textContent = text;
}

function renderTable(v) {
  const body = /** @type {HTMLTableSectionElement} */ ($('instances-table').querySelector('tbody'));
  const rows = [...v.instances, { ...v.total, instance: t('live.total') }];
  body.replaceChildren(
    ...rows.map((i) => {
      const tr = el('tr');
      const head = el('th', i.instance);
      head.setAttribute('scope', 'row');
      const band = i.ccu ? `${num(i.ccu.low)}–${num(i.ccu.high)}` : '–';
      tr.append(
        head,
        el('td', i.ccu ? num(i.ccu.value) : '–', 'n'),
        el('td', band, 'n'),
        el('td', num(i.activeSessions), 'n'),
        el('td', num(i.transactionsPerSecond, 1), 'n'),
        el('td', num(i.errorsPerSecond, 2), 'n'),
        el('td', num(i.p95Ms), 'n'),
        el('td', pct(i.cpu), 'n'),
        el('td', bytes(i.memoryBytes), 'n'),
      );
      return tr;
    }),
  );
}

function renderChart() {
  const node = $('live-chart');
  if (node.offsetParent === null) return; // hidden tab: drawn when shown
  const instances = [...new Set(samples.flatMap((s) => Object.keys(s.byInstance)))].sort();
  const option = baseOption();
  option.xAxis = { type: 'time', axisLabel: { hideOverlap: true } };
  option.yAxis = { type: 'value', min: 0 };
  option.series = [
    ...bandSeries(
      t('series.band'),
      samples.map((s) => [s.t, s.low, s.high]),
      PALETTE[0],
      'ccu-band',
    ),
    {
      name: t('series.ccu'),
      type: 'line',
      data: samples.map((s) => [s.t, s.ccu]),
      symbol: 'none',
      lineStyle: { width: 2.5, color: PALETTE[0] },
      itemStyle: { color: PALETTE[0] },
    },
    {
      name: t('series.sessions'),
      type: 'line',
      data: samples.filter((s) => s.sessions !== null).map((s) => [s.t, s.sessions]),
      symbol: 'none',
      lineStyle: { width: 2, type: 'dashed', color: PALETTE[1] },
      itemStyle: { color: PALETTE[1] },
    },
    ...instances.map((name, k) => ({
      name,
      type: 'line',
      data: samples.filter((s) => s.byInstance[name] !== undefined).map((s) => [s.t, s.byInstance[name]]),
      symbol: 'none',
      lineStyle: { width: 1, color: PALETTE[(k + 2) % PALETTE.length] },
      itemStyle: { color: PALETTE[(k + 2) % PALETTE.length] },
    })),
  ];
  option.legend.data = [t('series.ccu'), t('series.sessions'), ...instances];
  chartOf(node).setOption(option, { notMerge: true });
}

function push(v) {
  const at = Date.parse(v.at);
  const byInstance = {};
  for (const i of v.instances) if (i.ccu) byInstance[i.instance] = i.ccu.value;
  if (v.total.ccu) {
    samples.push({
      t: at,
      ccu: v.total.ccu.value,
      low: v.total.ccu.low,
      high: v.total.ccu.high,
      sessions: v.total.activeSessions,
      byInstance,
    });
  }
  while (samples.length > 0 && samples[0].t < at - KEEP_MS) samples.shift();
}

/** Seeds the chart with the stored 2 s series so it is not empty for the first minutes. */
async function seed() {
  try {
    const [ccu, sessions] = await Promise.all([
      fetchJson('/api/v1/series?metric=ccu&step=2s&from=-10m'),
      fetchJson('/api/v1/series?metric=sessions&step=2s&from=-10m'),
    ]);
    const sess = new Map(sessions.points.map((p) => [p.t, p.value]));
    for (const p of ccu.points) {
      samples.push({
        t: Date.parse(p.t),
        ccu: p.value,
        low: p.low ?? p.value,
        high: p.high ?? p.value,
        sessions: sess.get(p.t) ?? null,
        byInstance: {},
      });
    }
  } catch {
    // The live stream fills the chart on its own; the seed only saves waiting.
  }
}

export async function startLive() {
  setStatus(t('live.connecting'));
  await seed();
  const source = new EventSource('/api/v1/live');
  source.addEventListener('hello', (e) => {
    streamSeconds = JSON.parse(/** @type {MessageEvent} */ (e).data).intervalSeconds ?? 2;
  });
  source.addEventListener('live', (e) => {
    connected = true;
    lastView = JSON.parse(/** @type {MessageEvent} */ (e).data);
    push(lastView);
    render();
  });
  // EventSource reconnects by itself (the server sets `retry`); say so meanwhile.
  source.addEventListener('error', () => {
    connected = false;
    setStatus(t('live.lost'));
  });
  onLangChange(render);
}

export function redrawLive() {
  renderChart();
}
